"""A pair's claims over time: one mark per claim on a date axis, coloured by relation family, negated hollow."""
from __future__ import annotations

from datetime import date

import networkx as nx
from matplotlib.axes import Axes


def draw_timeline(net: nx.MultiDiGraph, ax: Axes, colours: dict[str, str], other: str) -> int:
    """Draw the dated claims of `net` on `ax` (one row per direction); return how many had a date."""
    ends = sorted(net)
    rows = {(u, v): i for i, (u, v) in enumerate((a, b) for a in ends for b in ends if a != b)}
    drawn = 0
    seen = set()
    for u, v, claim, data in sorted(net.edges(keys=True, data=True), key=lambda e: (e[3].get("date", ""), str(e[2]))):
        if not data.get("date") or (claim, u, v) in seen:
            continue
        seen.add((claim, u, v))
        when = date.fromisoformat(data["date"][:10])
        colour = colours.get(data["family"], other)
        ax.plot([when], [rows[(u, v)]], marker="o", ms=7, ls="", color=colour,
                mfc="white" if data["negated"] else colour, gid=f"claim {claim}")
        drawn += 1
    ax.set_yticks(list(rows.values()), [f"{net.nodes[u]['label']} → {net.nodes[v]['label']}" for u, v in rows],
                  fontsize=8)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title("claims by date" if drawn else "no dated claims", fontsize=9, loc="left")
    return drawn
