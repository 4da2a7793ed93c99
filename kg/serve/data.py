"""What the workbench reads from a store: every query runs in a child process with Oxigraph's engine and stops at
the timeout; the claims table is read once per state of the store and kept."""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from ..errors import QueryError
from ..queries.named import bind_values, named_query
from ..queries.rows import Rows
from ..queries.table import claim_table
from ..rdf.sparql import QueryResult, bounded, refuse_service
from ..store.oxigraph import open_store, query as store_query

# The triples a diagram of some actors' claims needs: the claims, their parties' names, kinds, states and the
# actors their topics involve, and the articles' dates.
FOCUS_CLAIMS = """
PREFIX dip: <https://w3id.org/dipkg/ontology#>
SELECT DISTINCT ?claim WHERE {
  VALUES ?focus { %s }
  # claims naming the actor, a person or organ of it, or a topic involving it
  { ?claim dip:subject|dip:object ?focus }
  UNION { ?named dip:affiliation|dip:involves ?focus . ?claim dip:subject|dip:object ?named }
}
"""

_HEAD = """
PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
# The triples a diagram of some claims needs, one query each (Oxigraph joins VALUES into a UNION of them slowly):
# the claims, their articles' dates, their parties' names, kinds, states and topics' actors, and those in turn.
SUBGRAPH = tuple(_HEAD + "SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?claim { %s } " + body + " }" for body in (
    "?claim ?p ?o BIND(?claim AS ?s)",
    "?claim prov:wasDerivedFrom ?s . ?s dcterms:date ?o BIND(dcterms:date AS ?p)",
    "?claim dip:subject|dip:object|dip:speaker ?s . ?s ?p ?o . "
    "FILTER(?p IN (rdf:type, rdfs:label, skos:prefLabel, skos:altLabel, dip:affiliation, dip:involves, dip:role))",
    "?claim dip:subject|dip:object|dip:speaker ?node . ?node dip:affiliation|dip:involves ?s . ?s ?p ?o . "
    "FILTER(?p IN (rdf:type, rdfs:label, skos:prefLabel, skos:altLabel, dip:affiliation))",
))

ENTITY = """
PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?p ?v WHERE {
  VALUES ?node { %s }
  ?node ?p ?v .
  FILTER(?p IN (rdf:type, skos:prefLabel, skos:altLabel, owl:sameAs, dip:role, dip:affiliation, dip:involves))
}
"""

ACTORS = """
PREFIX dip: <https://w3id.org/dipkg/ontology#>
SELECT ?node ?label (COUNT(DISTINCT ?claim) AS ?claims) WHERE {
  {
    SELECT ?node (COALESCE(MIN(?l1), MIN(?l2), REPLACE(STR(?node), "^.*[/#]", "")) AS ?label) WHERE {
      ?c dip:subject|dip:object|dip:speaker ?node .
      OPTIONAL { ?node skos:prefLabel ?l1 FILTER(langMatches(lang(?l1), "%s")) }
      OPTIONAL { ?node skos:prefLabel ?l2 FILTER(langMatches(lang(?l2), "en")) }
    }
    GROUP BY ?node
  }
  ?claim dip:subject|dip:object|dip:speaker ?node .
}
GROUP BY ?node ?label
ORDER BY DESC(?claims) ?label
"""

CLAIM = """
PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?paragraph ?paragraphStart ?start ?end ?conditional ?method ?title ?articleDate ?source WHERE {
  VALUES ?claim { %s }
  ?claim prov:wasDerivedFrom ?article .
  OPTIONAL { ?claim dip:paragraph ?paragraph } OPTIONAL { ?claim dip:paragraphStart ?paragraphStart }
  OPTIONAL { ?claim dip:charStart ?start } OPTIONAL { ?claim dip:charEnd ?end }
  OPTIONAL { ?claim dip:conditional ?conditional } OPTIONAL { ?claim dip:method ?method }
  OPTIONAL { ?article dcterms:title ?title } OPTIONAL { ?article dcterms:date ?articleDate }
  OPTIONAL { ?article dcterms:source ?source }
}
"""


def _run(store_dir: str, sparql: str, limit: int | None) -> QueryResult:
    return store_query(open_store(store_dir), sparql, limit)


def _triples(store_dir: str, queries: list[str]) -> list[tuple]:
    store = open_store(store_dir)
    return [row for sparql in queries for row in store_query(store, sparql).rows]


@dataclass(eq=False)  # one per server, hashed by identity (the views cache by it)
class StoreData:
    """A store as the workbench reads it; safe to share between request threads."""

    store_dir: str
    timeout: float = 60.0
    _tables: dict[tuple[float, str], list[dict[str, Any]]] = field(default_factory=dict)
    _actors: dict[tuple[float, str], list[dict[str, Any]]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        open_store(self.store_dir)  # a missing or damaged store is told now, in one line, not at the first page

    def run(self, sparql: str, limit: int | None = None, allow_service: bool = False) -> QueryResult:
        """The answer of `sparql` (at most `limit` rows), stopped after the timeout."""
        if not allow_service:
            refuse_service(sparql)
        return bounded(_run, self.store_dir, sparql, limit, seconds=self.timeout)

    def stamp(self) -> float:
        """When the store last changed (the newest file in its folder)."""
        with os.scandir(self.store_dir) as entries:
            return max((e.stat().st_mtime for e in entries if e.is_file()), default=0.0)

    def table(self, lang: str = "en") -> list[dict[str, Any]]:
        """Every claim as a table row (kg.queries.table), read again when the store has changed."""
        key = (self.stamp(), lang)
        with self._lock:
            if key not in self._tables:
                rows = claim_table(Rows(self.run(bind_values(named_query("table"), {"lang": lang}))))
                self._tables = {key: rows}
            return self._tables[key]

    def actors(self, lang: str = "en") -> list[dict[str, Any]]:
        """Every node the claims name (IRI, label in `lang`, number of claims), most named first."""
        key = (self.stamp(), lang)
        with self._lock:
            if key not in self._actors:
                self._actors = {key: list(Rows(self.run(ACTORS % ("fa" if lang == "fa" else "en"))))}
            return self._actors[key]

    def claim(self, iri: str) -> dict[str, Any]:
        """The paragraph, offsets, method and article of one claim ({} when the store has no such claim)."""
        answer = Rows(self.run(CLAIM % _iri(iri)))
        return answer[0] if len(answer) else {}

    def provenance(self, iri: str, lang: str = "en") -> str:
        """The reporting chain of a claim's article: "Hamshahri Online ← ISNA ← Sputnik"."""
        answer = Rows(self.run(bind_values(named_query("provenance"), {"claim": f"<{iri}>", "lang": lang})))
        return answer[0]["chain"] or "" if len(answer) else ""

    def corroboration(self, statement: str, lang: str = "en") -> dict[str, Any]:
        """Articles, outlets, original sources and dates of one statement ({} when unknown)."""
        if not statement:
            return {}
        sparql = bind_values(named_query("corroboration"), {"statement": f"<{statement}>", "min": "1", "lang": lang})
        answer = Rows(self.run(sparql))
        return answer[0] if len(answer) else {}

    def statements(self, lang: str = "en") -> Rows:
        """Statements two articles or more make, with their articles, outlets and original sources."""
        return Rows(self.run(bind_values(named_query("corroboration"), {"lang": lang})))

    def contradictions(self, lang: str = "en") -> Rows:
        """Pairs of claims with the same parties and opposite relations or polarities."""
        return Rows(self.run(bind_values(named_query("contradictions"), {"lang": lang})))

    def entity(self, iri: str) -> dict[str, list[Any]]:
        """An actor's types, labels, Wikidata link, role, state and involved actors, by property name."""
        found: dict[str, list[Any]] = {}
        for p, v in self.run(ENTITY % _iri(iri)).rows:
            found.setdefault(str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1], []).append(v)
        return found

    def subgraph(self, iris: list[str]) -> Graph:
        """The claims naming any of `iris` with what a diagram of them needs."""
        claims = [row[0] for row in self.run(FOCUS_CLAIMS % " ".join(_iri(i) for i in iris)).rows]
        if not claims:
            return Graph()
        values = " ".join(f"<{c}>" for c in claims)
        graph = Graph()
        for triple in bounded(_triples, self.store_dir, [q % values for q in SUBGRAPH], seconds=self.timeout):
            graph.add(triple)
        return graph


def _iri(text: str) -> str:
    """`text` as a SPARQL IRI term; QueryError when it is not an absolute IRI that needs no escaping."""
    if not text.startswith(("http://", "https://")) or any(c in text for c in '<>"{}|^`\\ \n\t'):
        raise QueryError(f"not an IRI: {text!r}")
    return f"<{URIRef(text)}>"


def store_name(store_dir: str) -> str:
    """The store folder's name, for page titles."""
    return Path(store_dir).resolve().name
