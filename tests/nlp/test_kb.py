"""kg.nlp.kb: the KnowledgeBase lookups (by key, label, state and capital), caching and user files."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.nlp.kb import KnowledgeBase, load_kb

HEADER = "key\tkind\twikidata\taffiliation\trole\ten\tfa\tar\n"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def fa_labels(kb: KnowledgeBase, key: str) -> set[str]:
    return {text for lang, text in kb.entity(key).labels if lang == "fa"}


def test_capitals_stand_for_their_state(kb):
    moscow = kb.entity("MOSCOW")
    assert moscow.kind == "place"
    assert moscow.affiliation is kb.entity("RU")
    assert kb.labels["مسکو"] == [("MOSCOW", "capital")]
    assert kb.is_capital("MOSCOW")
    assert kb.state_of("MOSCOW").key == "RU"
    assert kb.state_of("DAMASCUS").key == "SY"


def test_plain_places_do_not_act_for_a_state(kb):
    assert kb.entity("GOLAN").affiliation.key == "SY"
    assert kb.state_of("GOLAN") is None


def test_institutions_and_people_belong_to_their_state(kb):
    assert kb.lookup("کاخ کرملین") == [("KREMLIN", "name")]
    assert kb.lookup("کرملین") == [("KREMLIN", "name")]
    assert kb.state_of("KREMLIN").key == "RU"
    assert kb.state_of("WHITE_HOUSE").key == "US"
    assert kb.state_of("US_STATE_DEPT").key == "US"
    lavrov = kb.entity("LAVROV")
    assert (lavrov.kind, lavrov.affiliation.key, lavrov.role) == ("person", "RU", "foreign minister")
    assert kb.state_of("LAVROV").key == "RU"
    assert kb.entity("PUTIN").wikidata == "Q7747"
    assert kb.state_of("GUTERRES") is None  # an international civil servant speaks for no state


def test_lookup_ignores_zwnj_and_arabic_letters(kb):
    assert kb.lookup("احمدینژاد") == [("AHMADINEJAD", "name")]
    assert kb.lookup("حزب\u200cالله") == kb.lookup("حزبالله") == [("HEZBOLLAH", "name")]
    assert kb.lookup("سوريه") == [("SY", "name")]


def test_default_kb_is_cached(kb):
    assert load_kb() is kb


def test_an_extra_file_adds_an_actor(tmp_path: Path):
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "# my actors\n" + HEADER
        + "NEW_ENVOY\tperson\t\tIQ\tspecial envoy\tNew Envoy\tفرستاده تازه‌نفس|تازه‌نفس\t\n",
        encoding="utf-8",
    )
    kb = load_kb([extra])
    envoy = kb.entity("NEW_ENVOY")
    assert (envoy.kind, envoy.affiliation.key, envoy.role) == ("person", "IQ", "special envoy")
    assert kb.labels["تازه‌نفس"] == [("NEW_ENVOY", "name")]
    assert kb.state_of("NEW_ENVOY").key == "IQ"
    assert "NEW_ENVOY" not in load_kb().entities


def test_an_extra_row_replaces_a_packaged_actor(tmp_path: Path):
    extra = tmp_path / "mine.tsv"
    extra.write_text(HEADER + "LAVROV\tperson\t\tRU\tforeign minister\tSergey Lavrov\tسرگئی لاوروف\t\n",
                     encoding="utf-8")
    kb = load_kb([extra])
    assert fa_labels(kb, "LAVROV") == {"سرگئی لاوروف"}
    assert "لاوروف" not in kb.labels