"""kg.queries.table: claims as rows with readable labels, filtered, sorted and written as CSV, JSON or Excel."""
from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from rdflib import Graph

from kg.errors import UsageError
from kg.queries.named import bind_values, named_query
from kg.queries.rows import Rows
from kg.queries.table import COLUMNS, ClaimFilter, claim_table, select, sort_rows, table_text, write_table
from kg.rdf.iris import entity_iri
from kg.rdf.sparql import run_query

from claimgraph import IRQ, RUS, reports_graph


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return claim_table(Rows(run_query(reports_graph(), bind_values(named_query("table"), {"lang": "en"}))))


def test_one_row_per_claim_with_labels_family_and_the_article_date(rows):
    assert len(rows) == 8
    first = next(r for r in rows if r["article"] == "a-3")
    assert (first["subject"], first["relation"], first["family"], first["object"], first["date"], first["outlet"]) == \
        ("Iraq", "supports", "stance+", "Syria", "2020-01-05", "Mehr")
    assert first["negated"] is False and first["modality"] == "asserted"


def test_filters_by_actor_label_or_iri_relation_family_polarity_and_dates(rows):
    assert {r["relation"] for r in select(rows, ClaimFilter(actor="iraq"))} == {"supports", "opposes"}
    assert select(rows, ClaimFilter(actor=str(entity_iri(IRQ)))) == select(rows, ClaimFilter(actor="Iraq"))
    assert {r["relation"] for r in select(rows, ClaimFilter(relation="stance-"))} == {"opposes"}
    assert [r["relation"] for r in select(rows, ClaimFilter(negated=True))] == ["joins"]
    assert {r["article"] for r in select(rows, ClaimFilter(since="2020-01-02", until="2020-01-05"))} == {"a-2", "a-3"}
    assert [r["article"] for r in select(rows, ClaimFilter(outlet="hamshahri", relation="meets"))] == ["a-1"]


def test_filters_by_statement_and_quote_words(rows):
    support = next(r for r in rows if r["relation"] == "supports")
    same = select(rows, ClaimFilter(statement=support["statement"]))
    assert [r["article"] for r in same] == ["a-1", "a-2", "a-3"]
    assert len(select(rows, ClaimFilter(text="اتحادیه عرب"))) == 3


def test_an_unknown_relation_or_modality_is_a_usage_error():
    with pytest.raises(UsageError, match="no relation or family 'likes'"):
        ClaimFilter(relation="likes")
    with pytest.raises(UsageError, match="no modality"):
        ClaimFilter(modality="maybe")


def test_sorting_keeps_empty_cells_last_either_way(rows):
    dated = sort_rows(rows, "date", descending=True)
    assert [r["date"] for r in dated][:2] == ["2020-03-01", "2020-03-01"]
    with pytest.raises(UsageError, match="cannot sort"):
        sort_rows(rows, "colour")


def test_csv_json_and_excel_carry_the_same_cells(rows, tmp_path):
    table = list(csv.reader(io.StringIO(table_text(rows, "csv"))))
    assert table[0] == COLUMNS and len(table) == 1 + len(rows)
    as_json = json.loads(table_text(rows, "json"))
    assert [r["quote"] for r in as_json] == [r[COLUMNS.index("quote")] for r in table[1:]]
    path = write_table(rows, tmp_path / "claims.xlsx")
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == COLUMNS
    assert [c.value for c in sheet[2]][COLUMNS.index("relation")] == rows[0]["relation"]


def test_a_spreadsheet_cell_never_becomes_a_formula(tmp_path):
    row = {c: "" for c in COLUMNS} | {"quote": "=HYPERLINK(\"http://x\")", "negated": False, "confidence": None}
    sheet = load_workbook(write_table([row], tmp_path / "t.xlsx")).active
    assert sheet.cell(2, COLUMNS.index("quote") + 1).value.startswith("'=")


def test_an_unknown_table_extension_is_refused(rows, tmp_path):
    with pytest.raises(UsageError, match="write a table as"):
        write_table(rows, tmp_path / "claims.txt")
