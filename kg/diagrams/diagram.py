"""Claim graph -> networkx -> matplotlib figure: actors as nodes, claims as edges coloured by family."""
from __future__ import annotations

import io
import unicodedata
from collections import defaultdict
from pathlib import Path

import matplotlib
import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from ..errors import DataError, UsageError
from ..rdf import vocab
from ..rdf.files import atomic_write, check_writable
from ..rdf.vocab import DIP
from . import placement
from .timeline import draw_timeline

FAMILY_COLOURS = {
    "stance+": "#2ca02c",
    "stance-": "#ff7f0e",
    "censure": "#d62728",
    "appeal": "#9467bd",
    "threat": "#8c564b",
    "consult": "#1f77b4",
    "agree": "#17becf",
    "cooperate": "#bcbd22",
    "aid": "#e377c2",
    "coerce": "#7f0000",
    "retreat": "#7f7f7f",
    "force": "#000000",
}
OTHER = "other"
OTHER_COLOUR = "#b0b0b0"
ACTOR_STYLE = {"node_shape": "o", "node_color": "#dbe9f6", "edgecolors": "#4a6fa5"}
TOPIC_STYLE = {"node_shape": "s", "node_color": "#fdf1c7", "edgecolors": "#b38f00"}
SEED = 7
HUB_WEIGHT = 0.05
GAP = 0.11
FORMATS = (".png", ".svg", ".pdf")
LABEL_SIZE = 10
MARGINS = (0.14, 0.08)
VIEWS = ("actors", "claims")


def relation_families() -> dict[str, str]:
    """Each relation's family, from the packaged `relations.tsv`; every family must have a colour."""
    families = vocab.relation_families()
    if unknown := sorted(set(families.values()) - FAMILY_COLOURS.keys()):
        raise DataError(f"relations.tsv: families without a colour: {', '.join(unknown)}")
    return families


def claim_network(
    graph: Graph, *, lang: str = "fa", actor: str | None = None, max_nodes: int = 40, min_confidence: float = 0.0,
    view: str = "claims", dyad: tuple[str, str] | None = None, since: str | None = None, until: str | None = None,
) -> nx.MultiDiGraph:
    """Actors and topics as nodes; an edge per claim (of dip:confidence `min_confidence` or more, when given)
    and (subject, object) pair, keyed by the claim. In the "actors" view people and organs are folded into
    the state or organisation they act for, and a topic into the actors it involves (one without stays)."""
    if view not in VIEWS:
        raise UsageError(f"no view {view!r}; choose one of {', '.join(VIEWS)}")
    families = relation_families()
    net = nx.MultiDiGraph()
    members: dict[Node, set[Node]] = defaultdict(set)
    for claim in sorted(set(graph.subjects(RDF.type, DIP.Claim))):
        relation = graph.value(claim, DIP.relation)
        if relation is None:
            continue
        if min_confidence and float(graph.value(claim, DIP.confidence, default=Literal(0.0)).toPython()) < min_confidence:
            continue
        name = _tail(relation)
        negated = graph.value(claim, DIP.negated, default=Literal(False)).toPython() is True
        date = str(graph.value(claim, DIP.claimDate) or graph.value(graph.value(claim, PROV.wasDerivedFrom),
                                                                     DCTERMS.date) or "")
        if (since or until) and not (date and (since or "") <= date <= (until or "9999")):
            continue  # a claim without a date is outside any period asked for
        ends = [sorted(graph.objects(claim, p)) for p in (DIP.subject, DIP.object)]
        quote = str(graph.value(claim, DIP.quote) or "")
        speakers = ", ".join(sorted(node_label(graph, n, lang) for n in graph.objects(claim, DIP.speaker)))
        if view == "actors":
            ends = [sorted({f for n in nodes for f in _folded(graph, n, members)}) for nodes in ends]
        for s in ends[0]:
            for o in ends[1]:
                if s != o:
                    net.add_edge(s, o, key=claim, relation=name, negated=negated,
                                 family=families.get(name, OTHER), date=date, quote=quote, speakers=speakers)
    focus = _find_actor(graph, net, actor) if actor is not None else set()
    if focus:
        net = net.edge_subgraph([e for e in net.edges(keys=True) if focus & {e[0], e[1]}]).copy()
    if dyad is not None:  # the claims between two parties, either way round
        one, other = (_find_actor(graph, net, name) for name in dyad)
        net = net.edge_subgraph([e for e in net.edges(keys=True) if (e[0] in one and e[1] in other)
                                 or (e[0] in other and e[1] in one)]).copy()
        focus = one | other
    claims = defaultdict(set)
    for u, v, claim in net.edges(keys=True):
        claims[u].add(claim)
        claims[v].add(claim)
    for node in net:
        net.nodes[node].update(
            label=node_label(graph, node, lang),
            topic=(node, RDF.type, DIP.Topic) in graph,
            claims=len(claims[node]),
            members=", ".join(sorted(node_label(graph, m, lang) for m in members[node] if m != node)),
        )
    kept = _keep_largest(net, max_nodes, focus)
    kept.graph.update(focus=sorted(focus), view=view, parties=len(net),
                      claims=len({key for _, _, key in net.edges(keys=True)}))
    return kept


