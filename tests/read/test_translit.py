"""Latin spellings for names no lexicon knows."""
import re

import pytest

from kg.read.translit import transliterate

ZWNJ = "\u200c"


def test_letters_map_word_by_word_and_capitalised():
    assert transliterate("سیامک باقری") == "Siamak Baqri"


def test_zero_width_joiners_and_unknown_characters_vanish():
    assert transliterate(f"خطیب{ZWNJ}زاده") == "Khatibzadeh"


def test_latin_text_passes_through():
    assert transliterate("CNN") == "Cnn"


def test_an_a_stands_for_the_unwritten_vowel_where_consonants_pile_up():
    assert transliterate("رزماری") == "Razmari"  # two consonants opening a word
    assert transliterate("فرناندز") == "Franandaz"  # fr opens English words; three in a run; dz closes none
    assert transliterate("کریستینا") == "Kristina"


@pytest.mark.parametrize("name", ["محمد", "رزماری دی کارلو", "کریستینا فرناندز", "روبن هاراتونیان",
                                  "مشترک", "درخواست", "سخنگو", "پسکوف", "اشتباه", "شبستری"])
def test_no_word_is_a_consonant_skeleton(name):
    for word in transliterate(name).lower().split():
        letters = word.replace("'", "")
        assert re.search("[aeiou]", letters), word
        assert not re.search("[^aeiou]{4,}", letters), word
