"""Helpers shared by the tests of reading articles (test_ingest, test_webpage)."""
from __future__ import annotations

from kg.model import Article
from kg.read.normalise import ZWNJ, normalise


def keys(entities) -> list[str]:
    return [e.key for e in entities]


def assert_maps_back(article: Article) -> None:
    """Each character of the normalised text comes from the raw character its offset names."""
    assert len(article.offsets) == len(article.text)
    assert list(article.offsets) == sorted(article.offsets)
    for ch, o in zip(article.text, article.offsets):
        src = article.raw[o]
        assert ch in (ZWNJ, " ", "\n") or ch == src or ch in normalise(src)[0], (ch, src)
