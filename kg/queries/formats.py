"""Query results as an aligned table, SPARQL 1.1 CSV or SPARQL 1.1 JSON."""
from __future__ import annotations

import csv
import io
import json
import unicodedata

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..errors import UsageError
from ..rdf.sparql import QueryResult, one_line

FORMATS = ("table", "csv", "json")


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
    cells = [[short_cell(v, result.prefixes) for v in row] for row in result.rows]
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


def short_cell(value: Node | None, prefixes: dict[str, str]) -> str:
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
    return one_line(str(value))


def _csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.boolean is not None:
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return out.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if v is None else f"_:{v}" if isinstance(v, BNode) else _one_line_escaped(str(v))
                         for v in row])
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


def _one_line_escaped(text: str) -> str:
    """A CSV cell on one line: line breaks written as \\n and \\r (and backslashes doubled), so that
    line-based tools see one row per line and the text can be read back exactly."""
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")
