"""Every spaCy component of kg, registered as a factory so pipelines are built from config."""
from __future__ import annotations

from collections.abc import Sequence
from itertools import compress, count

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .actors import ActorFinder
from .claims import ClaimFinder
from .cues import is_speech_verb
from .kb import load_kb
from .tokens import views

for _name, _default in (("claims", None), ("new_entities", None), ("titles", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

SENTENCE_ENDS = frozenset((".", "؟", "!", "?"))
CLOSERS = frozenset(("»", '"', ")"))
BREAKS = SENTENCE_ENDS | {":"}


@Language.factory("kg_sentencizer", default_config={"colon_after_speech": True})
def make_sentencizer(nlp: Language, name: str, colon_after_speech: bool) -> "PersianSentencizer":
    """Sentence boundaries for Persian news: paragraphs, . ؟ ! and the colon that opens a quote."""
    return PersianSentencizer(colon_after_speech)


class PersianSentencizer:
    """Splits at paragraph breaks, sentence punctuation (after closing guillemets) and speech colons."""

    def __init__(self, colon_after_speech: bool = True) -> None:
        self.colon_after_speech = colon_after_speech

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        words, forms = views(doc)
        spaces = doc.to_array(IS_SPACE)
        n = len(doc)
        flags = numpy.full(n, -1, dtype=numpy.int64)
        flags[0] = 1
        flags[1:][spaces[:-1] == 1] = 1
        # key forms keep punctuation as it is
        for i in compress(count(), map(BREAKS.__contains__, words[:-1])):
            text = words[i]
            if text in SENTENCE_ENDS:
                nxt = i + 1
                while nxt < n and words[nxt] in CLOSERS:
                    nxt += 1
                if nxt < n:
                    flags[nxt] = 1
            elif text == ":" and self.colon_after_speech:
                back = [j for j in (i - 1, i - 2) if j >= 0 and forms[j] is not None]
                if any(is_speech_verb(words, forms, j) is not None for j in back):
                    flags[i + 1] = 1
        # all at once: setting Token.is_sent_start checks the whole Doc each time (quadratic)
        doc.from_array([SENT_START], flags.astype(numpy.uint64))
        return doc


@Language.factory("kg_actors", default_config={"kb_files": []})
def make_actor_finder(nlp: Language, name: str, kb_files: Sequence[str]) -> ActorFinder:
    """Actor ruler fed from the knowledge base (kg/data plus optional user files)."""
    return ActorFinder(load_kb(tuple(kb_files)))


@Language.factory("kg_claims", default_config={"kb_files": []})
def make_claim_finder(nlp: Language, name: str, kb_files: Sequence[str]) -> ClaimFinder:
    """The claim extractor: attribution, relation cues, roles, negation and modality."""
    return ClaimFinder(load_kb(tuple(kb_files)))
