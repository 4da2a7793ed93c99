"""An actor's stance towards each other party over time: one row per party, one mark per dated claim, green for
goodwill, red for hostility, grey for the rest; a negated claim is hollow. A change of stance shows as a row
turning colour."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

STANCE_COLOURS = {"supportive": "#1a9850", "hostile": "#d73027", "other": "#8c8c8c"}
MAX_ROWS = 15  # parties shown, most claims first


class StancePoint(NamedTuple):
    """One claim between the actor and another party."""

    date: str  # YYYY-MM-DD
    party: str  # the other party's label
    stance: str  # supportive, hostile or other
    negated: bool
    relation: str


def stance_figure(points: Iterable[StancePoint], title: str) -> Figure:
    """A timeline of `points` (those without a date are left out and counted in the title)."""
    points = list(points)
    dated = [p for p in points if p.date]
    counts: dict[str, int] = {}
    for p in dated:
        counts[p.party] = counts.get(p.party, 0) + 1
    parties = sorted(counts, key=lambda name: (-counts[name], name))[:MAX_ROWS]
    row = {name: i for i, name in enumerate(reversed(parties))}
    fig = Figure(figsize=(8, 1.2 + 0.35 * max(len(parties), 1)), layout="constrained")
    ax = fig.add_subplot()
    for p in sorted(dated, key=lambda p: (p.date, p.party)):
        if p.party not in row:
            continue
        colour = STANCE_COLOURS.get(p.stance, STANCE_COLOURS["other"])
        ax.plot([date.fromisoformat(p.date[:10])], [row[p.party]], marker="o", ms=7, ls="", color=colour,
                mfc="white" if p.negated else colour, gid=f"{p.relation} {p.party}")
    ax.set_yticks(list(row.values()), list(row), fontsize=8)
    ax.set_ylim(-0.7, max(len(row), 1) - 0.3)
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    left_out = len(points) - len(dated)
    ax.set_title(title + (f" ({left_out} undated claims not shown)" if left_out else ""), fontsize=9, loc="left")
    if not dated:
        ax.text(0.5, 0.5, "no dated claims", transform=ax.transAxes, ha="center", va="center", color="dimgrey")
    handles = [Line2D([], [], marker="o", ls="", color=c, label=name) for name, c in STANCE_COLOURS.items()]
    handles.append(Line2D([], [], marker="o", ls="", color="black", mfc="white", label="negated"))
    ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig
