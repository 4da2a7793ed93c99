"""kg.diagrams.diagram: the claim network, the figure drawn from it, and the files written."""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from rdflib import Graph

from kg.diagrams.diagram import claim_network, draw_graph, node_label, relation_families, save_figure
from kg.errors import UsageError
from kg.model import Article, Claim, Entity
from kg.rdf.build import add_article, add_claim, new_graph
from kg.rdf.iris import claim_iri, entity_iri

RUS = Entity("RUS", "state", (("en", "Russia"), ("fa", "روسیه")), "Q159")
IRQ = Entity("IRQ", "state", (("en", "Iraq"), ("fa", "عراق")), "Q796")
SYR = Entity("SYR", "state", (("en", "Syria"), ("fa", "سوریه")), "Q858")
IRN = Entity("IRN", "state", (("en", "Iran"), ("fa", "ایران")), "Q794")
KURDS = Entity("KURDS", "group", (("en", "Kurdish militias"),))
ARAB_LEAGUE = Entity("ARAB_LEAGUE", "organization", (("en", "Arab League"), ("fa", "اتحادیه عرب")))
RETURN = Entity(
    "SYR_RETURN_AL", "topic",
    (("en", "return of Syria to the Arab League"), ("fa", "بازگشت سوریه به اتحادیه عرب")),
    involves=(SYR, ARAB_LEAGUE),
)
CLAIMS = (
    Claim("a", "respects", (RUS,), (IRQ,), start=1),
    Claim("a", "supports", (IRQ,), (RETURN,), start=2),
    Claim("a", "joins", (RUS,), (IRN,), negated=True, modality="future", start=3),
    Claim("a", "meets", (RUS, SYR), (RUS, SYR), start=4),
    Claim("a", "criticizes", (SYR,), (IRN,), start=5),
    Claim("a", "fights", (SYR,), (KURDS,), start=6),
)
PERSIAN = {
    entity_iri(RUS): "روسیه", entity_iri(IRQ): "عراق", entity_iri(SYR): "سوریه", entity_iri(IRN): "ایران",
    entity_iri(RETURN): "بازگشت سوریه به اتحادیه عرب", entity_iri(KURDS): "Kurdish militias",
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = new_graph()
    add_article(g, Article("a", "a.txt", "x", "x", (0,)))
    for claim in CLAIMS:
        add_claim(g, claim)
    return g


@pytest.fixture(scope="module")
def figure(graph) -> Figure:
    return draw_graph(graph)


def arrows(fig: Figure) -> list[FancyArrowPatch]:
    return [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]


def node_texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts if (t.get_gid() or "").startswith("label ")]


# the network


def test_every_relation_has_a_family():
    families = relation_families()
    assert families["supports"] == "stance+" and families["fights"] == "force"
    assert len(families) == 32


def test_network_nodes_and_edges(graph):
    net = claim_network(graph)
    assert set(net) == set(PERSIAN)
    # one edge per claim and (subject, object) pair, a party never facing itself: meets gives two
    assert net.number_of_edges() == 7
    assert {key for _, _, key in net.edges(keys=True)} == {claim_iri(c) for c in CLAIMS}
    assert dict(net.nodes(data="label")) == PERSIAN
    assert [n for n, topic in net.nodes(data="topic") if topic] == [entity_iri(RETURN)]
    assert net.nodes[entity_iri(RUS)]["claims"] == 3
    joins = net.edges[entity_iri(RUS), entity_iri(IRN), claim_iri(CLAIMS[2])]
    assert joins == {"relation": "joins", "negated": True, "family": "cooperate", "date": "", "quote": CLAIMS[2].quote,
                     "speakers": ""}


def test_network_labels_in_english(graph):
    net = claim_network(graph, lang="en")
    assert net.nodes[entity_iri(RETURN)]["label"] == "return of Syria to the Arab League"


def test_node_label_falls_back_to_english_then_the_iri(graph):
    assert node_label(graph, entity_iri(KURDS), "fa") == "Kurdish militias"
    assert node_label(graph, entity_iri(Entity("NOBODY", "group", ())), "fa") == "NOBODY"


@pytest.mark.parametrize("actor", ["Iran", "ایران", "iran", str(entity_iri(IRN))])
def test_actor_filter_keeps_its_neighbourhood(graph, actor):
    net = claim_network(graph, actor=actor)
    assert set(net) == {entity_iri(IRN), entity_iri(RUS), entity_iri(SYR)}
    assert net.number_of_edges() == 2
    assert net.graph["focus"] == [entity_iri(IRN)]


def test_unknown_actor(graph):
    with pytest.raises(UsageError, match="Atlantis"):
        claim_network(graph, actor="Atlantis")


def test_max_nodes_keeps_the_busiest(graph):
    net = claim_network(graph, max_nodes=2)
    assert set(net) == {entity_iri(RUS), entity_iri(SYR)}
    assert net.number_of_edges() == 2


# the figure


def test_figure_draws_every_node_with_its_raw_label(figure):
    assert sorted(node_texts(figure)) == sorted(PERSIAN.values())


def test_legend_lists_the_families_present(figure):
    legend = next(leg for leg in figure.legends if leg.get_gid() == "families")
    assert [t.get_text() for t in legend.get_texts()] == ["stance+", "censure", "consult", "cooperate", "force"]
    assert legend.get_title().get_text() == "relation family"


