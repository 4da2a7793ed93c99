"""Helpers shared by the extractor tests: articles from invented text and readings of their claims."""
from __future__ import annotations

from kg.api import extract_article
from kg.model import Article, Claim
from kg.nlp.kb import load_kb
from kg.read.normalise import normalise


def article(text: str, ident: str = "test-1") -> Article:
    """An Article whose raw text is `text` exactly."""
    norm, offsets = normalise(text)
    return Article(id=ident, source="test", raw=text, text=norm, offsets=offsets)


def claims_of(text: str) -> list[Claim]:
    """The claims kg extracts from `text`."""
    return extract_article(article(text))


def keys(entities) -> set[str]:
    """Keys of some entities."""
    return {e.key for e in entities}


def targets(claim: Claim) -> set[str]:
    """Actor keys among the objects and the actors the object topics involve."""
    out = set()
    for o in claim.objects:
        if o.kind != "topic":
            out.add(o.key)
        out |= {i.key for i in o.involves}
    return out


def acts_for(*people: str) -> set[str]:
    """The people and the states they act for (spec §5: list the person or organ and the state)."""
    kb = load_kb()
    out = set(people)
    for p in people:
        state = kb.state_of(p)
        if state is not None:
            out.add(state.key)
    return out
