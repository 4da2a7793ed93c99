"""The workbench's SPARQL 1.1 Protocol endpoint, read-only: a query by GET (?query=) or POST (form or
application/sparql-query), answered in the format the Accept header (or ?format=) asks for; updates refused; at
most a row cap of rows, said in the X-Kg-Row-Cap and X-Kg-Truncated headers; stopped at the timeout."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Variable
from rdflib.query import Result
from rdflib.term import Literal, Node

from ..errors import KgError, QueryError
from ..rdf.sparql import QueryResult

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}
ASK_TYPES = {k: v for k, v in RESULT_TYPES.items() if v in ("json", "xml")}
# ?format= short names, as many endpoints take them
SHORT_NAMES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
               "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
               "ttl": "text/turtle", "nt": "application/n-triples", "ntriples": "application/n-triples",
               "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}


@dataclass
class Answer:
    """An HTTP answer: status, media type, body and extra headers."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str]


def refusal(status: int, message: str) -> Answer:
    """A plain-text error answer of one line."""
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), {})


def negotiate(accept: str, offered: dict[str, str]) -> str | None:
    """The offered media type the Accept header prefers (q-values, type/* and */* honoured); the first offered
    when the header is empty; None when it accepts none of them."""
    if not accept.strip():
        return next(iter(offered))
    best, best_q = None, 0.0
    for order, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        for candidate in offered:
            if _covers(media.lower(), candidate) and q > best_q:
                best, best_q = candidate, q
    return best


def _covers(pattern: str, media: str) -> bool:
    if pattern in ("*/*", media):
        return True
    return pattern.endswith("/*") and media.startswith(pattern[:-1])


def answer(result: QueryResult, accept: str, row_cap: int) -> Answer:
    """`result` in the media type `accept` prefers among those of its kind; 406 when none fits."""
    kind = result.kind
    offered = ASK_TYPES if kind == "ASK" else RESULT_TYPES if kind == "SELECT" else GRAPH_TYPES
    media = negotiate(accept, offered)
    if media is None:
        return refusal(406, f"cannot answer a {kind} query as {accept}; ask for one of: {', '.join(offered)}")
    truncated = kind != "ASK" and len(result.rows) > row_cap
    headers = {"X-Kg-Row-Cap": str(row_cap), "X-Kg-Truncated": "true" if truncated else "false"}
    if kind in ("SELECT", "ASK"):
        body = _results(result, offered[media], row_cap)
    else:
        graph = result.graph
        if truncated and graph is not None:
            for triple in result.rows[row_cap:]:
                graph.remove(triple)
        body = graph.serialize(format=offered[media]).encode("utf-8") if graph is not None else b""
    charset = "" if media.endswith("xml") else "; charset=utf-8"
    return Answer(200, media + charset, body, headers)


def _results(result: QueryResult, fmt: str, row_cap: int) -> bytes:
    if fmt == "tsv":
        return _tsv(result, row_cap)
    out = Result(result.kind)
    if result.kind == "ASK":
        out.askAnswer = bool(result.boolean)
    else:
        out.vars = [Variable(v) for v in result.variables]
        out.bindings = [{Variable(v): value for v, value in zip(result.variables, row) if value is not None}
                        for row in result.rows[:row_cap]]
    text = out.serialize(format=fmt)
    return text if isinstance(text, bytes) else str(text).encode("utf-8")


def _tsv(result: QueryResult, row_cap: int) -> bytes:
    """SPARQL 1.1 TSV: "?var" headers, terms in Turtle syntax, tabs and line breaks escaped."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows[:row_cap]:
        lines.append("\t".join(_tsv_term(value) for value in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _tsv_term(value: Node | None) -> str:
    if value is None:
        return ""
    if not isinstance(value, Literal):
        return value.n3()
    text = str(value)
    for char, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
        text = text.replace(char, escaped)
    if value.language:
        return f'"{text}"@{value.language}'
    if value.datatype is not None:
        return f'"{text}"^^<{value.datatype}>'
    return f'"{text}"'


def failure(error: KgError) -> Answer:
    """A kg error as an HTTP answer: 503 for a query stopped at the timeout, 400 for a bad query."""
    text = str(error)
    stopped = isinstance(error, QueryError) and "was stopped" in text
    return refusal(503 if stopped else 400, text)
