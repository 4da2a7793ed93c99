"""kg.queries.rows: query answers as rows of plain Python values."""
from __future__ import annotations

import json

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.queries.rows import Rows, plain
from kg.rdf.sparql import QueryResult


def test_terms_become_plain_values():
    assert plain(URIRef("https://example.org/a")) == "https://example.org/a"
    assert plain(Literal("3", datatype=XSD.integer)) == 3
    assert plain(Literal("روسیه", lang="fa")) == "روسیه"
    assert plain(BNode("b1")) == "_:b1" and plain(None) is None


def test_rows_are_dicts_by_variable_and_keep_the_text_formats():
    result = QueryResult("SELECT", ["actor", "claims"], [(URIRef("https://example.org/RU"), Literal(2)),
                                                          (URIRef("https://example.org/IR"), None)])
    rows = Rows(result)
    assert rows.rows == [{"actor": "https://example.org/RU", "claims": 2}, {"actor": "https://example.org/IR", "claims": None}]
    assert len(rows) == 2 and rows[0]["claims"] == 2 and [r["actor"][-2:] for r in rows] == ["RU", "IR"]
    assert json.loads(rows.to_json())["head"]["vars"] == ["actor", "claims"]
    assert rows.to_csv().splitlines()[0] == "actor,claims" and "actor" in str(rows)


def test_an_ask_answer_is_a_boolean():
    rows = Rows(QueryResult("ASK", boolean=False))
    assert rows.boolean is False and str(rows) == "false" and len(rows) == 0
