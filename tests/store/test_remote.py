"""kg.store.remote against real servers on 127.0.0.1: Oxigraph (`oxigraph serve`) and Virtuoso (`virtuoso-t`).

Each server runs once per module on free ports of 127.0.0.1 with its files in a temporary folder, and is
stopped by its pid. Virtuoso missing is a skip with one line saying what to install, except in CI
(CI=true), where it is a failure: `make test` installs it when it runs as root (tests/install-services.sh). The graph pushed is the dev corpus's when ../shared is here, else the demo article's.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic

from kg import api
from kg.errors import EndpointError, QueryError, UsageError
from kg.store.remote import CappedResultWarning, push_graph, query_endpoint, query_form, store_endpoint
from kg.rdf.vocab import DIP
from kg.queries.formats import format_result
from kg.queries.named import named_query
from kg.rdf.sparql import run_query

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "dev"
GRAPH_IRI = "https://w3id.org/dipkg/graph/test"
CLAIMS = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a dip:Claim }"
RELATIONS = """SELECT ?claim ?subject ?relation ?object ?negated ?quote WHERE {
  ?claim a dip:Claim ; dip:subject ?subject ; dip:relation ?relation ; dip:object ?object ;
         dip:negated ?negated ; dip:quote ?quote } ORDER BY ?claim ?subject ?relation ?object ?quote"""
EVERYTHING = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%s> { ?s ?p ?o } }"
VIRTUOSO_PATHS = ("/usr/bin/virtuoso-t", "/usr/lib/virtuoso-opensource-7/bin/virtuoso-t")
ISQL_PATHS = ("/usr/bin/isql-vt", "/usr/lib/virtuoso-opensource-7/bin/isql")
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
MaxClientConnections = 5
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 5000
MaxDirtyBuffers = 3000
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
MaxClientConnections = 5
ServerThreads = 5
EnabledDavVSP = 0
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""
VIRTUOSO_GRANTS = """\
GRANT SPARQL_UPDATE TO "SPARQL";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);
GRANT SPARQL_UPDATE TO "dba";
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(process: subprocess.Popen, endpoint: str, log: Path, seconds: float = 60) -> float:
    """Seconds until `endpoint` answers ASK {}; fails with the log's tail if the server dies or never answers."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}: {log.read_text(errors='replace')[-800:]}")
        try:
            if query_endpoint(endpoint, "ASK {}", timeout=2).boolean is not None:
                return time.monotonic() - start
        except EndpointError:
            time.sleep(0.1)
    pytest.fail(f"{endpoint} did not answer within {seconds} s: {log.read_text(errors='replace')[-800:]}")


def stop(process: subprocess.Popen) -> None:
    """Terminate the server we started, by its pid; kill it if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def executable(name: str, paths: tuple[str, ...] = ()) -> str | None:
    beside_python = Path(sys.executable).parent / name
    found = [str(beside_python)] if beside_python.exists() else []
    found += [p for p in (shutil.which(name), *paths) if p and Path(p).exists()]
    return found[0] if found else None


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory) -> Iterator[str]:
    """The query endpoint of an Oxigraph server on a free port of 127.0.0.1, storing in a temporary folder."""
    binary = executable("oxigraph")
    if binary is None:
        pytest.fail("no `oxigraph` server binary: pip install oxigraph (it is in kg's test extra)")
    folder = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    log = folder / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([binary, "serve", "--location", str(folder / "data"),
                                    "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT)
    try:
        endpoint = f"http://127.0.0.1:{port}/query"
        wait_until_up(process, endpoint, log)
        yield endpoint
    finally:
        stop(process)


def missing(what: str) -> None:
    """A server the tests need is absent: skip, saying what to install; in CI a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(what)
    pytest.skip(what)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> Iterator[str]:
    """The /sparql endpoint of a Virtuoso server on free ports of 127.0.0.1, its files in a temporary folder."""
    binary, isql = executable("virtuoso-t", VIRTUOSO_PATHS), executable("isql-vt", ISQL_PATHS)
    if binary is None or isql is None:
        missing("Virtuoso is not installed (no virtuoso-t or isql-vt): apt-get install virtuoso-opensource")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql=sql, http=http), encoding="utf-8")
    log = folder / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder,
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        endpoint = f"http://127.0.0.1:{http}/sparql"
        wait_until_up(process, endpoint, log)
        granted = subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba"], input=VIRTUOSO_GRANTS,
                                 capture_output=True, text=True, timeout=60)
        if granted.returncode or "*** Error" in granted.stdout + granted.stderr:
            pytest.fail(f"isql could not grant SPARQL_UPDATE: {granted.stdout[-400:]} {granted.stderr[-400:]}")
        yield endpoint
    finally:
        stop(process)


@pytest.fixture(scope="module")
def local_graph() -> Graph:
    """The graph that gets pushed: the dev corpus's when ../shared is here, else the demo article's."""
    return api.build_graph(api.extract([DEV] if DEV.is_dir() else [api.seed_article()]))


@pytest.fixture(scope="module")
def local_dataset() -> Dataset:
    """The demo article as a dataset: one named graph per article."""
    return api.build_dataset(api.extract([api.seed_article()]))


def rows(result):
    return sorted(result.rows, key=lambda row: tuple(n.n3() for n in row))


def printed(result) -> list[tuple[tuple[str, ...], ...]]:
    """Rows as printed, each GROUP_CONCAT list as a sorted tuple: the order of its parts and a language
    tag on it are the engine's choice (Oxigraph keeps @en on a concatenation of English labels)."""
    return sorted(tuple(tuple(sorted(("" if v is None else str(v)).split(", "))) for v in row)
                  for row in result.rows)


def assert_same_graph(remote: Graph, local: Graph) -> None:
    if not isomorphic(remote, local):
        _, only_remote, only_local = graph_diff(remote, local)
        pytest.fail(f"graphs differ: only on the server {sorted(only_remote)[:5]}, "
                    f"only here {sorted(only_local)[:5]}")


def assert_one_line(error: Exception, *words: str) -> None:
    message = str(error)
    assert "\n" not in message and message.strip() == message
    for word in words:
        assert word in message


# Servers through the same tests: push, then read back what was pushed.

@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request) -> str:
    return request.getfixturevalue(request.param)


def test_pushed_graph_reads_back_the_same(server, local_graph):
    sent = push_graph(local_graph, server, GRAPH_IRI, replace=True)
    assert sent == len(local_graph) > 0
    remote = query_endpoint(server, EVERYTHING % GRAPH_IRI)
    assert remote.kind == "CONSTRUCT" and len(remote.rows) == len(local_graph)
    assert_same_graph(remote.graph, local_graph)


def test_claims_and_relations_match_local(server, local_graph):
    push_graph(local_graph, server, GRAPH_IRI, replace=True)
    in_graph = CLAIMS.replace("{ ?c a dip:Claim }", f"{{ GRAPH <{GRAPH_IRI}> {{ ?c a dip:Claim }} }}")
    remote_count = query_endpoint(server, in_graph).rows[0][0].toPython()
    assert remote_count == run_query(local_graph, CLAIMS).rows[0][0].toPython() > 0
    relations = RELATIONS.replace("WHERE {", f"WHERE {{ GRAPH <{GRAPH_IRI}> {{", 1).replace("} ORDER", "} } ORDER")
    remote, local = query_endpoint(server, relations), run_query(local_graph, RELATIONS)
    assert remote.variables == local.variables
    assert rows(remote) == rows(local)
    assert format_result(remote, "table") == format_result(local, "table")


def test_pushing_again_adds_nothing_and_replacing_keeps_the_same(server, local_graph):
    push_graph(local_graph, server, GRAPH_IRI, replace=True)
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH_IRI}> {{ ?s ?p ?o }} }}"
    assert query_endpoint(server, count).rows[0][0].toPython() == len(local_graph)
    push_graph(local_graph, server, GRAPH_IRI)
    assert query_endpoint(server, count).rows[0][0].toPython() == len(local_graph)
    small = Graph()
    small += list(local_graph)[:10]
    push_graph(small, server, GRAPH_IRI, replace=True)
    assert query_endpoint(server, count).rows[0][0].toPython() == 10


