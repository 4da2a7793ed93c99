"""Claims as a table: one row per claim with readable labels, filtered and sorted as an analyst asks, written to
CSV, JSON or a spreadsheet. `kg table` and the workbench's claims page both use it, so they give the same rows."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..nlp.kbdata import label_key
from ..rdf.files import atomic_write, check_writable
from ..rdf.vocab import DIP, relation_families
from .rows import Rows

COLUMNS = ["date", "outlet", "speaker", "subject", "relation", "family", "negated", "modality", "object",
           "confidence", "quote", "article", "claim"]
TABLE_FORMATS = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}
MODALITIES = ("asserted", "future", "intended", "desired")


@dataclass(frozen=True)
class ClaimFilter:
    """What rows to keep: each field left empty keeps every row; text fields match a part of a label or IRI."""

    actor: str = ""  # subject, object or speaker: an IRI, or a part of a label
    relation: str = ""  # a relation ("supports") or a family ("stance+")
    negated: bool | None = None
    modality: str = ""  # asserted, future, intended or desired
    speaker: str = ""
    outlet: str = ""
    since: str = ""  # YYYY-MM-DD, the first date kept
    until: str = ""  # YYYY-MM-DD, the last date kept
    text: str = ""  # words in the quote
    statement: str = ""  # the IRI of a dip:Statement: the claims that make it

    def __post_init__(self) -> None:
        if self.modality and self.modality not in MODALITIES:
            raise UsageError(f"no modality {self.modality!r}; choose one of {', '.join(MODALITIES)}")
        families = relation_families()
        if self.relation and self.relation not in families and self.relation not in families.values():
            raise UsageError(f"no relation or family {self.relation!r} (see: kg relations)")


def claim_table(answer: Rows) -> list[dict[str, Any]]:
    """The rows of the `table` named query as plain table rows: short relation and modality names, the family,
    the date as text; the IRIs of each role kept under `subjects`, `objects`, `speakers` for filtering."""
    families = relation_families()
    out = []
    for row in answer:
        relation = _tail(row["relation"])
        out.append({
            "date": str(row["date"]) if row.get("date") else "",
            "outlet": row.get("outlet") or "",
            "speaker": row.get("speaker") or "",
            "subject": row.get("subject") or "",
            "relation": relation,
            "family": families.get(relation, ""),
            "negated": bool(row.get("negated")),
            "modality": _tail(row["modality"]).lower(),
            "object": row.get("object") or "",
            "confidence": float(row["confidence"]) if row.get("confidence") is not None else None,
            "quote": row.get("quote") or "",
            "article": _tail(row["article"]),
            "claim": row["claim"],
            "subjects": (row.get("subjects") or "").split(),
            "objects": (row.get("objects") or "").split(),
            "speakers": (row.get("speakers") or "").split(),
            "statement": row.get("statement") or "",
        })
    return out


def select(rows: Iterable[dict[str, Any]], wanted: ClaimFilter) -> list[dict[str, Any]]:
    """The rows `wanted` keeps, in their order."""
    return [row for row in rows if _keeps(row, wanted)]


def _keeps(row: dict[str, Any], f: ClaimFilter) -> bool:
    if f.actor and not _names(f.actor, row, ("subject", "object", "speaker")):
        return False
    if f.speaker and not _names(f.speaker, row, ("speaker",)):
        return False
    if f.relation and f.relation not in (row["relation"], row["family"]):
        return False
    if f.negated is not None and row["negated"] != f.negated:
        return False
    if f.modality and row["modality"] != f.modality:
        return False
    if f.outlet and _fold(f.outlet) not in _fold(row["outlet"]):
        return False
    if (f.since or f.until) and not (row["date"] and (f.since or "") <= row["date"][:10] <= (f.until or "9999")):
        return False
    if f.statement and row["statement"] != f.statement:
        return False
    return not f.text or _fold(f.text) in _fold(row["quote"])


def _names(wanted: str, row: dict[str, Any], roles: tuple[str, ...]) -> bool:
    """Whether one of `roles` is the IRI `wanted` or has a label containing it."""
    if ":" in wanted and " " not in wanted:
        return any(wanted in row[f"{role}s"] for role in roles)
    return any(_fold(wanted) in _fold(row[role]) for role in roles)


def sort_rows(rows: list[dict[str, Any]], column: str = "", descending: bool = False) -> list[dict[str, Any]]:
    """The rows ordered by `column` (their own order when empty); empty cells last either way."""
    if not column:
        return list(rows)
    if column not in COLUMNS:
        raise UsageError(f"cannot sort by {column!r}; choose one of {', '.join(COLUMNS)}")
    filled = [r for r in rows if r[column] not in ("", None)]
    empty = [r for r in rows if r[column] in ("", None)]
    return sorted(filled, key=lambda r: r[column], reverse=descending) + empty


def table_text(rows: list[dict[str, Any]], fmt: str) -> str | bytes:
    """The rows' COLUMNS as CSV text, a JSON array of objects, or the bytes of an .xlsx workbook."""
    cells = [[row[c] for c in COLUMNS] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows([["" if v is None else str(v).lower() if isinstance(v, bool) else v for v in r]
                          for r in cells])
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(COLUMNS, r)) for r in cells], ensure_ascii=False, indent=1) + "\n"
    if fmt == "xlsx":
        return _workbook(cells)
    raise UsageError(f"no table format {fmt!r}; choose one of {', '.join(TABLE_FORMATS.values())}")


def write_table(rows: list[dict[str, Any]], output: str | Path) -> Path:
    """Write the rows to `output`, CSV, JSON or Excel by its extension, atomically."""
    fmt = TABLE_FORMATS.get(Path(output).suffix.lower())
    if fmt is None:
        raise UsageError(f"{output}: write a table as {', '.join(TABLE_FORMATS)}")
    check_writable(output)
    return atomic_write(output, table_text(rows, fmt))


def _workbook(cells: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "claims"
    sheet.append(COLUMNS)
    for row in cells:
        sheet.append([_excel_safe(v) for v in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _excel_safe(value: Any) -> Any:
    """A cell value a spreadsheet shows as text: no formula from a quote that opens with "=", "+", "-" or "@"."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _tail(iri: Any) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if text.startswith(("http", str(DIP._NS))) else text


def _fold(text: str) -> str:
    return label_key(text).lower()
