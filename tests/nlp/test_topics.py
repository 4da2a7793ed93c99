"""kg.nlp.topics: English labels of topics from their Persian head noun."""
from __future__ import annotations

from kg.nlp.topics import english_label


def test_a_known_head_gives_an_english_label_with_its_actors():
    assert english_label("حاکمیت عراق", ["Iraq"]) == "Iraq's sovereignty"
    assert english_label("بازگشت سوریه به اتحادیه عرب", ["Syria", "Arab League"]) == \
        "the return of Syria to Arab League"
    assert english_label("تضمین امنیت مرزهای عراق و سوریه", ["Iraq", "Syria"]) == \
        "securing the borders of Iraq and Syria"


def test_a_template_with_more_actors_than_named_falls_back_to_its_noun():
    assert english_label("حضور آمریکا", ["United States"]) == "presence of United States"


def test_an_unknown_head_keeps_the_persian_words_with_the_actors_never_matter_of():
    label = english_label("پرونده‌ای تازه درباره عراق", ["Iraq"])
    assert label == "پرونده‌ای تازه درباره عراق (Iraq)" and "matter of" not in label
