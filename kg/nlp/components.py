"""Every spaCy component of kg, registered as a factory so pipelines are built from config."""
from __future__ import annotations

from collections.abc import Sequence

import numpy
from spacy.attrs import SENT_START
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

SENTENCE_ENDS = (".", "؟", "!", "?")


@Language.factory("kg_sentencizer", default_config={"colon_after_speech": True})
def make_sentencizer(nlp: Language, name: str, colon_after_speech: bool) -> "PersianSentencizer":
    """Sentence boundaries for Persian news: paragraphs, . ؟ ! and the colon that opens a quote."""
    return PersianSentencizer(colon_after_speech)


class PersianSentencizer:
    """Splits at paragraph breaks, sentence punctuation (after closing guillemets) and speech colons."""

    def __init__(self, colon_after_speech: bool = True) -> None:
        self.colon_after_speech = colon_after_speech

    def __call__(self, doc: Doc) -> Doc:
        words, forms = views(doc)
        starts = [False] * len(doc)
        if len(doc):
            starts[0] = True
        for i, token in enumerate(doc):
            nxt = i + 1
            if nxt >= len(doc):
                break
            if token.is_space or "\n" in token.whitespace_:
                starts[nxt] = True
            elif token.text in SENTENCE_ENDS:
                while nxt < len(doc) and doc[nxt].text in ("»", '"', ")"):
                    nxt += 1
                if nxt < len(doc):
                    starts[nxt] = True
            elif token.text == ":" and self.colon_after_speech:
                back = [j for j in (i - 1, i - 2) if j >= 0 and forms[j] is not None]
                if any(is_speech_verb(words, forms, j) is not None for j in back):
                    starts[nxt] = True
        if len(doc):
            # all at once: setting Token.is_sent_start checks the whole Doc each time (quadratic)
            flags = numpy.array([1 if start else -1 for start in starts], dtype=numpy.int64)
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
