"""kg.rdf.iris: IRIs are deterministic, ASCII, and tell different things apart."""
from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest

from kg.model import Claim, Entity
from kg.rdf.iris import article_iri, claim_iri, entity_iri, report_iri, slug

RESOURCE = "https://w3id.org/dipkg/resource/"
ACUTE = "\u0301"
ZWNJ = "\u200c"

RUS = Entity("RUS", "state", (("en", "Russia"), ("fa", "روسیه")), "Q159")
SYR = Entity("SYR", "state", (("en", "Syria"), ("fa", "سوریه")), "Q858")
IRQ = Entity("IRQ", "state", (("en", "Iraq"), ("fa", "عراق")), "Q796")
CLAIM = Claim("invented-1", "supports", (RUS,), (SYR,), quote="روسیه از سوریه حمایت می\u200cکند", start=10, end=40)


def is_plain_ascii(text):
    return text.isascii() and not any(c.isspace() for c in text)


@pytest.mark.parametrize("text", ["بازگشت سوریه به اتحادیه عرب", "topic:حاکمیت عراق", f"می{ZWNJ}کند", "a b", "Ünïcode"])
def test_slug_of_non_ascii_text_is_ascii_and_stable(text):
    first = slug(text)
    assert is_plain_ascii(first) and "/" not in first and ":" not in first
    assert slug(text) == first
    assert slug(" " + text + "\n") == first


def test_slug_keeps_safe_ascii_keys_readable():
    assert slug("RUS") == "RUS"
    assert slug("hamshahri-430267") == "hamshahri-430267"
    assert slug("AL_HAKIM.2") == "AL_HAKIM.2"


def test_slug_of_canonically_equal_texts_is_equal():
    composed = "Ünïcode"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert slug(decomposed) == slug(composed)
    assert slug("e" + ACUTE) == slug("é")


def test_slugs_of_different_texts_differ():
    texts = ["حاکمیت عراق", "حاکمیت سوریه", "بازگشت سوریه به اتحادیه عرب", "a b", "a  b", "a/b"]
    assert len({slug(t) for t in texts}) == len(texts)


def test_entity_iris_come_from_the_key_and_put_topics_apart():
    assert entity_iri(RUS) == entity_iri(Entity("RUS", "state", (("en", "Russian Federation"),)))
    assert entity_iri(RUS) != entity_iri(SYR)
    topic = Entity("topic:بازگشت سوریه به اتحادیه عرب", "topic", (("en", "return of Syria"),), involves=(SYR,))
    actor_iri, topic_iri = str(entity_iri(RUS)), str(entity_iri(topic))
    assert actor_iri.startswith(RESOURCE) and topic_iri.startswith(RESOURCE)
    assert actor_iri.split("/")[-2] != topic_iri.split("/")[-2]
    assert is_plain_ascii(topic_iri)
    assert entity_iri(topic) == entity_iri(replace(topic, labels=()))


def test_article_and_report_iris():
    a = article_iri("hamshahri-430267")
    assert str(a).startswith(RESOURCE) and a == article_iri("hamshahri-430267")
    assert a != article_iri("hamshahri-430268")
    assert is_plain_ascii(str(article_iri("خبر-۱")))
    assert report_iri("x", 1) != report_iri("x", 2) != report_iri("y", 2)
    assert str(report_iri("x", 1)).startswith(str(article_iri("x")))


def test_claim_iri_is_deterministic():
    twin = Claim("invented-1", "supports", (RUS,), (SYR,), quote="روسیه از سوریه حمایت می\u200cکند", start=10, end=40)
    assert twin is not CLAIM
    assert claim_iri(twin) == claim_iri(CLAIM)
    assert is_plain_ascii(str(claim_iri(CLAIM))) and str(claim_iri(CLAIM)).startswith(RESOURCE)


def test_claim_iri_ignores_the_order_of_subjects():
    both = replace(CLAIM, subjects=(RUS, IRQ))
    assert claim_iri(both) == claim_iri(replace(CLAIM, subjects=(IRQ, RUS)))


@pytest.mark.parametrize(
    "change",
    [
        {"article": "invented-2"},
        {"relation": "opposes"},
        {"subjects": (IRQ,)},
        {"subjects": (RUS, IRQ)},
        {"objects": (IRQ,)},
        {"negated": True},
        {"modality": "future"},
        {"start": 11},
        {"end": 41},
    ],
    ids=lambda change: next(iter(change)),
)
def test_different_claims_get_different_iris(change):
    assert claim_iri(replace(CLAIM, **change)) != claim_iri(CLAIM)
