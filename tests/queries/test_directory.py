"""kg.queries.directory: actors by any name, and the relation vocabulary."""
from __future__ import annotations

from kg.model import Entity
from kg.nlp.kb import load_kb
from kg.queries.directory import find_actors, relation_vocabulary


def test_an_actor_is_found_by_part_of_an_english_persian_or_arabic_name_or_its_key():
    kb = load_kb()
    for text in ("Fuad", "فؤاد حسین", "fuad_hus"):
        assert "FUAD_HUSSEIN" in [row["key"] for row in find_actors(text, kb)], text


def test_without_a_graph_there_is_no_claim_count_and_every_actor_for_no_text():
    kb = load_kb()
    rows = find_actors("", kb)
    assert len(rows) == len(kb.entities) and all(row["claims"] is None for row in rows)


def test_the_vocabulary_has_every_relation_with_its_family():
    rows = relation_vocabulary()
    assert rows.variables[:2] == ["relation", "family"]
    assert len({row["relation"] for row in rows}) == len(rows) >= 30