def test_a_dataset_goes_one_named_graph_per_article(server, local_dataset):
    sent = push_graph(local_dataset, server, replace=True)
    assert sent == sum(len(g) for g in local_dataset.graphs())
    for context in local_dataset.graphs():
        if len(context):
            answer = query_endpoint(server, EVERYTHING % context.identifier)
            assert_same_graph(answer.graph, context)


def test_ask_and_a_long_query_sent_as_a_form(server, local_graph):
    push_graph(local_graph, server, GRAPH_IRI, replace=True)
    assert query_endpoint(server, f"ASK {{ GRAPH <{GRAPH_IRI}> {{ ?c a dip:Claim }} }}").boolean is True
    assert query_endpoint(server, f"ASK {{ GRAPH <{GRAPH_IRI}> {{ ?c a dip:NoSuchClass }} }}").boolean is False
    long = "# " + "پر" * 1500 + "\n" + f"SELECT ?c WHERE {{ GRAPH <{GRAPH_IRI}> {{ ?c a dip:Claim }} }}"
    assert len(query_endpoint(server, long).rows) == run_query(local_graph, CLAIMS).rows[0][0].toPython()


@pytest.mark.parametrize("name", ["claims", "provenance", "relation-counts", "contract"])
def test_named_queries_print_as_locally(request, server, local_graph, name):
    if name in ("claims", "provenance") and "virtuoso" in request.node.callspec.id:
        request.applymarker(pytest.mark.xfail(raises=EndpointError, reason=(
            "Virtuoso 7.2.5 answers HTTP 500 'SQ156: Internal Optimized compiler error: Bad dfe in "
            "sqlo_place_exp' to these nested aggregate subqueries")))
    push_graph(local_graph, server, GRAPH_IRI, replace=True)
    sparql = named_query(name)
    where = sparql.index("WHERE")
    remote = query_endpoint(server, sparql[:where] + f"FROM <{GRAPH_IRI}>\n" + sparql[where:])
    local = run_query(local_graph, sparql)
    assert remote.variables == local.variables
    assert printed(remote) == printed(local)


