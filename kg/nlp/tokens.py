"""Per-token views of a Doc, computed once per distinct word and once per Doc, shared by components."""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, NamedTuple, TypeVar

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.tokens import Doc

from .lexicon import is_word, key_form
from .verbs import VerbForm, analyse

# Match form and verb reading by orth id (a hash of the text, the same in every Vocab).
_WORDS: dict[int, str] = {}
_FORMS: dict[int, VerbForm | None] = {}
_MAX_ROWS = 500_000
T = TypeVar("T")


class LastDoc(Generic[T]):
    """A value worked out for the last Doc (or view of one) it was asked about: the pipeline's
    components ask about the same Doc in turn. (Not in Doc.user_data, which Doc.to_bytes must serialise.)"""

    def __init__(self) -> None:
        self._key: object = None
        self._value: T | None = None

    def get(self, key: object, compute: Callable[[], T]) -> T:
        """The value for `key`, computed by `compute` unless `key` is the one asked about last."""
        if self._key is not key:
            self._key, self._value = key, compute()
        return self._value  # type: ignore[return-value]


_views: LastDoc[tuple[list[str], list[VerbForm | None]]] = LastDoc()


def views(doc: Doc) -> tuple[list[str], list[VerbForm | None]]:
    """(match forms, verb readings) of every token, read from the Doc's arrays without Token objects."""
    return _views.get(doc, lambda: _compute_views(doc))


def _compute_views(doc: Doc) -> tuple[list[str], list[VerbForm | None]]:
    orths = doc.to_array(ORTH).tolist()
    missing = set(orths).difference(_WORDS)
    if len(_WORDS) + len(missing) > _MAX_ROWS:
        _WORDS.clear()
        _FORMS.clear()
        missing = set(orths)
    strings = doc.vocab.strings
    for orth in missing:
        text = strings[orth]
        _WORDS[orth] = key_form(text)
        _FORMS[orth] = analyse(text) if is_word(text) else None
    return list(map(_WORDS.__getitem__, orths)), list(map(_FORMS.__getitem__, orths))


class Sentence(NamedTuple):
    """A sentence as token bounds in its Doc: what the claim finder reads of a spaCy Span, made faster."""

    doc: Doc
    start: int
    end: int


def sentences(doc: Doc) -> list[Sentence]:
    """The Doc's sentences, from its sentence-start array (Doc.sents asks every token in turn)."""
    starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() if len(doc) else []
    if starts[:1] != [0] and len(doc):
        starts.insert(0, 0)
    return [Sentence(doc, a, b) for a, b in zip(starts, starts[1:] + [len(doc)])]
