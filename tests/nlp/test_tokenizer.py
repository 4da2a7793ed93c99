"""The Persian tokenizer splits guillemets and punctuation glued to words."""
import spacy

import kg.nlp.tokenizer  # noqa: F401


def make():
    return spacy.blank("fa", config={"nlp": {"tokenizer": {"@tokenizers": "kg.fa_tokenizer.v1"}}})


def test_closing_guillemet_and_period_split():
    assert [t.text for t in make()("کردیم».")] == ["کردیم", "»", "."]


def test_opening_guillemet_and_colon_split():
    assert [t.text for t in make()("گفت:«ما")] == ["گفت", ":", "«", "ما"]


def test_numbers_kept_whole():
    assert [t.text for t in make()("12:30 و 3.5")] == ["12:30", "و", "3.5"]


def test_a_full_stop_typed_without_its_space_ends_the_word():
    assert [t.text for t in make()("رفتند.سپس")] == ["رفتند", ".", "سپس"]


def test_latin_web_addresses_stay_whole():
    assert [t.text for t in make()("www.example.ir")] == ["www.example.ir"]
