"""Transliteration variants share a skeleton; common words with a name's skeleton are kept apart."""
from __future__ import annotations

from kg.nlp.variants import skeleton, skeleton_phrases


def test_spellings_of_one_foreign_name_share_a_skeleton():
    assert skeleton("پامپئو") == skeleton("پمپئو") == skeleton("پومپئو")


def test_the_arabic_article_and_arabic_letters_are_folded():
    assert skeleton("الحکیم") == skeleton("حکیم")
    assert skeleton("كريمي") == skeleton("کریمی")


def test_different_names_keep_different_skeletons():
    assert skeleton("لاوروف") != skeleton("لاریجانی")


def test_a_skeleton_two_keys_share_names_neither():
    found = skeleton_phrases([("جان کری", "KERRY"), ("جان کوری", "CURRY"), ("مایک پمپئو", "POMPEO")])
    assert list(found.values()) == ["POMPEO"]


def test_short_lone_skeletons_are_left_out():
    assert skeleton_phrases([("کری", "KERRY")]) == {}