def _folded(graph: Graph, node: Node, members: dict[Node, set[Node]]) -> list[Node]:
    """The actors `node` stands for in the actors view: a person's or organ's state or organisation (its
    dip:affiliation), a topic's actors (dip:involves, folded too; itself when it involves none)."""
    if (node, RDF.type, DIP.Topic) in graph:
        involved = sorted(graph.objects(node, DIP.involves))
        return sorted({f for n in involved for f in _folded(graph, n, members)}) or [node]
    party = graph.value(node, DIP.affiliation) or node
    members[party].add(node)
    return [party]


def node_label(graph: Graph, node: Node, lang: str = "fa") -> str:
    """The node's skos:prefLabel in `lang` (else its least rdfs:label there), else the same in English, else its
    IRI's last segment."""
    for wanted in (lang, "en"):
        for predicate in (SKOS.prefLabel, RDFS.label):
            found = [str(o) for o in graph.objects(node, predicate)
                     if isinstance(o, Literal) and _lang_matches(o.language, wanted)]
            if found:
                return min(found)
    return _tail(node)


def draw_graph(graph: Graph, *, lang: str = "fa", max_nodes: int = 40, **selection) -> Figure:
    """A figure of the claim network (`selection`: claim_network's actor, min_confidence, view, dyad, since,
    until); Persian labels go to matplotlib raw (it shapes them itself)."""
    net = claim_network(graph, lang=lang, max_nodes=max_nodes, **selection)
    fig = Figure(figsize=(13, 9))
    timeline = selection.get("dyad") is not None and len(net) > 0
    ax = fig.add_axes((0.01, 0.25, 0.78, 0.66) if timeline else (0.01, 0.01, 0.78, 0.9))
    ax.set_axis_off()
    if timeline:  # a pair: its claims over time in a strip under the network
        draw_timeline(net, fig.add_axes((0.12, 0.05, 0.66, 0.15)), FAMILY_COLOURS, OTHER_COLOUR)
    about, shown = network_title(net, timeline)
    # two lines, so that a right-to-left name ends its line and the digits keep their place
    fig.suptitle(f"Diplomatic claims{about}\n{shown}", fontsize=14, x=0.4)
    if not len(net):
        ax.text(0.5, 0.5, "no claims to draw", ha="center", va="center", fontsize=14, color="grey")
        return fig
    sizes = {n: min(450 + 200 * d["claims"], 2600) for n, d in net.nodes(data=True)}
    disc = {n: np.sqrt(size) * fig.dpi / 72 for n, size in sizes.items()}  # diameter in pixels
    half = {n: [max(extent, disc[n]) / 2 for extent in placement.text_size(fig, d["label"], LABEL_SIZE)]
            for n, d in net.nodes(data=True)}
    pos = placement.separate(ax, _layout(net), half, MARGINS)
    for topic, style in ((False, ACTOR_STYLE), (True, TOPIC_STYLE)):
        nodes = [n for n, d in net.nodes(data=True) if d["topic"] is topic]
        nx.draw_networkx_nodes(net, pos, nodelist=nodes, node_size=[sizes[n] for n in nodes],
                               linewidths=1.2, ax=ax, **style)
    edge_labels = _draw_edges(net, pos, sizes, ax)
    labels = []
    for node, data in net.nodes(data=True):
        text = ax.text(*pos[node], data["label"], ha="center", va="center", fontsize=LABEL_SIZE, zorder=5,
                       bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.7})
        text.set_gid(f"label {node}")
        labels.append(text)
    ax.margins(x=MARGINS[0], y=MARGINS[1])
    ax.autoscale_view()  # the limits the figure will be drawn with, before anything is measured
    taken = placement.boxes(fig, labels) + placement.disc_boxes(ax, [pos[n] for n in net], [sizes[n] for n in net])
    edge_labels.sort(key=lambda item: -item[0])  # the busiest arrows keep their labels first
    dropped = {id(t) for t in placement.drop_crowded(fig, taken, [t for _, t, _ in edge_labels])}
    _legends(fig, net, [what for _, text, what in edge_labels if id(text) in dropped])
    return fig


