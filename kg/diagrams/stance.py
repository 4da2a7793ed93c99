"""An actor's stance towards each other party over time: one row per party, one mark per dated claim, green for
goodwill, red for hostility, grey for the rest; a negated claim is hollow. A change of stance shows as a row
turning colour."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..rdf.vocab import DIP
from .diagram import claim_network

# Families whose claims show goodwill or hostility; the others (consult, appeal, retreat) are neither.
SUPPORTIVE = frozenset({"stance+", "agree", "cooperate", "aid"})
HOSTILE = frozenset({"stance-", "censure", "threat", "coerce", "force"})
FOLDED = {DIP.Person, DIP.Institution, DIP.Topic}  # kinds the actors view folds into their state or actors
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


def stance_of(family: str) -> str:
    """supportive, hostile or other, for a relation family."""
    return "supportive" if family in SUPPORTIVE else "hostile" if family in HOSTILE else "other"


def view_for(graph: Graph, focus: Iterable[str]) -> str:
    """"actors" unless an actor in `focus` is one the actors view folds away (a person, an organ, a topic)."""
    kinds = {t for f in focus for t in graph.objects(URIRef(f), RDF.type)}
    return "claims" if kinds & FOLDED else "actors"


def stance_points(net: nx.MultiDiGraph, actor: str) -> list[StancePoint]:
    """The claims `actor` makes in `net` (a claim network), as points of its stance timeline."""
    return [StancePoint(d.get("date", ""), net.nodes[v]["label"], stance_of(d["family"]), d["negated"], d["relation"])
            for u, v, d in net.edges(data=True) if str(u) == actor]


def draw_stance(graph: Graph, actor: str, lang: str = "en") -> Figure:
    """The stance timeline of `actor` (an IRI) from the claims of `graph`: a state's own and its people's."""
    net = claim_network(graph, lang=lang, view=view_for(graph, [actor]), actor=actor, max_nodes=10**9)
    name = net.nodes[URIRef(actor)]["label"] if URIRef(actor) in net else actor
    return stance_figure(stance_points(net, actor), f"stance of {name} towards others")
