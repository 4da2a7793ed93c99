"""Finding one's way into the data: actors by any of their names, and the relation vocabulary."""
from __future__ import annotations

from collections import Counter
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from ..model import Entity
from ..nlp.kb import KnowledgeBase
from ..nlp.kbdata import label_key
from ..rdf.iris import entity_iri
from ..rdf.sparql import PREFIXES, QueryResult
from ..rdf.vocab import DIP
from .rows import Rows

ACTOR_COLUMNS = ["key", "kind", "en", "fa", "wikidata", "claims", "iri"]
RELATION_COLUMNS = ["relation", "family", "plover", "cameo", "gloss", "persian", "english"]


def find_actors(text: str, kb: KnowledgeBase, graph: Graph | None = None) -> Rows:
    """Actors of the knowledge base whose key or any label (English, Persian, Arabic) contains `text` (all
    of them for ""), with their preferred English and Persian names, Wikidata id, IRI and (given a graph)
    the number of claims that name them; most claims first, then by key."""
    wanted = label_key(text).lower()
    counts = _claims_per_node(graph) if graph is not None else Counter()
    found = [e for e in kb.entities.values() if not wanted or _matches(e, wanted)]
    found.sort(key=lambda e: (-counts[entity_iri(e)], e.key))
    rows = [(Literal(e.key), Literal(e.kind), Literal(e.label("en")), Literal(e.label("fa")),
             Literal(e.wikidata) if e.wikidata else None, Literal(counts[entity_iri(e)]) if graph is not None else None,
             entity_iri(e)) for e in found]
    return Rows(QueryResult("SELECT", list(ACTOR_COLUMNS), rows, prefixes=dict(PREFIXES)))


def _matches(entity: Entity, wanted: str) -> bool:
    return wanted in entity.key.lower() or any(wanted in label_key(text).lower() for _, text in entity.labels)


def _claims_per_node(graph: Graph) -> Counter[URIRef]:
    """How many claims name each node as subject, object or speaker."""
    counts: Counter[URIRef] = Counter()
    for claim in graph.subjects(RDF.type, DIP.Claim):
        named = {o for p in (DIP.subject, DIP.object, DIP.speaker) for o in graph.objects(claim, p)}
        counts.update(named)
    return counts


def relation_vocabulary() -> Rows:
    """The relations kg codes (kg/data/relations.tsv): family, PLOVER and CAMEO codes, gloss, example cues."""
    path = resources.files("kg").joinpath("data", "relations.tsv")
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    rows = [tuple(Literal(cell) if cell else None for cell in (cells + [""] * 7)[:7]) for cells in lines]
    return Rows(QueryResult("SELECT", list(RELATION_COLUMNS), rows))
