"""A rough Latin spelling of Persian names, for the English label of a name no lexicon knows."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

ZWNJ = "\u200c"


@lru_cache(maxsize=1)
def _latin() -> dict[str, str]:
    """kg/data/fa/latin.tsv as letter -> Latin."""
    text = resources.files("kg").joinpath("data", "fa", "latin.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("letter\t"):
            continue
        letter, latin = line.split("\t")[:2]
        table[letter] = latin
    return table


def transliterate(text: str) -> str:
    """Persian letters to Latin, word by word and capitalised; short vowels are not written in Persian."""
    table = _latin()
    words = ["".join(table.get(ch, ch if ch.isascii() else "") for ch in w) for w in text.replace(ZWNJ, "").split()]
    return " ".join(w.capitalize() for w in words if w)
