"""kg.queries.formats: results as an aligned table, SPARQL 1.1 CSV and SPARQL 1.1 JSON."""
from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph, Literal

from kg.errors import UsageError
from kg.queries.formats import format_result
from kg.queries.named import named_query
from kg.rdf.sparql import QueryResult, run_query
from kg.rdf.vocab import DIP

from claimgraph import CLAIMS, QUOTE, build


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build()


def test_table_is_aligned_and_short(graph):
    result = run_query(graph, named_query("claims"), {"lang": Literal("fa")})
    lines = format_result(result, "table").splitlines()
    assert lines[0].split() == result.variables
    assert set(lines[1]) == {"-", " "}
    assert len(lines) == 2 + len(CLAIMS)
    text = "\n".join(lines)
    assert "dip:respects" in text and "res:claim/ham-1/" in text and "روسیه" in text and QUOTE in text
    assert "^^" not in text and "@fa" not in text and "https://" not in text
    starts = [line.index("dip:") for line in lines[2:]]
    assert len(set(starts)) == 1


def test_table_of_an_ask():
    assert format_result(QueryResult("ASK", boolean=True), "table") == "true"


def test_csv_parses_back(graph):
    result = run_query(graph, named_query("claims"))
    table = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert table[0] == result.variables
    assert len(table) == 1 + len(CLAIMS)
    row = next(dict(zip(table[0], r)) for r in table[1:] if r[2] == str(DIP.respects))
    assert row["quote"] == QUOTE
    assert row["negated"] == "false"


def test_json_is_sparql_results_json(graph):
    result = run_query(graph, named_query("claims"))
    document = json.loads(format_result(result, "json"))
    assert document["head"]["vars"] == result.variables
    bindings = document["results"]["bindings"]
    assert len(bindings) == len(CLAIMS)
    first = next(b for b in bindings if b["relation"]["value"] == str(DIP.respects))
    assert first["relation"]["type"] == "uri"
    assert first["quote"] == {"type": "literal", "value": QUOTE, "xml:lang": "fa"}
    assert first["negated"]["datatype"] == "http://www.w3.org/2001/XMLSchema#boolean"


def test_json_of_an_ask(graph):
    document = json.loads(format_result(run_query(graph, "ASK { ?s ?p ?o }"), "json"))
    assert document == {"head": {}, "boolean": True}


def test_unknown_format(graph):
    with pytest.raises(UsageError, match="xml"):
        format_result(run_query(graph, "ASK { ?s ?p ?o }"), "xml")


def test_csv_keeps_a_quote_with_line_breaks_on_one_line():
    result = QueryResult("SELECT", ["quote"], [(Literal("یک\nدو\\سه"),)])
    lines = format_result(result, "csv").splitlines()
    assert lines == ["quote", "یک\\nدو\\\\سه"]
