"""What each workbench page shows, gathered from the store: a claim with its evidence and sources, an actor with
its claims, stance timeline and diagram, a pair of actors over time."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import networkx as nx
from rdflib import Graph

from ..diagrams.diagram import claim_network, draw_graph, svg_text
from ..diagrams.stance import draw_stance, view_for
from ..errors import UsageError
from .data import StoreData

CONTEXT = 350  # characters of a long paragraph shown on each side of the evidence
DIAGRAM_NODES = 25
ALL = 10**9


def claim_view(data: StoreData, iri: str, lang: str) -> dict[str, Any]:
    """One claim: its row, the evidence in its paragraph, the reporting chain, what corroborates it."""
    rows = data.table(lang)
    row = next((r for r in rows if r["claim"] == iri), None)
    if row is None:
        raise UsageError(f"no claim {iri!r} in this store")
    detail = data.claim(iri)
    before, evidence, after = _evidence(detail)
    others = [r for r in rows if r["statement"] and r["statement"] == row["statement"] and r["claim"] != iri]
    names = _names(data, lang)
    return {"row": row, "before": before, "evidence": evidence, "after": after, "detail": detail,
            "chain": data.provenance(iri, lang), "support": data.corroboration(row["statement"], lang),
            "others": others,
            "parties": {role: [(i, names.get(i, i)) for i in row[f"{role}s"]] for role in ("subject", "object", "speaker")}}


def _evidence(detail: dict[str, Any]) -> tuple[str, str, str]:
    """(text before, the evidence, text after) in the claim's paragraph, long paragraphs cut around it."""
    paragraph, offset = detail.get("paragraph"), detail.get("paragraphStart")
    start, end = detail.get("start"), detail.get("end")
    if not paragraph or offset is None or start is None or end is None:
        return "", "", ""
    a, b = max(0, start - offset), max(0, end - offset)
    before, evidence, after = paragraph[:a], paragraph[a:b], paragraph[b:]
    if len(before) > CONTEXT:
        before = "… " + before[-CONTEXT:]
    if len(after) > CONTEXT:
        after = after[:CONTEXT] + " …"
    return before, evidence, after


def actor_view(data: StoreData, iri: str, lang: str) -> dict[str, Any]:
    """An actor: its names, Wikidata link, office and state, the claims it made, received and voiced."""
    entity = data.entity(iri)
    if not entity:
        raise UsageError(f"no actor {iri!r} in this store")
    names = _names(data, lang)
    rows = data.table(lang)
    by_claim = {r["claim"]: r for r in rows}
    net = _network(data, (iri,), lang)
    made = {str(k) for u, v, k in net.edges(keys=True) if str(u) == iri}
    received = {str(k) for u, v, k in net.edges(keys=True) if str(v) == iri}
    voiced = [r for r in rows if iri in r["speakers"]]
    def labelled(prop: str, tag: str) -> list[str]:
        return sorted({str(v) for v in entity.get(prop, []) if getattr(v, "language", None) == tag})

    return {
        "iri": iri, "label": names.get(iri, iri),
        "preferred": {tag: labelled("prefLabel", tag) for tag in ("en", "fa", "ar")},
        "alternatives": {tag: labelled("altLabel", tag) for tag in ("en", "fa", "ar")},
        "wikidata": [str(w) for w in entity.get("sameAs", []) if "wikidata.org" in str(w)],
        "kinds": [str(t).rsplit("#", 1)[-1] for t in entity.get("type", [])],
        "role": [str(r) for r in entity.get("role", [])],
        "affiliation": [(str(a), names.get(str(a), str(a))) for a in entity.get("affiliation", [])],
        "made": [by_claim[c] for c in sorted(made, key=_order(by_claim)) if c in by_claim],
        "received": [by_claim[c] for c in sorted(received, key=_order(by_claim)) if c in by_claim],
        "voiced": voiced,
        "partners": _partners(net, iri, names),
    }


def dyad_view(data: StoreData, a: str, b: str, lang: str) -> dict[str, Any]:
    """Two actors: every claim either way between them (their people and topics included), by date."""
    if not a or not b or a == b:
        raise UsageError("a pair needs two different actors: ?a=IRI&b=IRI")
    names = _names(data, lang)
    by_claim = {r["claim"]: r for r in data.table(lang)}
    net = _network(data, (a, b), lang)
    claims = {str(k) for _, _, k in net.edges(keys=True)}
    rows = sorted((by_claim[c] for c in claims if c in by_claim), key=lambda r: (r["date"], r["claim"]))
    return {"a": a, "b": b, "a_label": names.get(a, a), "b_label": names.get(b, b), "rows": rows}


def figure_of(data: StoreData, kind: str, iri: str, a: str, b: str, lang: str) -> str:
    """The SVG of an actor's diagram ("actor") or stance timeline ("stance"), or a pair's diagram ("dyad")."""
    if kind == "dyad":
        return _svg(data, (a, b), lang, "dyad")
    if kind in ("actor", "stance"):
        return _svg(data, (iri,), lang, kind)
    raise UsageError(f"no figure {kind!r}")


@lru_cache(maxsize=32)
def _drawn(data: StoreData, stamp: float, focus: tuple[str, ...], lang: str, kind: str) -> str:
    graph = _subgraph(data, stamp, focus)
    view = view_for(graph, focus)
    if kind == "stance":
        return svg_text(draw_stance(graph, focus[0], lang))
    if kind == "dyad":
        return svg_text(draw_graph(graph, lang=lang, view=view, dyad=focus, max_nodes=DIAGRAM_NODES))
    return svg_text(draw_graph(graph, lang=lang, view=view, actor=focus[0], max_nodes=DIAGRAM_NODES))


def _svg(data: StoreData, focus: tuple[str, ...], lang: str, kind: str) -> str:
    return _drawn(data, data.stamp(), focus, lang, kind)


@lru_cache(maxsize=32)
def _subgraph(data: StoreData, stamp: float, focus: tuple[str, ...]) -> Graph:
    return data.subgraph(list(focus))


def _network(data: StoreData, focus: tuple[str, ...], lang: str) -> nx.MultiDiGraph:
    """The claims of the focus actors as kg draw builds them: folded into states where the actor is one."""
    graph = _subgraph(data, data.stamp(), focus)
    if not len(graph):
        return nx.MultiDiGraph()
    view = view_for(graph, focus)
    if len(focus) == 2:
        return claim_network(graph, lang=lang, view=view, dyad=focus, max_nodes=ALL)
    return claim_network(graph, lang=lang, view=view, actor=focus[0], max_nodes=ALL)


def _partners(net: nx.MultiDiGraph, iri: str, names: dict[str, str]) -> list[tuple[str, str, int]]:
    """The parties the actor has claims with: (IRI, label, number of claims), most first."""
    counts: dict[str, int] = {}
    for u, v in net.edges():
        other = str(v) if str(u) == iri else str(u) if str(v) == iri else None
        if other and other != iri:
            counts[other] = counts.get(other, 0) + 1
    return sorted(((o, names.get(o, o), n) for o, n in counts.items()), key=lambda t: (-t[2], t[1]))


def _names(data: StoreData, lang: str) -> dict[str, str]:
    return {a["node"]: a["label"] for a in data.actors(lang)}


def _order(by_claim: dict[str, dict]):
    return lambda claim: (by_claim.get(claim, {}).get("date", ""), claim)
