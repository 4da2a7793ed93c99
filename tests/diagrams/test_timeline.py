"""kg.diagrams.timeline: a pair's claims on a date axis."""
from __future__ import annotations

import networkx as nx
from matplotlib.figure import Figure

from kg.diagrams.diagram import FAMILY_COLOURS, OTHER_COLOUR
from kg.diagrams.timeline import draw_timeline


def pair() -> nx.MultiDiGraph:
    net = nx.MultiDiGraph()
    net.add_node("ir", label="Iran")
    net.add_node("us", label="United States")
    net.add_edge("ir", "us", key="c1", relation="criticizes", family="censure", negated=False, date="2020-10-01")
    net.add_edge("us", "ir", key="c2", relation="meets", family="consult", negated=True, date="2019-09-20")
    net.add_edge("us", "ir", key="c3", relation="supports", family="stance+", negated=False, date="")
    return net


def test_each_dated_claim_is_one_mark_in_its_direction_row_and_family_colour():
    ax = Figure().add_subplot()
    assert draw_timeline(pair(), ax, FAMILY_COLOURS, OTHER_COLOUR) == 2
    marks = {line.get_gid(): line for line in ax.lines}
    assert set(marks) == {"claim c1", "claim c2"}
    assert marks["claim c1"].get_color() == FAMILY_COLOURS["censure"]
    assert marks["claim c2"].get_markerfacecolor() == "white"  # negated: hollow
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Iran → United States", "United States → Iran"]


def test_a_dyad_figure_has_its_timeline_under_the_network(demo_graph):
    from kg.diagrams.diagram import draw_graph

    fig = draw_graph(demo_graph, lang="en", view="actors", dyad=("Russia", "Iraq"))
    assert len(fig.axes) == 2 and "between Iraq and Russia" in fig._suptitle.get_text()
