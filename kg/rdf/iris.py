"""The one place IRIs are minted: deterministic, so re-running adds nothing."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from ..model import Claim, Entity
from .vocab import RESOURCE, symmetric_relations

_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]")


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def slug(text: str) -> str:
    """An ASCII path segment for `text`; non-ASCII text becomes a stable digest."""
    text = unicodedata.normalize("NFC", text).strip()
    if text and not _UNSAFE.search(text):
        return text
    return _digest(text)


def entity_iri(entity: Entity) -> URIRef:
    """IRI of an actor, place, concept or topic, from its key."""
    return RESOURCE[f"{entity.kind if entity.kind == 'topic' else 'actor'}/{slug(entity.key)}"]


def article_iri(article_id: str) -> URIRef:
    """IRI of an article, from its id."""
    return RESOURCE[f"article/{slug(article_id)}"]


def report_iri(article_id: str, position: int) -> URIRef:
    """IRI of the report cited at `position` of an article's agency chain."""
    return RESOURCE[f"article/{slug(article_id)}/report/{position}"]


def claim_iri(claim: Claim) -> URIRef:
    """IRI of a claim, from its article, roles, polarity, modality and evidence span."""
    key = _digest(*claim.identity)
    return RESOURCE[f"claim/{slug(claim.article)}/{key}"]


def statement_iri(claim: Claim) -> URIRef:
    """IRI of what a claim states, whichever article says it: its relation, parties, polarity and modality."""
    ends = [sorted(e.key for e in claim.subjects), sorted(e.key for e in claim.objects)]
    if claim.relation in symmetric_relations():  # "A meets B" states what "B meets A" does
        ends.sort()
    key = _digest(claim.relation, *ends[0], "\x1e", *ends[1], str(claim.negated), claim.modality)
    return RESOURCE[f"statement/{key}"]
