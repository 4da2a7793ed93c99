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
