"""SPARQL over an rdflib graph: kg's prefixes, one result shape for every engine, running a query."""
from __future__ import annotations

import multiprocessing
import re
import signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TypeVar

from pyparsing import ParseBaseException
from rdflib import Graph
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS, XSD
from rdflib.term import Node

from ..errors import KgError, QueryError, UsageError
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
    "skos": str(SKOS),
    "actor": str(RESOURCE) + "actor/",  # actor:IQ is res:actor/IQ, a valid prefixed name in any query
}
GRAPH_VARIABLES = ["subject", "predicate", "object"]
T = TypeVar("T")


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


_COMMENTS_AND_STRINGS = re.compile(r'#[^\n]*|"""(?:[^\\]|\\.)*?"""|\'\'\'(?:[^\\]|\\.)*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                                   r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>")


def refuse_service(sparql: str) -> None:
    """QueryError when `sparql` calls another endpoint with SERVICE (kg queries its own data only unless told)."""
    if re.search(r"\bSERVICE\b", _COMMENTS_AND_STRINGS.sub(" ", sparql), re.IGNORECASE):
        raise QueryError("the query calls another endpoint with SERVICE: allow it with --allow-service")


def bounded(run: Callable[..., T], *args: object, seconds: float | None) -> T:
    """`run(*args)` in a child process stopped after `seconds` (None: no limit) or at Ctrl-C, so that no query,
    on any engine, runs on for ever; its KgError comes back as raised."""
    if seconds is None:
        return run(*args)
    if seconds <= 0:
        raise UsageError(f"--timeout must be more than 0 seconds, not {seconds}")
    parent, child = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=_child, args=(child, run, args), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(seconds):
            raise QueryError(f"the query ran longer than {seconds:g} s and was stopped (--timeout SECONDS)")
        kind, value = parent.recv()
    except EOFError:
        raise QueryError("the query stopped without an answer (out of memory?)") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
    if kind == "error":
        raise value
    return value


def _child(conn: Connection, run: Callable[..., T], args: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us at Ctrl-C
    try:
        conn.send(("ok", run(*args)))
    except KgError as e:
        conn.send(("error", e))
    except Exception as e:  # noqa: BLE001 - any failure of the engine is the query's error, told in one line
        conn.send(("error", QueryError(f"cannot run the query: {one_line(str(e))}")))
