"""A readable Latin spelling of Persian names, for the English label of a name no lexicon knows.

The scheme (kg's own, documented here and in the README): each letter by kg/data/fa/latin.tsv (ا a, و u,
ی i, خ kh ...); a word-final ه after a consonant is "eh" (زاده zadeh). Persian does not write its short
vowels, so where the letters leave consonants English cannot say together, an "a" stands for the unwritten
vowel: between two consonants opening a word (رزماری Razmari) unless they open English words too (fr, kr,
st ...), inside any run of three consonants, and between two closing a word unless English ends words so
(nd, st ...). The result is pronounceable, never a consonant skeleton, but it is not the person's own
spelling: the knowledge base's English names come first wherever it has them.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

ZWNJ = "\u200c"
VOWELS = set("aeiou")
# Consonant pairs English opens and closes words with, so no vowel is added between them.
ONSETS = {"br", "bl", "kr", "kl", "gr", "gl", "pr", "pl", "tr", "dr", "fr", "fl", "sp", "st", "sk", "sm", "sn"}
CODAS = {"nd", "nt", "nk", "ng", "rd", "rt", "rk", "rs", "rz", "rm", "rn", "st", "sk", "sht", "ft", "kht", "ld",
         "lt", "lm", "mb", "ns", "nz", "ks", "ps", "ts"}


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
    """Persian words in Latin letters by the scheme above, capitalised; Latin text passes through."""
    words = [_word(w) for w in text.replace(ZWNJ, "").split()]
    return " ".join(w.capitalize() for w in words if w)


def _word(word: str) -> str:
    """One word: its letters in Latin, with "a" where an unwritten vowel must be."""
    table = _latin()
    parts = [table.get(ch, ch if ch.isascii() else "") for ch in word]
    if len(parts) > 1 and word[-1] == "ه" and parts[-2] and parts[-2][-1] not in VOWELS:
        parts[-1] = "eh"
    parts = [p for p in parts if p]
    if not parts or word.isascii():
        return "".join(parts)
    return _pronounceable(parts)


def _consonant(part: str) -> bool:
    return part[-1].isalpha() and part[-1] not in VOWELS and part[0] not in VOWELS


def _pronounceable(parts: list[str]) -> str:
    """Letters (Latin parts, one per Persian letter) joined with "a" where consonants pile up."""
    out = [parts[0]]
    run = 1 if _consonant(parts[0]) else 0
    for i, part in enumerate(parts[1:], 1):
        if not _consonant(part):
            out.append(part)
            run = 0
            continue
        opening = i == 1 and run == 1 and (parts[0] + part)[:2] not in ONSETS
        last = i == len(parts) - 1 and run == 1 and (parts[i - 1] + part) not in CODAS
        if opening or run >= 2 or (last and len(parts) > 2):
            out.append("a")
            run = 0
        out.append(part)
        run += 1
    return "".join(out)
