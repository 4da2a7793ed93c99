"""The DIP vocabulary: fails on unknown terms, lists the relations of relations.tsv, covers the maps."""
from __future__ import annotations

import csv
from importlib import resources

import pytest
from rdflib import URIRef

from kg.errors import DataError
from kg.model import MODALITIES
from kg.rdf import vocab
from kg.rdf.vocab import DIP, KIND_CLASS, MODALITY

NON_RELATION_PROPERTIES = {
    "relation", "subject", "object", "speaker", "negated", "modality", "conditional", "quote",
    "charStart", "charEnd", "sentence", "claimDate", "method", "confidence",
    "paragraph", "paragraphStart", "statement",
    "involves", "affiliation", "role",
    "outlet", "report", "agency", "position", "newsId", "contentHash",
    "family", "ploverType", "cameoCode",
}  # fmt: skip


def _relations() -> list[str]:
    text = (resources.files("kg") / "data" / "relations.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [row["relation"] for row in rows]


def _is_dip_term(term: URIRef) -> bool:
    return isinstance(term, URIRef) and term.startswith(str(DIP._NS)) and term in DIP


def test_unknown_term_raises() -> None:
    assert DIP._fail
    with pytest.raises(AttributeError):
        DIP.supportz  # noqa: B018
    with pytest.raises(AttributeError):
        DIP["supportz"]


def test_relation_terms_are_the_tsv_rows_in_order() -> None:
    properties = [name for name in DIP.__annotations__ if name[0].islower()]
    assert NON_RELATION_PROPERTIES <= set(properties)
    assert [name for name in properties if name not in NON_RELATION_PROPERTIES] == _relations()


def test_modality_map() -> None:
    assert tuple(MODALITY) == MODALITIES
    assert all(_is_dip_term(term) for term in MODALITY.values())


def test_kind_class_values_are_dip_classes() -> None:
    for kind, term in KIND_CLASS.items():
        assert _is_dip_term(term), kind
        assert term.fragment[0].isupper(), kind


def test_relation_families_come_from_the_packaged_table_or_a_given_one(tmp_path):
    assert vocab.relation_families()["condemns"] == "censure"
    mine = tmp_path / "relations.tsv"
    mine.write_text("relation\tfamily\nadmires\tstance+\n", encoding="utf-8")
    assert vocab.relation_families(mine) == {"admires": "stance+"}


def test_a_relation_without_family_is_named_with_its_line(tmp_path):
    bad = tmp_path / "relations.tsv"
    bad.write_text("relation\tfamily\nadmires\tstance+\nshrugs\t\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"relations.tsv:3: needs a relation and its family"):
        vocab.relation_families(bad)
