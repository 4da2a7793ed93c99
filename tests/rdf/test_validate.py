"""kg.rdf.validate: a graph built by kg.rdf.build conforms; each break of the contract is named."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.model import Article, Claim, Entity
from kg.rdf.build import add_article, add_claim, new_graph
from kg.rdf.iris import entity_iri
from kg.rdf.vocab import DIP
from kg.rdf.validate import ValidationReport, format_violations, undeclared_terms, validate

ANY_DIP = Namespace(str(DIP._NS))
ARTICLE_ID = "hamshahri-430267"
ZWNJ = "\u200c"
RAW = f"لاوروف گفت: ما به حاکمیت عراق احترام می{ZWNJ}گذاریم و به محوری علیه ایران نخواهیم پیوست."

QUOTES = (f"ما به حاکمیت عراق احترام می{ZWNJ}گذاریم", "به محوری علیه ایران نخواهیم پیوست")

RUS = Entity("RUS", "state", (("en", "Russia"), ("fa", "روسیه")), wikidata="Q159")
IRQ = Entity("IRQ", "state", (("en", "Iraq"), ("fa", "عراق")), wikidata="Q796")
IRN = Entity("IRN", "state", (("en", "Iran"), ("fa", "ایران")), wikidata="Q794")
LAVROV = Entity(
    "LAVROV", "person", (("en", "Sergey Lavrov"), ("fa", "سرگئی لاوروف")),
    wikidata="Q110765", affiliation=RUS, role="foreign minister",
)  # fmt: skip
AXIS = Entity(
    "AXIS_AGAINST_IRN", "topic", (("en", "an axis against Iran"), ("fa", "محوری علیه ایران")), involves=(IRN,)
)
HAMSHAHRI = Entity("HAMSHAHRI", "agency", (("en", "Hamshahri"), ("fa", "همشهری")))
ISNA = Entity("ISNA", "agency", (("en", "ISNA"), ("fa", "ایسنا")))
SPUTNIK = Entity("SPUTNIK", "agency", (("en", "Sputnik"), ("fa", "اسپوتنیک")))


@dataclass(frozen=True)
class Seed:
    """A small valid graph and the nodes the tests break."""

    graph: Graph
    affirmed: URIRef
    negated: URIRef
    article: URIRef


@pytest.fixture
def seed() -> Seed:
    article = Article(
        ARTICLE_ID, f"seed/{ARTICLE_ID}.txt", RAW, RAW, tuple(range(len(RAW))),
        outlet=HAMSHAHRI, agencies=(ISNA, SPUTNIK), date="2019-10-13", news_id="430267",
    )  # fmt: skip
    respects = Claim(
        ARTICLE_ID, "respects", (RUS,), (IRQ,), (LAVROV,), quote=QUOTES[0],
        start=RAW.index(QUOTES[0]), end=RAW.index(QUOTES[0]) + len(QUOTES[0]), date="2019-10-13",
    )  # fmt: skip
    joins = Claim(
        ARTICLE_ID, "joins", (RUS,), (AXIS,), (LAVROV,), negated=True, modality="future", quote=QUOTES[1],
        start=RAW.index(QUOTES[1]), end=RAW.index(QUOTES[1]) + len(QUOTES[1]), conditional=True,
    )  # fmt: skip
    g = new_graph()
    node = add_article(g, article)
    return Seed(g, add_claim(g, respects), add_claim(g, joins), node)


def _messages(report: ValidationReport) -> str:
    return "\n".join(f"{v.problem} | {v.message}" for v in report.violations)


def test_valid_graph_conforms(seed: Seed) -> None:
    report = validate(seed.graph)
    assert report.conforms, format_violations(report)
    assert report.violations == []
    assert format_violations(report) == ""


def test_validate_leaves_the_graph_alone(seed: Seed) -> None:
    before = len(seed.graph)
    validate(seed.graph)
    assert len(seed.graph) == before


def _remove_subject(s: Seed) -> None:
    s.graph.remove((s.affirmed, DIP.subject, None))


def _second_relation(s: Seed) -> None:
    s.graph.add((s.affirmed, DIP.relation, DIP.supports))
    s.graph.add((entity_iri(RUS), DIP.supports, entity_iri(IRQ)))


def _assert_negated_triple(s: Seed) -> None:
    s.graph.add((entity_iri(RUS), DIP.joins, entity_iri(AXIS)))


def _remove_source(s: Seed) -> None:
    s.graph.remove((s.article, DCTERMS.source, None))


def _unknown_modality(s: Seed) -> None:
    s.graph.set((s.affirmed, DIP.modality, ANY_DIP.Sometimes))


def _unknown_relation(s: Seed) -> None:
    s.graph.set((s.affirmed, DIP.relation, ANY_DIP.likes))


def _drop_affirmed_triple(s: Seed) -> None:
    s.graph.remove((entity_iri(RUS), DIP.respects, entity_iri(IRQ)))


def _span_reversed(s: Seed) -> None:
    s.graph.set((s.affirmed, DIP.charEnd, Literal(0)))


def _untagged_quote(s: Seed) -> None:
    s.graph.set((s.affirmed, DIP.quote, Literal("no language tag")))


def _no_english_label(s: Seed) -> None:
    s.graph.remove((entity_iri(IRQ), RDFS.label, Literal("Iraq", lang="en")))


def _affiliation_not_a_state(s: Seed) -> None:
    s.graph.set((entity_iri(LAVROV), DIP.affiliation, entity_iri(ISNA)))


def _article_untyped(s: Seed) -> None:
    s.graph.remove((s.article, RDF.type, DIP.Article))


BREAKS: dict[str, tuple[Callable[[Seed], None], tuple[str, ...], str]] = {
    "no subject": (_remove_subject, ("affirmed",), "has no dip:subject"),
    "second relation": (_second_relation, ("affirmed",), "has more than one dip:relation"),
    "negated triple asserted": (_assert_negated_triple, ("negated",), "negated, yet its plain triple"),
    "no source": (_remove_source, ("article",), "has no dcterms:source"),
    "unknown modality": (_unknown_modality, ("affirmed",), "dip:modality dip:Sometimes is not allowed"),
    "unknown relation": (_unknown_relation, ("affirmed",), "relation must be one of the relations"),
    "affirmed triple missing": (_drop_affirmed_triple, ("affirmed",), "plain triple"),
    "span reversed": (_span_reversed, ("affirmed",), "evidence must not end (dip:charEnd) before it starts"),
    "untagged quote": (_untagged_quote, ("affirmed",), "dip:quote"),
    "no English label": (_no_english_label, (), "English rdfs:label"),
    "affiliation not a state": (_affiliation_not_a_state, (), "must point to a dip:State"),
    "article untyped": (_article_untyped, ("affirmed", "negated"), "dip:Article it was read from"),
}


@pytest.mark.parametrize("name", BREAKS)
def test_break_is_named(seed: Seed, name: str) -> None:
    breaker, focus, words = BREAKS[name]
    breaker(seed)
    report = validate(seed.graph)
    assert not report.conforms
    hits = [v for v in report.violations if words in f"{v.problem} ({v.message})"]
    assert hits, _messages(report)
    if focus:
        assert {v.focus for v in hits} == {getattr(seed, attribute) for attribute in focus}
    assert all(v.severity == "Violation" for v in hits)


def test_format_violations_one_plain_line_each(seed: Seed) -> None:
    _remove_subject(seed)
    _remove_source(seed)
    report = validate(seed.graph)
    lines = format_violations(report).splitlines()
    assert len(lines) == len(report.violations) == 2
    assert lines[0].startswith("article res:article/hamshahri-430267 : has no dcterms:source (Every article")
    assert lines[1].startswith("claim res:claim/hamshahri-430267/")
    assert ": has no dip:subject (Every claim needs at least one dip:subject" in lines[1]


def test_undeclared_terms(seed: Seed) -> None:
    assert undeclared_terms(seed.graph) == set()
    seed.graph.add((seed.affirmed, ANY_DIP.madeUpTerm, Literal(1)))
    seed.graph.add((seed.affirmed, RDF.type, ANY_DIP.Rumour))
    seed.graph.add((seed.affirmed, DIP.modality, ANY_DIP.Perhaps))
    assert undeclared_terms(seed.graph) == {ANY_DIP.madeUpTerm, ANY_DIP.Rumour, ANY_DIP.Perhaps}
