"""SPARQL over an rdflib graph: kg's prefixes, one result shape for every engine, running a query."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pyparsing import ParseBaseException
from rdflib import Graph
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, XSD
from rdflib.term import Node

from ..errors import QueryError
from .vocab import DIP, RESOURCE, WD

PREFIXES: dict[str, str] = {
    "dip": str(DIP._NS),
    "res": str(RESOURCE),
    "wd": str(WD),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}
GRAPH_VARIABLES = ["subject", "predicate", "object"]


@dataclass
class QueryResult:
    """What a query answered: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT/DESCRIBE."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    prefixes: dict[str, str] = field(default_factory=dict)


def run_query(graph: Graph, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
    """Run `sparql` on `graph` with `bindings` as initial values of its variables."""
    prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces()} | PREFIXES
    init = {name.lstrip("?$"): value for name, value in (bindings or {}).items()}
    try:
        answer = graph.query(sparql, initNs=prefixes, initBindings=init)
        if answer.type == "ASK":
            return QueryResult("ASK", boolean=bool(answer.askAnswer), prefixes=prefixes)
        if answer.type == "SELECT":
            variables = [str(v) for v in answer.vars or []]
            rows = [tuple(row) for row in answer]
            return QueryResult("SELECT", variables, rows, prefixes=prefixes)
        built = answer.graph
        rows = sorted(built, key=lambda triple: tuple(n.n3() for n in triple))
    except ParseBaseException as e:
        raise QueryError(f"SPARQL syntax error at line {e.lineno}, column {e.col}: {e.msg}") from e
    except Exception as e:
        raise QueryError(f"cannot run the query: {one_line(str(e))}") from e
    return QueryResult(answer.type, list(GRAPH_VARIABLES), rows, graph=built, prefixes=prefixes)


def one_line(text: str) -> str:
    """`text` with every run of whitespace, line breaks included, as one space."""
    return " ".join(text.split())
