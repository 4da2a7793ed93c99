"""Latin spellings for names no lexicon knows."""
from kg.read.translit import transliterate

ZWNJ = "\u200c"


def test_letters_map_word_by_word_and_capitalised():
    assert transliterate("سیامک باقری") == "Siamk Baqri"


def test_zero_width_joiners_and_unknown_characters_vanish():
    assert transliterate(f"خطیب{ZWNJ}زاده") == "Khtibzadh"


def test_latin_text_passes_through():
    assert transliterate("CNN") == "Cnn"
