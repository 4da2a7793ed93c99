"""Per-token views of a Doc, computed once per distinct word rather than once per token and component."""
from __future__ import annotations

from functools import lru_cache

from spacy.attrs import ORTH
from spacy.tokens import Doc

from .lexicon import is_word, key_form
from .verbs import VerbForm, analyse


@lru_cache(maxsize=200_000)
def _view(text: str) -> tuple[str, VerbForm | None]:
    return key_form(text), analyse(text) if is_word(text) else None


def views(doc: Doc) -> tuple[list[str], list[VerbForm | None]]:
    """(match forms, verb readings) of every token, read from the Doc's arrays without Token objects."""
    strings = doc.vocab.strings
    pairs = [_view(strings[int(orth)]) for orth in doc.to_array(ORTH)]
    return [w for w, _ in pairs], [f for _, f in pairs]