def network_title(net: nx.MultiDiGraph, pair: bool = False) -> tuple[str, str]:
    """(whose claims, how many and what was left out) of a claim network, for a figure's or a page's title."""
    claims = {key for _, _, key in net.edges(keys=True)}
    about = f" of {net.nodes[net.graph['focus'][0]]['label']}" if net.graph["focus"] else ""
    if pair:
        about = " between " + " and ".join(sorted(d["label"] for _, d in net.nodes(data=True)))
    shown = (f"{len(claims)} claims between {len(net)} parties" if len(net) == net.graph["parties"] else
             f"{net.graph['claims']} claims; the {len(net)} most active of {net.graph['parties']} parties shown")
    return about, shown


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Write `fig` as PNG, SVG or PDF (by extension); SVG keeps labels as text; no file is dated."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"{path}: cannot draw to {suffix or 'a file without extension'}; "
                         "use .png, .svg or .pdf, .html for an interactive page (.graphml or .gexf for the network itself)")
    check_writable(path)
    out = io.BytesIO()
    if suffix == ".svg":
        return atomic_write(path, svg_text(fig))
    if suffix == ".pdf":
        fig.savefig(out, format="pdf", metadata={"CreationDate": None, "ModDate": None})
    else:
        fig.savefig(out, format="png", dpi=150)
    return atomic_write(path, out.getvalue())  # a figure whole or none, never half a file


