"""English labels of topics from the Persian noun their phrase opens with (kg/data/fa/topic_heads.tsv)."""
from __future__ import annotations

from functools import lru_cache

from .lexicon import key_form, lexicon

Head = tuple[tuple[str, ...], str, str]


@lru_cache(maxsize=1)
def _heads() -> tuple[Head, ...]:
    """(head words in key form, English noun, template), longest heads first."""
    rows = lexicon("fa/topic_heads.tsv", ("head", "noun", "template"))
    heads = [(tuple(key_form(w) for w in r["head"].split()), r["noun"], r["template"]) for r in rows]
    return tuple(sorted(heads, key=lambda h: -len(h[0])))


def english_label(persian: str, actors: list[str]) -> str:
    """An English label for a topic phrase naming `actors` (their English labels, in the order named): its
    head's template or "NOUN of ACTORS"; a head not in the lexicon keeps the Persian words with the actors."""
    words = tuple(key_form(w) for w in persian.split())
    together = " and ".join(actors)
    for head, noun, template in _heads():
        if words[: len(head)] != head:
            continue
        needed = 2 if "{1}" in template else 1 if "{0}" in template or "{all}" in template else 0
        if template and len(actors) >= needed:
            return template.format(*actors, all=together)
        return f"{noun} of {together}" if actors else noun
    return f"{persian} ({together})" if actors else persian
