"""kg.nlp.kbdata: CLDR states, packaged actors, titles, label hygiene and malformed data."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import DataError
from kg.nlp.kb import KnowledgeBase, load_kb
from kg.nlp.kbdata import Title, label_key, read_kb_data

HEADER = "key\tkind\twikidata\taffiliation\trole\ten\tfa\tar\n"
BANNED = ("روحانی", "صدر", "عزیز", "آژانس", "الجزیره", "گل", "اسد")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def fa_labels(kb: KnowledgeBase, key: str) -> set[str]:
    return {text for lang, text in kb.entity(key).labels if lang == "fa"}


@pytest.mark.parametrize(
    ("code", "wikidata", "names"),
    [
        ("RU", "Q159", {"روسیه", "فدراسیون روسیه"}),
        ("IQ", "Q796", {"عراق"}),
        ("US", "Q30", {"آمریکا", "امریکا", "ایالات متحده", "ایالات متحده آمریکا"}),
        ("GB", "Q145", {"انگلیس", "بریتانیا", "انگلستان"}),
        ("PS", "Q219060", {"فلسطین"}),
    ],
)
def test_states_have_persian_names_and_wikidata(kb, code, wikidata, names):
    state = kb.entity(code)
    assert state.kind == "state"
    assert state.wikidata == wikidata
    assert names <= fa_labels(kb, code)
    for name in names:
        assert (code, "name") in kb.labels[name]
    assert kb.state_of(code) is state


def test_english_and_arabic_labels_come_from_cldr(kb):
    russia = kb.entity("RU")
    assert russia.label("en") == "Russia"
    assert russia.label("ar") == "روسيا"
    assert "Turkey" in {t for lang, t in kb.entity("TR").labels if lang == "en"}


def test_dependencies_and_regions_are_not_states(kb):
    assert kb.entity("HK").kind == "place"
    for code in ("001", "150", "ZZ", "QO", "EU", "UN", "XA"):
        assert code not in kb.entities or kb.entities[code].kind != "state"
    assert sum(e.kind == "state" for e in kb.entities.values()) == 197


def test_demonyms_name_their_state(kb):
    assert kb.demonyms["عراقی"] == "IQ"
    assert kb.demonyms["روس"] == "RU"
    assert kb.demonyms["آمریکایی"] == "US"
    assert ("IQ", "demonym") in kb.labels["عراقی"]


def test_organisations(kb):
    assert kb.entity("UN").wikidata == "Q1065"
    assert kb.lookup("آژانس بین‌المللی انرژی اتمی") == [("IAEA", "name")]
    assert kb.lookup("شورای همکاری خلیج فارس") == [("GCC", "name")]
    assert kb.lookup("داعش") == [("ISIS", "name")]
    assert kb.entity("ISIS").kind == "armed-group"


def test_titles_are_loaded(kb):
    titles = {t.title: t for t in kb.titles}
    assert len(kb.titles) >= 60
    fm = titles["وزیر امور خارجه"]
    assert isinstance(fm, Title)
    assert (fm.role, fm.kind, fm.takes_state) == ("foreign minister", "person", True)
    assert titles["وزیر خارجه"].role == "foreign minister"
    assert titles["سخنگوی کاخ کرملین"].takes_state is False
    assert titles["سخنگوی کاخ کرملین"].state == "RU"
    assert titles["دبیرکل"].takes_org
    assert titles["کارشناس"].kind == "expert"
    assert titles["همتای"].kind == "counterpart"
    assert titles["مقامات"].kind == "officials"


def test_no_persian_label_belongs_to_two_keys(kb):
    owners: dict[str, set[str]] = {}
    for text, pairs in kb.labels.items():
        for key, how in pairs:
            if how != "demonym":
                owners.setdefault(label_key(text), set()).add(key)
    shared = {label: keys for label, keys in owners.items() if len(keys) > 1}
    assert shared == {}


def test_no_label_is_a_banned_common_word(kb):
    folded = {label_key(text) for text in kb.labels}
    for word in BANNED:
        assert label_key(word) not in folded, word
    for entity in kb.entities.values():
        for lang, text in entity.labels:
            if lang == "fa":
                assert text not in BANNED, (entity.key, text)


def test_an_unknown_kind_names_the_file_and_line(tmp_path: Path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("# comment\n" + HEADER + "X_GOOD\tgroup\t\t\t\tGood\tخوب‌ها\t\nX_BAD\tspaceship\t\t\t\tBad\t\t\n",
                   encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.tsv:4: unknown kind 'spaceship'"):
        load_kb([bad])


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("lower_key\tgroup\t\t\t\tX\t\t", "bad key"),
        ("X_1\tgroup\tP31\t\t\tX\t\t", "bad Wikidata id"),
        ("X_1\tperson\t\tZQ\t\tX\t\t", "affiliation 'ZQ'"),
        ("X_1\tcapital\t\t\t\tX\t\t", "needs the affiliation"),
        ("X_1\tgroup\t\t\t\t\tچیز\t", "no English label"),
        ("X_1\tgroup\t\t\t\tX\tالف||ب\t", "empty label"),
        ("RU\tgroup\t\t\t\tX\t\t", "CLDR territory code"),
        ("X_1\tgroup\t\t\t\tX\tروسیه\t", "already belongs to RU"),
        ("X_1\tgroup\t\t\t\tX\tروحانی\t", "common word"),
        ("X_1\tgroup\t\t\t\tX\t\t\textra", "cells"),
    ],
)
def test_malformed_rows_are_rejected(tmp_path: Path, row, problem):
    bad = tmp_path / "bad.tsv"
    bad.write_text(HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"bad\.tsv:2: .*{problem}"):
        load_kb([bad])


def test_an_unknown_column_is_rejected(tmp_path: Path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("key\tkind\tcolour\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.tsv:1: unknown column\(s\) colour"):
        load_kb([bad])


def test_a_missing_file_is_a_data_error(tmp_path: Path):
    with pytest.raises(DataError, match="nope.tsv"):
        load_kb([tmp_path / "nope.tsv"])


def test_the_parts_come_in_file_order_with_the_capitals_marked():
    data = read_kb_data(())
    keys = list(data.entities)
    assert keys.index("ZW") < keys.index("LAVROV") < keys.index("MOSCOW")  # CLDR territories first, then actors
    assert "MOSCOW" in data.capitals and "RU" not in data.capitals
    assert KnowledgeBase(*data).entities == load_kb().entities
