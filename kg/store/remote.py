"""Triplestore servers over HTTP: push with the SPARQL 1.1 Graph Store Protocol, query with the SPARQL 1.1 Protocol.

The two servers tests/test_remote.py runs, and their endpoints:

    Oxigraph (oxigraph serve)  query http://HOST:7878/query   Graph Store http://HOST:7878/store
    Virtuoso 7                 query http://HOST:8890/sparql  Graph Store http://HOST:8890/sparql-graph-crud
        (anonymous writes need GRANT SPARQL_UPDATE TO "SPARQL"), or .../sparql-graph-crud-auth with auth=(user, password)

`store_endpoint` derives the second column from the first for these two; any other server takes an
explicit `store_protocol` URL. Only the standard library speaks HTTP. Queries go by GET, or as a
form-encoded POST when long: never as a direct `application/sparql-query` POST, which makes
Virtuoso 7 spin at full CPU until it is restarted.
"""
from __future__ import annotations

import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import warnings
from email.message import Message

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from ..errors import EndpointError, QueryError, UsageError
from ..rdf.sparql import GRAPH_VARIABLES, PREFIXES, QueryResult, one_line

MAX_GET = 2000
STORE_PATHS = {"/query": "/store", "/sparql": "/sparql-graph-crud"}
RESULTS_JSON = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"
GRAPH_FORMATS = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle",
                 "application/x-turtle": "turtle", "text/rdf+n3": "n3", "text/n3": "n3"}
PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|(?:PREFIX\s+[^\s:]*:\s*|BASE\s*)<[^>]*>)*", re.IGNORECASE)
DECLARED = re.compile(r"PREFIX\s+([^\s:]*):\s*<([^>]*)>", re.IGNORECASE)
WRITE_HINT = 'writing needs permission: pass auth=(user, password), or on Virtuoso GRANT SPARQL_UPDATE TO "SPARQL"'


class CappedResultWarning(UserWarning):
    """The server says it may have cut the answer at its row limit (Virtuoso's ResultSetMaxRows)."""


def store_endpoint(endpoint: str) -> str:
    """The Graph Store URL beside a query endpoint: Oxigraph /query -> /store, Virtuoso /sparql -> /sparql-graph-crud."""
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    if parts.scheme not in ("http", "https") or path not in STORE_PATHS:
        raise UsageError(f"cannot tell the Graph Store Protocol URL of {endpoint}; "
                         "give it (store_protocol, --store-endpoint)")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, STORE_PATHS[path], "", ""))


def push_graph(graph: Graph | Dataset, endpoint: str, graph_iri: str | None = None, *,
               store_protocol: str | None = None, replace: bool = False,
               auth: tuple[str, str] | None = None, timeout: float = 60) -> int:
    """Send `graph` to a Graph Store endpoint (a Dataset: one request per named graph); return the triples sent."""
    store = store_protocol or store_endpoint(endpoint)
    if graph_iri is not None and not urllib.parse.urlsplit(graph_iri).scheme:
        raise UsageError(f"graph IRI {graph_iri!r} is not absolute (e.g. https://example.org/graph/news)")
    sent = 0
    for target, part in _parts(graph, graph_iri):
        body = part.serialize(format="nt", encoding="utf-8")
        url = store + ("&" if "?" in store else "?") + (
            urllib.parse.urlencode({"graph": target}) if target else "default")
        request = urllib.request.Request(url, data=body, method="PUT" if replace else "POST",
                                         headers={"Content-Type": "application/n-triples"})
        _send(request, url, timeout, auth, writing=True)
        sent += len(part)
    return sent


def _parts(graph: Graph | Dataset, graph_iri: str | None) -> list[tuple[str | None, Graph]]:
    """(target graph IRI or None for the default graph, triples) for each request a push makes."""
    if not isinstance(graph, Dataset):
        return [(graph_iri, graph)]
    parts = []
    for context in graph.graphs():
        if context.identifier == DATASET_DEFAULT_GRAPH_ID:
            target = graph_iri
        elif isinstance(context.identifier, URIRef):
            target = str(context.identifier)
        else:
            raise UsageError(f"a named graph of the dataset has no IRI ({context.identifier.n3()})")
        if len(context):
            parts.append((target, context))
    return parts


