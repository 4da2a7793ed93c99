"""What a query returns to Python: rows of plain values, with the CLI's formats one call away."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rdflib import BNode, Literal
from rdflib.term import Node

from ..rdf.sparql import QueryResult
from .formats import format_result


def plain(value: Node | None) -> Any:
    """A term as a Python value: an IRI as its string, a literal as its Python value, a blank node as _:id."""
    if value is None:
        return None
    if isinstance(value, Literal):
        python = value.toPython()
        return str(value) if isinstance(python, Literal) else python
    if isinstance(value, BNode):
        return f"_:{value}"
    return str(value)


class Rows:
    """The answer of a SELECT (rows as dicts of plain values), ASK (`.boolean`) or CONSTRUCT (`.graph`, and rows of
    subject, predicate, object); `str()` is the table `kg query` prints."""

    def __init__(self, result: QueryResult) -> None:
        self.result = result
        self.variables: list[str] = list(result.variables)
        self.boolean: bool | None = result.boolean
        self.graph = result.graph
        self.rows: list[dict[str, Any]] = [dict(zip(self.variables, map(plain, row))) for row in result.rows]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.rows[index]

    def __str__(self) -> str:
        return self.format("table")

    def __repr__(self) -> str:
        if self.boolean is not None:
            return f"Rows(boolean={self.boolean})"
        return f"Rows({len(self.rows)} rows of {', '.join(self.variables)})"

    def format(self, fmt: str) -> str:
        """The answer as an aligned "table", SPARQL 1.1 "csv" or SPARQL 1.1 "json"."""
        return format_result(self.result, fmt)

    def to_csv(self) -> str:
        """SPARQL 1.1 CSV."""
        return self.format("csv")

    def to_json(self) -> str:
        """SPARQL 1.1 JSON."""
        return self.format("json")

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of the rows (pandas must be installed)."""
        try:
            import pandas
        except ImportError:
            from ..errors import UsageError

            raise UsageError("to_dataframe needs pandas: pip install pandas") from None
        return pandas.DataFrame(self.rows, columns=self.variables)
