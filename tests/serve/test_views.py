"""kg.serve.views: what the claim, actor and pair pages show, on stores of invented claims."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from kg.errors import UsageError
from kg.model import Article, Claim
from kg.rdf.iris import entity_iri
from kg.serve.data import StoreData
from kg.serve.views import _evidence, actor_view, claim_view, dyad_view, figure_of

from conftest import store_from_graph

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "queries"))
from claimgraph import HAMSHAHRI, IRN, IRQ, LAVROV, RUS, SYR, build  # noqa: E402


@pytest.fixture(scope="module")
def reports(reports_store) -> StoreData:
    return StoreData(str(reports_store))


@pytest.fixture(scope="module")
def minister(tmp_path_factory) -> StoreData:
    """Lavrov (of Russia) supports Syria; Russia criticises Iran; Iran meets Iraq."""
    text = "لاوروف گفت روسیه از سوریه حمایت می‌کند."
    article = Article("m-1", "m-1.txt", text, text, tuple(range(len(text))), outlet=HAMSHAHRI, date="2021-05-01")
    quote = "از سوریه حمایت می‌کند"
    start = text.index(quote)
    claims = [Claim("m-1", "supports", (LAVROV,), (SYR,), (LAVROV,), quote=quote, start=start, end=start + len(quote)),
              Claim("m-1", "criticizes", (RUS,), (IRN,), start=1, end=5),
              Claim("m-1", "meets", (IRN,), (IRQ,), start=6, end=9)]
    graph = build([article], [])
    from kg.rdf.build import add_claim
    for claim in claims:
        add_claim(graph, claim, "fa", text)
    return StoreData(str(store_from_graph(graph, tmp_path_factory.mktemp("minister") / "store")))


def test_a_long_paragraph_is_cut_around_the_evidence():
    paragraph = "a" * 1000 + "EVIDENCE" + "b" * 1000
    before, evidence, after = _evidence({"paragraph": paragraph, "paragraphStart": 100, "start": 1100, "end": 1108})
    assert evidence == "EVIDENCE" and before.startswith("… ") and after.endswith(" …")
    assert len(before) < 400 and len(after) < 400


def test_a_claim_lists_the_other_articles_that_state_it(reports):
    row = next(r for r in reports.table() if r["relation"] == "supports" and r["article"] == "a-1")
    view = claim_view(reports, row["claim"], "en")
    assert sorted(r["article"] for r in view["others"]) == ["a-2", "a-3"]
    assert view["support"]["outlets"] == 3 and view["chain"] == "Hamshahri Online ← ISNA"
    assert view["parties"]["subject"] == [(str(entity_iri(IRQ)), "Iraq")]


def test_an_unknown_claim_is_a_usage_error(reports):
    with pytest.raises(UsageError, match="no claim"):
        claim_view(reports, "https://w3id.org/dipkg/resource/claim/none", "en")


def test_the_evidence_is_found_in_its_paragraph(minister):
    row = next(r for r in minister.table() if r["relation"] == "supports")
    view = claim_view(minister, row["claim"], "en")
    assert (view["before"], view["evidence"], view["after"]) == ("لاوروف گفت روسیه ", "از سوریه حمایت می‌کند", ".")


def test_a_states_page_holds_the_claims_of_its_minister_and_its_stance(minister):
    view = actor_view(minister, str(entity_iri(RUS)), "en")
    assert sorted(r["relation"] for r in view["made"]) == ["criticizes", "supports"]
    assert {label for _, label, _ in view["partners"]} == {"Syria", "Iran"}
    svg = figure_of(minister, "stance", str(entity_iri(RUS)), "", "", "en")
    assert svg.startswith("<?xml") and "Syria" in svg and "Iran" in svg


def test_a_persons_page_keeps_the_person(minister):
    view = actor_view(minister, str(entity_iri(LAVROV)), "en")
    assert [r["relation"] for r in view["made"]] == ["supports"] and view["voiced"]


def test_a_pair_gathers_claims_either_way(reports):
    view = dyad_view(reports, str(entity_iri(SYR)), str(entity_iri(RUS)), "en")
    assert sorted(r["article"] for r in view["rows"]) == ["a-1", "a-2"]
    with pytest.raises(UsageError, match="two different actors"):
        dyad_view(reports, str(entity_iri(SYR)), str(entity_iri(SYR)), "en")


def test_an_unknown_figure_or_actor_is_refused(reports):
    with pytest.raises(UsageError):
        figure_of(reports, "pie", str(entity_iri(SYR)), "", "", "en")
    with pytest.raises(UsageError, match="no actor"):
        actor_view(reports, "https://w3id.org/dipkg/resource/actor/NOBODY", "en")
