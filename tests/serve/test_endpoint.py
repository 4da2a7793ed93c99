"""The workbench's SPARQL 1.1 Protocol endpoint: content negotiation on hand-made answers, then the protocol
spoken over HTTP to `kg serve` on a real store."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import QueryError
from kg.rdf.sparql import QueryResult
from kg.serve.endpoint import answer, failure, negotiate

SELECT = "SELECT ?claim ?quote WHERE { ?claim dip:quote ?quote } ORDER BY ?claim"
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"


def test_negotiation_honours_quality_and_wildcards():
    offered = {"application/sparql-results+json": "json", "text/csv": "csv"}
    assert negotiate("", offered) == "application/sparql-results+json"
    assert negotiate("text/csv;q=0.9, application/sparql-results+json;q=0.5", offered) == "text/csv"
    assert negotiate("text/*", offered) == "text/csv"
    assert negotiate("*/*;q=0.1", offered) == "application/sparql-results+json"
    assert negotiate("image/png", offered) is None


def test_rows_beyond_the_cap_are_cut_and_the_answer_says_so():
    rows = [(URIRef(f"http://x.org/{i}"), Literal(f"quote {i}")) for i in range(5)]
    given = answer(QueryResult("SELECT", ["claim", "quote"], rows), "text/csv", row_cap=3)
    assert given.status == 200 and given.headers == {"X-Kg-Row-Cap": "3", "X-Kg-Truncated": "true"}
    assert len(list(csv.reader(io.StringIO(given.body.decode())))) == 1 + 3


def test_tsv_writes_terms_in_turtle_syntax_with_tabs_escaped():
    rows = [(URIRef("http://x.org/a"), Literal("one\ttwo\nthree", lang="fa"))]
    body = answer(QueryResult("SELECT", ["s", "o"], rows), "text/tab-separated-values", 10).body.decode()
    assert body.splitlines() == ["?s\t?o", '<http://x.org/a>\t"one\\ttwo\\nthree"@fa']


def test_an_ask_answer_is_refused_as_csv_but_given_as_json():
    result = QueryResult("ASK", boolean=True)
    assert answer(result, "text/csv", 10).status == 406
    assert json.loads(answer(result, "application/sparql-results+json", 10).body)["boolean"] is True


def test_a_stopped_query_is_503_and_a_bad_one_400():
    assert failure(QueryError("the query ran longer than 1 s and was stopped (--timeout SECONDS)")).status == 503
    assert failure(QueryError("SPARQL syntax error: at 1:3")).status == 400


# over HTTP

def get(url: str, accept: str = "") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def post(url: str, body: bytes, content_type: str, accept: str = "") -> tuple[int, dict, bytes]:
    headers = {"Content-Type": content_type} | ({"Accept": accept} if accept else {})
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def sparql_url(server: str, query: str, **extra: str) -> str:
    return f"{server}/sparql?" + urllib.parse.urlencode({"query": query, **extra})


def test_select_answers_in_each_results_format(server):
    status, headers, body = get(sparql_url(server, SELECT), "application/sparql-results+json")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    bindings = json.loads(body)["results"]["bindings"]
    assert bindings and {"claim", "quote"} <= set(bindings[0])
    quotes = [b["quote"]["value"] for b in bindings]

    status, headers, body = get(sparql_url(server, SELECT), "application/sparql-results+xml")
    literals = [e.text for e in ET.fromstring(body).iter(f"{RESULTS_NS}literal")]
    assert status == 200 and literals == quotes

    status, headers, body = get(sparql_url(server, SELECT), "text/csv")
    assert [r["quote"] for r in csv.DictReader(io.StringIO(body.decode()))] == quotes

    status, headers, body = get(sparql_url(server, SELECT), "text/tab-separated-values")
    lines = body.decode().splitlines()
    assert lines[0] == "?claim\t?quote" and len(lines) == 1 + len(quotes)


def test_the_row_cap_is_stated_in_the_response(server):
    status, headers, body = get(sparql_url(server, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"), "text/csv")
    assert status == 200 and headers["X-Kg-Row-Cap"] == "50" and headers["X-Kg-Truncated"] == "true"
    assert len(list(csv.reader(io.StringIO(body.decode(), newline="")))) == 1 + 50


def test_ask_and_construct_by_post(server):
    status, _, body = post(server + "/sparql", b"ASK { ?c a dip:Claim }", "application/sparql-query",
                           "application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True
    construct = "CONSTRUCT { ?c dip:quote ?q } WHERE { ?c dip:quote ?q }"
    form = urllib.parse.urlencode({"query": construct}).encode()
    status, headers, body = post(server + "/sparql", form, "application/x-www-form-urlencoded", "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(Graph().parse(data=body.decode(), format="turtle")) > 0
    status, _, body = get(sparql_url(server, construct, format="nt"))
    assert status == 200 and len(Graph().parse(data=body.decode(), format="nt")) > 0


def test_updates_are_refused(server):
    update = "DELETE WHERE { ?s ?p ?o }"
    assert post(server + "/sparql", update.encode(), "application/sparql-update")[0] == 403
    form = urllib.parse.urlencode({"update": update}).encode()
    assert post(server + "/sparql", form, "application/x-www-form-urlencoded")[0] == 403
    status, _, body = get(sparql_url(server, update))
    assert status == 400 and b"syntax error" in body
    status, _, body = get(sparql_url(server, "ASK { ?c a dip:Claim }"), "application/sparql-results+json")
    assert json.loads(body)["boolean"] is True  # nothing was deleted


def test_a_runaway_query_is_stopped_at_the_timeout(server):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, _, body = get(sparql_url(server, runaway))
    assert status == 503 and b"stopped" in body


def test_service_calls_are_refused(server):
    status, _, body = get(sparql_url(server, "SELECT * WHERE { SERVICE <http://example.org/q> { ?s ?p ?o } }"))
    assert status == 400 and b"SERVICE" in body


def test_kg_query_reads_the_endpoint(server):
    done = subprocess.run([sys.executable, "-m", "kg.cli", "query", "--endpoint", server + "/sparql",
                           "--format", "csv", "SELECT (COUNT(?c) AS ?n) WHERE { ?c a dip:Claim }"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.splitlines()[1]) > 0