def test_negated_claims_are_dashed(figure):
    drawn = {a.get_gid(): a.get_linestyle() for a in arrows(figure)}
    negated = {gid for gid in drawn if gid.startswith("negated ")}
    assert negated == {f"negated joins {entity_iri(RUS)} {entity_iri(IRN)}"}
    assert all(drawn[gid] == "--" for gid in negated)
    assert all(style == "-" for gid, style in drawn.items() if gid not in negated)
    assert len(drawn) == 7


def test_edges_are_labelled_with_their_relation(figure):
    labels = {t.get_text() for t in figure.axes[0].texts if not (t.get_gid() or "").startswith("label ")}
    assert {"respects", "supports", "joins", "meets", "criticizes", "fights"} <= labels


def test_title_names_the_actor(graph):
    fig = draw_graph(graph, actor="Iran", lang="en")
    assert fig.get_suptitle().splitlines() == ["Diplomatic claims of Iran", "2 claims between 3 parties"]


def test_draw_leaves_no_pyplot_figure(graph):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    draw_graph(graph)
    assert plt.get_fignums() == before


def test_empty_graph_draws_a_note():
    fig = draw_graph(new_graph())
    assert [t.get_text() for t in fig.axes[0].texts] == ["no claims to draw"]


def test_layout_is_deterministic(graph, figure):
    again = draw_graph(graph)
    assert [t.get_position() for t in again.axes[0].texts] == [t.get_position() for t in figure.axes[0].texts]


# the files


def test_png_written(figure, tmp_path):
    path = save_figure(figure, tmp_path / "claims.png")
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_svg_keeps_the_persian_labels_as_text(figure, tmp_path):
    path = save_figure(figure, tmp_path / "claims.SVG")
    texts = {"".join(e.itertext()).strip() for e in ET.parse(path).iter("{http://www.w3.org/2000/svg}text")}
    assert set(PERSIAN.values()) <= texts
    assert path.stat().st_size > 20_000


def test_svg_is_reproducible(graph, figure, tmp_path):
    first = save_figure(figure, tmp_path / "one.svg").read_bytes()
    second = save_figure(draw_graph(graph), tmp_path / "two.svg").read_bytes()
    assert first == second


@pytest.mark.parametrize("name", ["claims.jpg", "claims"])
def test_other_extensions_are_refused(figure, tmp_path, name):
    with pytest.raises(UsageError, match="png, .svg or .pdf"):
        save_figure(figure, tmp_path / name)


def test_query_and_draw_do_not_import_spacy():
    code = "import sys, kg.queries.named, kg.diagrams.diagram; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_confidence_floor_leaves_out_less_certain_claims(demo_graph):
    from kg.diagrams.diagram import claim_network

    everything = claim_network(demo_graph, lang="en")
    confident = claim_network(demo_graph, lang="en", min_confidence=0.8)
    assert 0 < confident.number_of_edges() < everything.number_of_edges()


def test_the_actors_view_folds_people_into_their_states_and_topics_into_their_actors(demo_graph):
    from kg.diagrams.diagram import claim_network

    net = claim_network(demo_graph, lang="en", view="actors")
    labels = {data["label"] for _, data in net.nodes(data=True)}
    assert {"Russia", "Iraq"} <= labels and not {"Sergey Lavrov", "Mohammed Ali al-Hakim"} & labels
    russia = next(n for n, d in net.nodes(data=True) if d["label"] == "Russia")
    assert "Sergey Lavrov" in net.nodes[russia]["members"]
    assert not [label for label in labels if "matter of" in label]


def test_a_capped_figure_says_what_it_left_out(demo_graph):
    from kg.diagrams.diagram import draw_graph

    title = draw_graph(demo_graph, lang="en", max_nodes=3, view="actors")._suptitle.get_text()
    assert "the 3 most active of" in title


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_the_network_is_written_for_gephi_and_cytoscape(demo_graph, tmp_path, suffix):
    import networkx as nx

    from kg import api

    path = api.draw(demo_graph, tmp_path / f"seed{suffix}", lang="en")
    net = (nx.read_graphml if suffix == ".graphml" else nx.read_gexf)(path)
    labels = {data["label"] for _, data in net.nodes(data=True)}
    assert "Russia" in labels and "Sergey Lavrov" not in labels
    assert all(data["claims"] >= 1 and data["families"] for _, _, data in net.edges(data=True))


def test_a_pdf_is_drawn(demo_graph, tmp_path):
    from kg import api

    assert api.draw(demo_graph, tmp_path / "seed.pdf", lang="en").read_bytes().startswith(b"%PDF")


def test_a_dyad_keeps_only_the_claims_between_the_two(demo_graph):
    from kg.diagrams.diagram import claim_network

    net = claim_network(demo_graph, lang="en", view="actors", dyad=("Russia", "Iraq"))
    labels = {data["label"] for _, data in net.nodes(data=True)}
    assert labels == {"Russia", "Iraq"} and net.number_of_edges() > 1


def test_a_period_keeps_the_claims_dated_in_it(demo_graph):
    from kg.diagrams.diagram import claim_network

    dated = claim_network(demo_graph, lang="en", since="1900-01-01", until="2100-12-31")
    assert claim_network(demo_graph, lang="en", until="1900-01-01").number_of_edges() == 0
    assert dated.number_of_edges() <= claim_network(demo_graph, lang="en").number_of_edges()