def query_endpoint(endpoint: str, sparql: str, *, auth: tuple[str, str] | None = None,
                   timeout: float = 60) -> QueryResult:
    """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query on a SPARQL endpoint; kg's prefixes are predeclared."""
    kind = query_form(sparql)
    text = _with_prefixes(sparql)
    fields = urllib.parse.urlencode({"query": text})
    accept = RESULTS_JSON if kind in ("SELECT", "ASK") else GRAPH_ACCEPT
    url = endpoint + ("&" if "?" in endpoint else "?") + fields
    if len(url) <= MAX_GET:
        request = urllib.request.Request(url, headers={"Accept": accept})
    else:
        request = urllib.request.Request(endpoint, data=fields.encode("ascii"), method="POST", headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
    body, headers = _send(request, endpoint, timeout, auth, writing=False)
    prefixes = PREFIXES | dict(DECLARED.findall(sparql))
    if kind in ("SELECT", "ASK"):
        result = _read_results(body, endpoint, kind, prefixes)
        cap = headers.get("X-SPARQL-MaxRows", "")
        if cap.isdigit() and len(result.rows) >= int(cap):
            warnings.warn(f"{endpoint} may have cut the answer at its limit of {cap} rows; page with LIMIT and OFFSET",
                          CappedResultWarning, stacklevel=2)
        return result
    return _read_graph(body, headers, endpoint, kind, prefixes)


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the keyword after the prologue (BASE, PREFIX, comments)."""
    rest = sparql[PROLOGUE.match(sparql).end():]
    word = (re.match(r"[A-Za-z]*", rest).group() or rest[:20]).upper()
    if word not in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
        raise QueryError(f"not a SELECT, ASK, CONSTRUCT or DESCRIBE query: it starts with {word!r}")
    return word


def _with_prefixes(sparql: str) -> str:
    """`sparql` with kg's prefixes it uses but does not declare prepended on its first line (line numbers stay)."""
    declared = {name for name, _ in DECLARED.findall(sparql)}
    missing = [f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items()
               if name not in declared and re.search(rf"(?<![\w\-.:/#]){name}:", sparql)]
    return " ".join(missing + [sparql]) if missing else sparql


def _send(request: urllib.request.Request, name: str, timeout: float, auth: tuple[str, str] | None,
          writing: bool) -> tuple[bytes, Message]:
    """The body and headers of the answer to `request`; every failure becomes a one-line KgError naming `name`."""
    handlers: list[urllib.request.BaseHandler] = []
    if auth:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, request.full_url, *auth)
        handlers += [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
    try:
        with urllib.request.build_opener(*handlers).open(request, timeout=timeout) as response:
            return response.read(), response.headers
    except urllib.error.HTTPError as e:
        reason = _reason(e.read(), e.headers.get_content_type())
        if not writing and e.code == 400:
            raise QueryError(f"{name} rejected the query: {reason}") from None
        hint = f" ({WRITE_HINT})" if writing and e.code in (401, 403) else ""
        raise EndpointError(f"{name} answered HTTP {e.code} {e.reason}: {reason}{hint}") from None
    except urllib.error.URLError as e:
        problem = getattr(e.reason, "strerror", None) or str(e.reason)
        raise EndpointError(f"cannot reach {name}: {problem}") from None
    except TimeoutError:
        raise EndpointError(f"{name} did not answer within {timeout:g} s") from None
    except (http.client.HTTPException, ConnectionError) as e:
        raise EndpointError(f"{name} broke off the exchange: {one_line(str(e)) or type(e).__name__}") from None


def _reason(body: bytes, content_type: str) -> str:
    """The gist of an error body in one line: the first line of text, or the message inside an HTML page."""
    text = body.decode("utf-8", errors="replace")
    if content_type == "text/html" or text.lstrip().startswith("<"):
        inner = re.search(r"<(xmp|pre)>(.*?)</\1>", text, re.DOTALL | re.IGNORECASE)
        text = inner.group(2) if inner else re.sub(r"<[^>]*>", " ", re.sub(r"(?is)<head>.*?</head>", "", text))
        return one_line(text)[:300] or "(no message)"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0][:300] if lines else "(no message)"


def _read_results(body: bytes, name: str, kind: str, prefixes: dict[str, str]) -> QueryResult:
    """A SPARQL 1.1 JSON results document as a QueryResult."""
    try:
        document = json.loads(body)
        if "boolean" in document:
            return QueryResult("ASK", boolean=bool(document["boolean"]), prefixes=prefixes)
        variables = list(document["head"].get("vars", []))
        rows = [tuple(_term(b[v]) if v in b else None for v in variables)
                for b in document["results"]["bindings"]]
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise EndpointError(f"{name} did not answer in SPARQL JSON results: {one_line(str(e))[:200]}") from None
    return QueryResult(kind, variables, rows, prefixes=prefixes)


def _term(value: dict[str, str]) -> Node:
    """One RDF term of the SPARQL 1.1 JSON results format (Virtuoso's "typed-literal" too)."""
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        datatype = value.get("datatype")
        return Literal(value["value"], lang=value.get("xml:lang"), datatype=URIRef(datatype) if datatype else None)
    raise ValueError(f"unknown term type {kind!r}")


def _read_graph(body: bytes, headers: Message, name: str, kind: str, prefixes: dict[str, str]) -> QueryResult:
    """An N-Triples or Turtle answer to CONSTRUCT or DESCRIBE as a QueryResult with its graph."""
    content_type = headers.get_content_type()
    if content_type not in GRAPH_FORMATS:
        raise EndpointError(f"{name} answered {content_type}, not N-Triples or Turtle")
    graph = Graph()
    try:
        graph.parse(data=body.decode("utf-8"), format=GRAPH_FORMATS[content_type])
    except Exception as e:  # rdflib raises many parser-specific types
        raise EndpointError(f"{name} sent {content_type} that does not parse: {one_line(str(e))[:200]}") from None
    rows = sorted(graph, key=lambda triple: tuple(n.n3() for n in triple))
    return QueryResult(kind, list(GRAPH_VARIABLES), rows, graph=graph, prefixes=prefixes)
