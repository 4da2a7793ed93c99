"""Transliteration variants of known names: پامپئو / پمپئو / پومپئو, الحکیم / حکیم, ي / ی are one name.

Foreign names are written in Persian with or without their inner long vowels, hamza seats and the Arabic
article; a word's consonant skeleton drops exactly those, so two spellings of one name share it."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .lexicon import key_form

FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "ة": "ه"})
INNER_VOWELS = frozenset("اویئء")
MIN_SINGLE = 4  # a lone word matches a variant only with a skeleton this long (short ones hit common words)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The word's first letter, inner consonants (a doubled one once) and last letter; Arabic ال- dropped."""
    w = key_form(word).translate(FOLD)
    if w.startswith("ال") and len(w) > 4:
        w = w[2:]
    if len(w) < 3:
        return w
    inner = [c for c in w[1:-1] if c not in INNER_VOWELS]
    out = [w[0]]
    for c in inner + [w[-1]]:
        if c != out[-1]:
            out.append(c)
    return "".join(out)


def skeleton_phrases(labels: Iterable[tuple[str, str]]) -> dict[tuple[str, ...], str]:
    """Skeleton word sequences of (label, key) pairs; a skeleton two keys share names neither."""
    found: dict[tuple[str, ...], set[str]] = {}
    for label, key in labels:
        words = tuple(skeleton(w) for w in label.split())
        if len(words) > 1 or len(words[0]) >= MIN_SINGLE:
            found.setdefault(words, set()).add(key)
    return {words: keys.pop() for words, keys in found.items() if len(keys) == 1}
