"""When a statement was made: day words in its sentence ("امروز چهارشنبه", "دیروز") against the article's date."""
from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta
from functools import lru_cache
from itertools import compress, count

from .lexicon import key_form, lexicon
from .tokens import LastDoc


@lru_cache(maxsize=1)
def _day_words() -> dict[tuple[str, ...], tuple[int | None, int | None]]:
    rows = lexicon("fa/day_words.tsv", ("word", "offset", "weekday"))
    return {tuple(key_form(w) for w in r["word"].split()): (int(r["offset"]) if r["offset"] else None,
                                                           int(r["weekday"]) if r["weekday"] else None)
            for r in rows}


def day_cue(words: list[str]) -> tuple[int | None, int | None]:
    """(day offset, weekday) the words name, the first of each found; (None, None) when none."""
    offset = weekday = None
    firsts = _first_words()
    if firsts.isdisjoint(words):
        return offset, weekday
    for i, word in enumerate(words):
        if word not in firsts:
            continue
        for phrase, (off, day) in _day_words().items():
            if tuple(words[i : i + len(phrase)]) == phrase:
                offset = off if offset is None else offset
                weekday = day if weekday is None else weekday
    return offset, weekday


_day_words_at: LastDoc[list[int]] = LastDoc()


def day_cue_in(words: list[str], start: int, end: int) -> tuple[int | None, int | None]:
    """day_cue of words[start:end], the Doc's day words found once per `words` view."""
    found = _day_words_at.get(words, lambda: list(compress(count(), map(_first_words().__contains__, words))))
    if bisect_left(found, start) == bisect_left(found, end):
        return None, None
    return day_cue(words[start:end])


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in _day_words())


def statement_date(published: str | None, cue: tuple[int | None, int | None]) -> str | None:
    """The ISO date a statement was made: a weekday is the latest such day up to the offset day."""
    if not published:
        return None
    day = date.fromisoformat(published)
    offset, weekday = cue
    if offset is not None:
        day += timedelta(days=offset)
    if weekday is not None:
        day -= timedelta(days=(day.weekday() - weekday) % 7)
    return day.isoformat()
