"""SPARQL over the claim graph: run a query with bound parameters, load named queries, format results."""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources

from pyparsing import ParseBaseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, XSD
from rdflib.term import Node

from .errors import QueryError, UsageError
from .rdf.vocab import DIP, RESOURCE, WD

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
FORMATS = ("table", "csv", "json")
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
        raise QueryError(f"cannot run the query: {_one_line(str(e))}") from e
    return QueryResult(answer.type, list(GRAPH_VARIABLES), rows, graph=built, prefixes=prefixes)


def bind_values(sparql: str, params: Mapping[str, str]) -> str:
    """`sparql` with each parameter given a value by a VALUES clause opening every WHERE block, so that
    sub-selects see it too, on any engine. A value is an IRI (<...>, http(s)://..., or prefix:name with
    one of kg's prefixes) or else a plain string ("fa" for ?lang)."""
    if not params:
        return sparql
    for name in params:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or not re.search(rf"[?$]{name}\b", sparql):
            raise UsageError(f"the query has no variable ?{name} to give a value")
    names = " ".join(f"?{name}" for name in params)
    values = f"VALUES ({names}) {{ ({' '.join(_term(value) for value in params.values())}) }} "
    return re.sub(r"\bWHERE\s*\{", lambda m: m.group(0) + " " + values, sparql, flags=re.IGNORECASE)


def _term(value: str) -> str:
    """A parameter value as a SPARQL term."""
    prefix, _, local = value.partition(":")
    if value.startswith("<") and value.endswith(">"):
        return value
    if re.match(r"(https?|urn):", value):
        return f"<{value}>"
    if prefix in PREFIXES and local and not local.startswith("//"):
        return f"<{PREFIXES[prefix]}{local}>"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def named_query(name: str) -> str:
    """The text of `kg/queries/<name>.rq`."""
    known = named_queries()
    if name not in known:
        raise QueryError(f"no named query {name!r}; known: {', '.join(known)}")
    return (resources.files("kg") / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def named_queries() -> dict[str, str]:
    """Each named query's name and the first line of its header comment."""
    files = sorted(resources.files("kg").joinpath("queries").iterdir(), key=lambda p: p.name)
    return {
        path.name.removesuffix(".rq"): _header(path.read_text(encoding="utf-8"))
        for path in files
        if path.name.endswith(".rq")
    }


def _header(text: str) -> str:
    """The first line of a query's header comment, without the `#`."""
    return text.partition("\n")[0].lstrip("#").strip()


def format_result(result: QueryResult, fmt: str) -> str:
    """Render a result as an aligned "table", SPARQL 1.1 "csv" or SPARQL 1.1 "json"."""
    if fmt == "table":
        return _table(result)
    if fmt == "csv":
        return _csv(result)
    if fmt == "json":
        return _json(result)
    raise UsageError(f"unknown result format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _table(result: QueryResult) -> str:
    if result.boolean is not None:
        return "true" if result.boolean else "false"
    cells = [[_short(v, result.prefixes) for v in row] for row in result.rows]
    header = list(result.variables)
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = [_line(header, widths), "  ".join("-" * w for w in widths)]
    lines += [_line(r, widths) for r in cells]
    return "\n".join(lines)


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()


def _width(text: str) -> int:
    """Columns `text` takes: combining marks and format characters (ZWNJ) take none."""
    return sum(unicodedata.category(c) not in ("Mn", "Me", "Cf") for c in text)


def _short(value: Node | None, prefixes: dict[str, str]) -> str:
    """A table cell: IRIs as prefix:local, literals as their text, blanks as _:id."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        best = max(
            ((p, ns) for p, ns in prefixes.items() if value.startswith(ns) and len(value) > len(ns)),
            key=lambda pair: len(pair[1]),
            default=None,
        )
        return f"{best[0]}:{value[len(best[1]):]}" if best else f"<{value}>"
    if isinstance(value, BNode):
        return f"_:{value}"
    return _one_line(str(value))


def _csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.boolean is not None:
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return out.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if v is None else f"_:{v}" if isinstance(v, BNode) else str(v) for v in row])
    return out.getvalue()


def _json(result: QueryResult) -> str:
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)
    bindings = [
        {var: _json_term(v) for var, v in zip(result.variables, row) if v is not None}
        for row in result.rows
    ]
    document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2)


def _json_term(value: Node) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 JSON results format."""
    if isinstance(value, URIRef):
        return {"type": "uri", "value": str(value)}
    if isinstance(value, BNode):
        return {"type": "bnode", "value": str(value)}
    term = {"type": "literal", "value": str(value)}
    if isinstance(value, Literal) and value.language:
        term["xml:lang"] = value.language
    elif isinstance(value, Literal) and value.datatype:
        term["datatype"] = str(value.datatype)
    return term


def _one_line(text: str) -> str:
    return " ".join(text.split())