def svg_text(fig: Figure) -> str:
    """`fig` as SVG text, labels kept as text (searchable, and shaped by the browser), without a date."""
    out = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg"}):
        fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def _draw_edges(net: nx.MultiDiGraph, pos: dict, sizes: dict[Node, int], ax: Axes) -> list[tuple[int, Text, str]]:
    """One arrow per (subject, object, relation, negated), or in the actors view per (subject, object, family,
    negated) labelled with its latest relation; thicker for repeated claims, bent apart. Returns the labels
    with their number of claims and what they say ("A → B: meets ×2")."""
    placed: list[tuple[int, Text, str]] = []
    by_family = net.graph.get("view") == "actors"
    bundles: dict[tuple, list[URIRef]] = defaultdict(list)
    latest: dict[tuple, tuple[str, str]] = {}
    for u, v, claim, d in net.edges(keys=True, data=True):
        bundle = (u, v, d["family"] if by_family else d["relation"], d["negated"], d["family"])
        bundles[bundle].append(claim)
        latest[bundle] = max(latest.get(bundle, ("", "")), (d.get("date", ""), d["relation"]))
    between: dict[frozenset, list[tuple]] = defaultdict(list)
    for bundle in sorted(bundles):
        between[frozenset(bundle[:2])].append(bundle)
    for pair in between.values():
        for i, (u, v, relation, negated, family) in enumerate(pair):
            rad = 0.0 if len(pair) == 1 else 0.12 + 0.12 * (i // 2)
            rad = -rad if i % 2 else rad
            if len(pair) > 1 and u > v:
                rad = -rad
            style = f"arc3,rad={rad}"
            count = len(bundles[(u, v, relation, negated, family)])
            colour = FAMILY_COLOURS.get(family, OTHER_COLOUR)
            arrows = nx.draw_networkx_edges(
                net, pos, edgelist=[(u, v)], edge_color=colour, style="--" if negated else "-",
                width=min(1.6 + 0.8 * (count - 1), 5), arrows=True, arrowstyle="-|>", arrowsize=14,
                node_size=[sizes[u], sizes[v]], nodelist=[u, v], connectionstyle=style, ax=ax,
            )
            for arrow in arrows:
                arrow.set_gid(f"{'negated ' if negated else ''}{relation} {u} {v}")
            shown = latest[(u, v, relation, negated, family)][1]
            label = shown if count == 1 else f"{shown} ×{count}"
            texts = nx.draw_networkx_edge_labels(
                net, pos, edge_labels={(u, v): label}, font_size=7, font_color=colour, ax=ax,
                connectionstyle=style, node_size=sizes[v], rotate=False,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
            )
            for text in texts.values():
                text.set_gid(f"edge {relation} {u} {v}")
                placed.append((count, text, f"{net.nodes[u]['label']} → {net.nodes[v]['label']}: {label}"))
    return placed


def _layout(net: nx.MultiDiGraph) -> dict[Node, tuple[float, float]]:
    """Spring layout with one spring per related pair, the network's parts kept together."""
    # a hidden hub tied weakly to every node keeps disconnected parts from drifting far apart
    simple = nx.Graph()
    simple.add_nodes_from(net)
    simple.add_edges_from(net.edges(), weight=1.0)
    hub = URIRef("urn:kg:hub")
    simple.add_edges_from(((hub, n) for n in net), weight=HUB_WEIGHT)
    pos = nx.spring_layout(simple, seed=SEED, k=2.4 / len(simple) ** 0.5, iterations=500)
    del pos[hub]
    return _spread(pos)


def _spread(pos: dict[Node, np.ndarray], gap: float = GAP) -> dict[Node, np.ndarray]:
    """Push apart nodes closer than `gap` (twice as far sideways, where the labels are wide)."""
    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    stretch = np.array([0.5, 1.0])
    for _ in range(200):
        diff = (xy[:, None, :] - xy[None, :, :]) * stretch
        dist = np.hypot(diff[..., 0], diff[..., 1])
        np.fill_diagonal(dist, np.inf)
        deficit = np.clip(gap - dist, 0.0, None)
        if not deficit.any():
            break
        xy += (diff / np.maximum(dist, 1e-9)[..., None] * (deficit / 2)[..., None]).sum(axis=1) / stretch
    return dict(zip(nodes, xy))


UNLABELLED_SHOWN = 12  # arrows whose label found no free place, listed beside the figure


def _legends(fig: Figure, net: nx.MultiDiGraph, unlabelled: list[str]) -> None:
    """A legend of the relation families drawn, a key to node shapes and dashed edges, and the labels of the
    arrows that had no free place for them."""
    present = {d["family"] for _, _, d in net.edges(data=True)}
    order = [f for f in (*FAMILY_COLOURS, OTHER) if f in present]
    handles = [Line2D([], [], color=FAMILY_COLOURS.get(f, OTHER_COLOUR), lw=2.5) for f in order]
    families = fig.legend(handles, order, title="relation family", loc="upper left",
                          bbox_to_anchor=(0.8, 0.9), frameon=False)
    families.set_gid("families")
    key = [
        *(Line2D([], [], ls="", marker=style["node_shape"], ms=11, mfc=style["node_color"],
                 mec=style["edgecolors"]) for style in (ACTOR_STYLE, TOPIC_STYLE)),
        Line2D([], [], color="dimgrey", lw=1.8),
        Line2D([], [], color="dimgrey", lw=1.8, ls="--"),
    ]
    fig.legend(key, ["actor", "topic", "claim", "negated claim"], loc="lower left",
               bbox_to_anchor=(0.8, 0.08), frameon=False).set_gid("key")
    if unlabelled:
        lines = unlabelled[:UNLABELLED_SHOWN]
        if len(unlabelled) > UNLABELLED_SHOWN:
            lines.append(f"and {len(unlabelled) - UNLABELLED_SHOWN} more")
        fig.text(0.805, 0.5, "arrows not labelled:\n" + "\n".join(lines), fontsize=7, va="center",
                 ha="left", color="dimgrey", gid="unlabelled")


def _find_actor(graph: Graph, net: nx.MultiDiGraph, actor: str) -> set[Node]:
    """The nodes `actor` names: by IRI, or by any of their labels (case and form folded)."""
    if ":" in actor and not any(c.isspace() for c in actor) and URIRef(actor) in net:
        return {URIRef(actor)}
    wanted = _fold(actor)
    found = {n for n in net for label in graph.objects(n, RDFS.label) if _fold(str(label)) == wanted}
    if not found:
        raise UsageError(f"no actor in the claims has the IRI or label {actor!r}")
    return found


def _keep_largest(net: nx.MultiDiGraph, max_nodes: int, focus: set[Node]) -> nx.MultiDiGraph:
    """The subgraph of the `max_nodes` nodes in most claims (the focus first), without isolated nodes."""
    ranked = sorted(
        net, key=lambda n: (n not in focus, -net.nodes[n]["claims"], net.nodes[n]["label"], str(n))
    )
    kept = net.subgraph(ranked[:max_nodes]).copy()
    kept.remove_nodes_from([n for n in list(kept) if kept.degree(n) == 0 and n not in focus])
    return kept


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _lang_matches(tag: str | None, wanted: str) -> bool:
    return bool(tag) and (tag.lower() == wanted.lower() or tag.lower().startswith(wanted.lower() + "-"))


def _tail(iri: Node) -> str:
    return str(iri).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
