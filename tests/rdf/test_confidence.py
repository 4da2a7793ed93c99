"""kg.rdf.confidence: a claim's confidence is that of its most specific calibrated group."""
from __future__ import annotations

from kg.model import Claim, Entity
from kg.rdf import confidence as conf

RU = Entity("RU", "state", (("en", "Russia"),))


def test_groups_go_from_relation_and_method_to_relation_to_all():
    assert conf.buckets("meets", "parse") == ("meets, parse", "meets", "all")
    assert conf.buckets("meets", "") == ("meets, words", "meets", "all")


def test_the_most_specific_group_in_the_table_gives_the_confidence(monkeypatch):
    monkeypatch.setattr(conf, "table", lambda: {"all": 0.5, "meets": 0.8, "meets, parse": 0.9})
    claim = Claim("a", "meets", (RU,), (RU,), method="parse")
    assert conf.confidence(claim) == 0.9
    assert conf.confidence(Claim("a", "meets", (RU,), (RU,), method="words")) == 0.8
    assert conf.confidence(Claim("a", "supports", (RU,), (RU,))) == 0.5
    monkeypatch.setattr(conf, "table", lambda: {})
    assert conf.confidence(claim) is None


def test_the_packaged_table_covers_every_claim():
    assert "all" in conf.table() and 0 < conf.table()["all"] < 1
