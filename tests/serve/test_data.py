"""kg.serve.data: the workbench's reads of a store, each stopped at the timeout; the table kept until it changes."""
from __future__ import annotations

import os
import time

import pytest

from kg.errors import QueryError, StoreError
from kg.serve.data import StoreData

IRAQ = "https://w3id.org/dipkg/resource/actor/IRQ"
SYRIA = "https://w3id.org/dipkg/resource/actor/SYR"


def test_a_missing_store_is_told_at_once(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        StoreData(str(tmp_path / "none"))


def test_the_table_is_read_once_until_the_store_changes(reports_store):
    data = StoreData(str(reports_store))
    first = data.table()
    assert len(first) == 8 and data.table() is first
    newest = max(reports_store.iterdir(), key=lambda p: p.stat().st_mtime)
    later = time.time() + 5
    os.utime(newest, (later, later))
    assert data.table() is not first and data.table() == first


def test_actors_are_counted_and_labelled_in_the_language_asked(reports_store):
    actors = {a["node"]: a for a in StoreData(str(reports_store)).actors("fa")}
    assert actors[IRAQ]["label"] == "عراق" and actors[IRAQ]["claims"] == 4


def test_a_statement_tells_its_articles_outlets_and_sources(reports_store):
    data = StoreData(str(reports_store))
    statement = next(r["statement"] for r in data.table() if r["relation"] == "supports")
    support = data.corroboration(statement)
    assert (support["articles"], support["outlets"], support["sources"]) == (3, 3, 2)
    assert data.corroboration("") == {}


def test_the_subgraph_of_an_actor_holds_its_claims_and_their_parties_names(reports_store):
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    graph = StoreData(str(reports_store)).subgraph([SYRIA])
    assert len(set(graph.subjects(URIRef("https://w3id.org/dipkg/ontology#relation"), None))) == 6
    assert graph.value(URIRef(IRAQ), SKOS.prefLabel) is not None


def test_service_calls_and_bad_iris_are_refused(reports_store):
    data = StoreData(str(reports_store))
    with pytest.raises(QueryError, match="SERVICE"):
        data.run("SELECT * WHERE { SERVICE <http://x.org/q> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="not an IRI"):
        data.entity("http://x.org/a> } ; DROP ALL #")


def test_a_query_is_stopped_at_the_timeout(reports_store):
    data = StoreData(str(reports_store), timeout=0.5)
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    with pytest.raises(QueryError, match="stopped"):
        data.run(runaway)