def test_a_syntax_error_is_a_one_line_query_error(server):
    with pytest.raises(QueryError) as caught:
        query_endpoint(server, "SELECT ?s WHERE { ?s ?p }\n# a comment")
    assert_one_line(caught.value, server, "rejected the query")
    with pytest.raises(QueryError) as caught:
        query_endpoint(server, "SELECT ?c WHERE {\n  ?c a dip:Claim . ?c }")
    # kg's prefixes go on the query's first line, so the server's line numbers are the user's
    assert re.search(r"(at 2:|line 2\b)", str(caught.value)), caught.value


# What only one server does.

def test_oxigraph_default_graph(oxigraph, local_graph):
    assert push_graph(local_graph, oxigraph, replace=True) == len(local_graph)
    remote = query_endpoint(oxigraph, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert_same_graph(remote.graph, local_graph)


def test_virtuoso_default_graph_is_refused_in_one_line(virtuoso, local_graph):
    with pytest.raises(EndpointError) as caught:
        push_graph(local_graph, virtuoso)
    assert_one_line(caught.value, "/sparql-graph-crud?default", "HTTP 500", "default graph")


def test_virtuoso_authenticated_endpoint(virtuoso, local_dataset):
    store = virtuoso.replace("/sparql", "/sparql-graph-crud-auth")
    with pytest.raises(EndpointError) as caught:
        push_graph(local_dataset, virtuoso, store_protocol=store)
    assert_one_line(caught.value, "HTTP 401", "GRANT SPARQL_UPDATE")
    sent = push_graph(local_dataset, virtuoso, store_protocol=store, auth=("dba", "dba"), replace=True)
    assert sent == sum(len(g) for g in local_dataset.graphs())


def test_virtuoso_row_cap_is_a_warning(virtuoso):
    big = Graph()
    for i in range(10_001):
        big.add((URIRef(f"urn:x-kg:s{i}"), RDF.value, Literal(i)))
    push_graph(big, virtuoso, "urn:x-kg:big", replace=True)
    with pytest.warns(CappedResultWarning, match="10000 rows"):
        answer = query_endpoint(virtuoso, "SELECT ?s WHERE { GRAPH <urn:x-kg:big> { ?s ?p ?o } }")
    assert len(answer.rows) == 10_000


# Errors and helpers that need no server.

def test_a_closed_port_is_a_one_line_endpoint_error(local_graph):
    endpoint = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(EndpointError) as caught:
        push_graph(local_graph, endpoint, GRAPH_IRI, timeout=5)
    assert_one_line(caught.value, "cannot reach", endpoint.replace("/query", "/store"), "refused")
    with pytest.raises(EndpointError) as caught:
        query_endpoint(endpoint, CLAIMS, timeout=5)
    assert_one_line(caught.value, f"cannot reach {endpoint}", "refused")


def test_store_endpoint_of_oxigraph_and_virtuoso():
    assert store_endpoint("http://localhost:7878/query") == "http://localhost:7878/store"
    assert store_endpoint("http://db.example:8890/sparql/") == "http://db.example:8890/sparql-graph-crud"
    with pytest.raises(UsageError, match="--store-endpoint"):
        store_endpoint("http://fuseki:3030/ds/sparql")
    with pytest.raises(UsageError, match="not absolute"):
        push_graph(Graph(), "http://localhost:7878/query", "news")


def test_query_form_reads_past_the_prologue():
    prologue = "# kg\nBASE <http://x/>\nPREFIX ex: <http://x/#>\nPREFIX : <http://y/>\n"
    assert query_form(prologue + "select * { ?s ?p ?o }") == "SELECT"
    assert query_form("ASK{}") == "ASK"
    assert query_form(prologue + "CONSTRUCT WHERE { ?s ?p ?o }") == "CONSTRUCT"
    with pytest.raises(QueryError, match="INSERT"):
        query_form(prologue + "INSERT DATA { <a> <b> <c> }")


def test_unknown_named_graph_gives_empty_answers(oxigraph):
    answer = query_endpoint(oxigraph, "SELECT ?s WHERE { GRAPH <urn:x-kg:none> { ?s ?p ?o } }")
    assert answer.kind == "SELECT" and answer.variables == ["s"] and answer.rows == []


def test_the_cli_pushes_a_file_and_queries_the_server(oxigraph, local_graph, tmp_path):
    data = tmp_path / "claims.ttl"
    local_graph.serialize(data, format="turtle")
    graph_iri = "https://w3id.org/dipkg/resource/graph/cli-test"
    kg = str(Path(sys.executable).parent / "kg")
    push = subprocess.run([kg, "push", "--data", str(data), "--endpoint", oxigraph, "--graph", graph_iri,
                           "--replace"], capture_output=True, text=True, timeout=120)
    assert push.returncode == 0, push.stderr
    assert f"sent {len(local_graph)} triples" in push.stderr
    count = f"SELECT (COUNT(?c) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?c a dip:Claim }} }}"
    answer = subprocess.run([kg, "query", count, "--endpoint", oxigraph, "--format", "csv"],
                            capture_output=True, text=True, timeout=120)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.split()[-1] == str(len(set(local_graph.subjects(RDF.type, DIP.Claim))))


def test_a_missing_server_is_a_skip_saying_what_to_install_but_a_failure_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install virtuoso-opensource"):
        missing("Virtuoso is not installed: apt-get install virtuoso-opensource")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        missing("Virtuoso is not installed: apt-get install virtuoso-opensource")


def test_make_tests_service_script_says_in_one_line_what_to_install_without_root(tmp_path):
    fake_id = tmp_path / "id"
    fake_id.write_text("#!/bin/sh\necho 1000\n", encoding="utf-8")
    fake_id.chmod(0o755)
    script = Path(__file__).resolve().parents[1] / "install-services.sh"
    run = subprocess.run(["/bin/bash", str(script)], env={"PATH": str(tmp_path)}, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "sudo apt-get install virtuoso-opensource" in run.stderr
