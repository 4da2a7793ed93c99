"""kg.queries.named: the named queries on a graph of hand-made claims, and their parameters."""
from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.errors import QueryError, UsageError
from kg.model import Article, Claim
from kg.queries.named import bind_values, named_queries, named_query, parameters
from kg.rdf.build import new_graph
from kg.rdf.iris import article_iri, claim_iri, entity_iri
from kg.rdf.sparql import run_query
from kg.rdf.vocab import DIP

from claimgraph import (ARAB_LEAGUE, ARTICLES, CLAIMS, HAMSHAHRI, IRN, IRQ, ISNA, QUOTE, RUS, SPUTNIK, SYR, TASNIM,
                        build, by_claim, records, reports_graph)

@pytest.fixture(scope="module")
def graph() -> Graph:
    return build()


# named queries


def test_named_queries_have_a_header_and_parameters():
    names = named_queries()
    assert set(names) == {"claims", "actor-claims", "between", "provenance", "relation-counts", "contract",
                          "table", "corroboration", "contradictions"}
    for name, description in names.items():
        assert description and not description.startswith("#")
        assert "Parameters:" in named_query(name)


def test_unknown_named_query():
    with pytest.raises(QueryError, match="no named query 'nope'"):
        named_query("nope")


def test_claims_lists_every_claim_with_english_labels(graph):
    rows = by_claim(run_query(graph, named_query("claims")))
    assert len(rows) == len(CLAIMS)
    respects = rows[claim_iri(CLAIMS[0])]
    assert set(respects) == {"claim", "subject", "relation", "object", "speaker", "negated", "modality", "date",
                             "confidence", "quote", "article", "outlet"}
    assert {key: value for key, value in respects.items() if key not in ("date", "confidence")} == {
        "claim": claim_iri(CLAIMS[0]), "subject": "Russia", "relation": DIP.respects, "object": "Iraq",
        "speaker": "Sergey Lavrov", "negated": False, "modality": DIP.Asserted, "quote": QUOTE,
        "article": article_iri("ham-1"), "outlet": "Hamshahri Online",
    }
    assert 0 < float(respects["confidence"]) < 1
    joins = rows[claim_iri(CLAIMS[2])]
    assert (joins["negated"], joins["modality"]) == (True, DIP.Future)
    assert rows[claim_iri(CLAIMS[1])]["object"] == "return of Syria to the Arab League"
    assert rows[claim_iri(CLAIMS[1])]["speaker"] == ""
    meets = rows[claim_iri(CLAIMS[3])]
    assert sorted(meets["subject"].split(", ")) == sorted(meets["object"].split(", ")) == ["Russia", "Syria"]


def test_claims_are_in_text_order(graph):
    rows = records(run_query(graph, named_query("claims")))
    assert [r["claim"] for r in rows] == [
        claim_iri(c) for c in sorted(CLAIMS, key=lambda c: (str(article_iri(c.article)), c.start))
    ]


def test_claims_in_persian_fall_back_to_english_then_the_iri(graph):
    rows = by_claim(run_query(graph, named_query("claims"), {"lang": Literal("fa")}))
    respects = rows[claim_iri(CLAIMS[0])]
    assert (respects["subject"], respects["object"], respects["speaker"]) == ("روسیه", "عراق", "سرگئی لاوروف")
    assert sorted(rows[claim_iri(CLAIMS[5])]["object"].split(", ")) == ["Kurdish militias", "NAMELESS"]


def test_claims_restricted_by_a_bound_relation(graph):
    rows = records(run_query(graph, named_query("claims"), {"relation": DIP.criticizes}))
    assert [(r["subject"], r["object"]) for r in rows] == [("Syria", "Iran")]


def test_actor_claims(graph):
    result = run_query(graph, named_query("actor-claims"), {"actor": entity_iri(RUS)})
    got = sorted((r["role"], str(r["relation"]).split("#")[1], r["other"]) for r in records(result))
    assert got == [
        ("object", "meets", "Syria"),
        ("subject", "joins", "Iran"),
        ("subject", "meets", "Syria"),
        ("subject", "respects", "Iraq"),
    ]
    assert {r["actor"] for r in records(result)} == {entity_iri(RUS)}


def test_actor_claims_of_an_actor_without_claims(graph):
    assert run_query(graph, named_query("actor-claims"), {"?actor": entity_iri(ARAB_LEAGUE)}).rows == []


@pytest.mark.parametrize("a, b", [(IRN, RUS), (RUS, IRN)])
def test_between_either_direction(graph, a, b):
    result = run_query(graph, named_query("between"), {"a": entity_iri(a), "b": entity_iri(b)})
    assert [(r["from"], r["relation"], r["to"], r["negated"]) for r in records(result)] == [
        ("Russia", DIP.joins, "Iran", True)
    ]


def test_between_mutual_claim_gives_both_directions(graph):
    result = run_query(graph, named_query("between"), {"a": entity_iri(SYR), "b": entity_iri(RUS)})
    assert sorted((r["from"], r["to"]) for r in records(result)) == [("Russia", "Syria"), ("Syria", "Russia")]


def test_between_parties_without_claims(graph):
    bindings = {"a": entity_iri(IRQ), "b": entity_iri(IRN)}
    assert run_query(graph, named_query("between"), bindings).rows == []


def test_provenance_chain(graph):
    rows = by_claim(run_query(graph, named_query("provenance")))
    assert len(rows) == len(CLAIMS)
    first = rows[claim_iri(CLAIMS[0])]
    assert first["source"] == "corpus/ham-1.txt"
    assert first["outlet"] == "Hamshahri Online"
    assert first["chain"] == "Hamshahri Online ← ISNA ← Sputnik"
    assert rows[claim_iri(CLAIMS[4])]["chain"] == "Fars"


def test_provenance_chain_in_persian(graph):
    rows = by_claim(run_query(graph, named_query("provenance"), {"lang": Literal("fa")}))
    assert rows[claim_iri(CLAIMS[0])]["chain"] == "همشهری آنلاین ← ایسنا ← اسپوتنیک"


def test_provenance_chain_follows_positions_not_names_or_insertion_order():
    article = Article("long", "long.txt", "x", "x", (0,), outlet=HAMSHAHRI, agencies=(TASNIM, SPUTNIK, ISNA))
    claim = Claim("long", "meets", (IRQ,), (IRN,))
    built = build((article,), (claim,))
    reversed_graph = new_graph()
    for triple in sorted(built, reverse=True):
        reversed_graph.add(triple)
    for g in (built, reversed_graph):
        rows = records(run_query(g, named_query("provenance")))
        assert [r["chain"] for r in rows] == ["Hamshahri Online ← Tasnim ← Sputnik ← ISNA"]


def test_relation_counts(graph):
    rows = records(run_query(graph, named_query("relation-counts")))
    counts = {str(r["relation"]).split("#")[1]: (r["claims"], r["negatedClaims"]) for r in rows}
    assert counts == {
        "respects": (1, 0), "supports": (1, 0), "joins": (1, 1), "meets": (1, 0),
        "criticizes": (1, 0), "fights": (1, 0),
    }


def test_relation_counts_of_an_empty_graph():
    assert run_query(new_graph(), named_query("relation-counts")).rows == []


def test_contract_holds_on_a_built_graph(graph):
    assert run_query(graph, named_query("contract")).rows == []


def test_contract_names_each_breach():
    g = build()
    respects, supports, joins = (claim_iri(c) for c in CLAIMS[:3])
    g.add((respects, DIP.relation, DIP.praises))
    g.remove((supports, DIP.negated, None))
    g.add((supports, DIP.modality, DIP._NS["Probable"]))
    g.remove((supports, DIP.modality, DIP.Asserted))
    g.add((entity_iri(RUS), DIP.joins, entity_iri(IRN)))
    g.remove((entity_iri(SYR), DIP.criticizes, entity_iri(IRN)))
    g.remove((article_iri("fars-2"), None, None))
    bare = URIRef("urn:example:bare")
    g.add((bare, RDF.type, DIP.Claim))
    got = {(r["claim"], r["reason"]) for r in records(run_query(g, named_query("contract")))}
    fars = {claim_iri(c) for c in CLAIMS[4:]}
    assert got == {
        (respects, "has 2 dip:relation values, not one"),
        (respects, "is not negated but its plain triple is missing"),
        (supports, "has no xsd:boolean dip:negated"),
        (supports, "has no dip:modality among Asserted, Future, Intended, Desired"),
        (joins, "is negated but its plain triple is asserted"),
        (claim_iri(CLAIMS[4]), "is not negated but its plain triple is missing"),
        *((c, "is not derived from an article with a dcterms:source") for c in fars | {bare}),
        (bare, "has 0 dip:relation values, not one"),
        (bare, "has no dip:subject"),
        (bare, "has no dip:object"),
        (bare, "has no xsd:boolean dip:negated"),
        (bare, "has no dip:modality among Asserted, Future, Intended, Desired"),
    }


def test_contract_allows_a_triple_a_plain_claim_also_states():
    denied = Claim("ham-1", "joins", (RUS,), (IRN,), negated=True, start=1)
    stated = Claim("ham-1", "joins", (RUS,), (IRN,), start=2)
    g = build(ARTICLES[:1], (denied, stated))
    assert run_query(g, named_query("contract")).rows == []


@pytest.mark.parametrize("name, params", [
    ("actor-claims", {"actor": RUS}),
    ("between", {"a": SYR, "b": RUS}),
    ("claims", {"relation": None}),
])
def test_values_bound_in_the_text_answer_as_bindings_do(graph, name, params):
    bindings = {k: entity_iri(v) if v is not None else DIP.criticizes for k, v in params.items()}
    text = bind_values(named_query(name), {k: f"<{v}>" for k, v in bindings.items()})
    assert records(run_query(graph, text)) == records(run_query(graph, named_query(name), bindings))
    assert records(run_query(graph, text))


def test_parameter_values_are_iris_prefixed_names_or_strings():
    text = bind_values("SELECT ?a ?lang WHERE { ?a ?p ?lang }", {"a": "res:actor/IQ", "lang": 'f"a'})
    assert 'VALUES (?a ?lang) { (<https://w3id.org/dipkg/resource/actor/IQ> "f\\"a") }' in text
    assert "<http://x.org/y>" in bind_values("SELECT ?a WHERE { ?a ?p ?o }", {"a": "http://x.org/y"})


def test_a_parameter_the_query_lacks_is_a_usage_error():
    with pytest.raises(UsageError, match=r"no variable \?actor"):
        bind_values(named_query("between"), {"actor": "res:actor/IQ"})


@pytest.mark.parametrize("value", ['<a> } UNION { ?s ?p ?o } #>', 'res:actor/IQ> . } #', 'x" } ; #',
                                   "http://x.org/a } #"])
def test_a_parameter_value_cannot_add_query_text(graph, value):
    sparql = bind_values(named_query("actor-claims"), {"actor": value})
    assert run_query(graph, sparql).rows == []  # parsed as one literal value, matching nothing


def test_required_and_actor_parameters_come_from_the_header():
    assert parameters(named_query("between")) == (["a", "b"], ["a", "b"])
    assert parameters(named_query("actor-claims")) == (["actor"], ["actor"])
    assert parameters(named_query("claims")) == ([], [])


@pytest.mark.parametrize("name", ["claims", "between", "actor-claims"])
def test_claim_queries_give_speaker_date_and_outlet(name):
    variables = re.search(r"^SELECT (.*)$", named_query(name), re.M).group(1).split()
    assert {"?speaker", "?date", "?outlet"} <= set(variables)


def test_between_names_the_speaker_and_outlet(graph):
    rows = records(run_query(graph, named_query("between"), {"a": entity_iri(RUS), "b": entity_iri(IRQ)}))
    assert rows and {r["outlet"] for r in rows} == {"Hamshahri Online"}
    assert "Sergey Lavrov" in {r["speaker"] for r in rows}


# corroboration and contradictions, on invented articles

@pytest.fixture(scope="module")
def reports() -> Graph:
    return reports_graph()


@pytest.fixture(scope="module")
def oxigraph_reports(reports):
    import pyoxigraph as ox
    from kg.store.oxigraph import query

    store = ox.Store()
    store.load(reports.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return lambda sparql: query(store, sparql)


def test_corroboration_counts_articles_outlets_and_original_sources(reports):
    rows = records(run_query(reports, named_query("corroboration")))
    supports = [r for r in rows if r["relation"] == DIP.supports]
    assert [(r["subject"], r["object"], r["articles"], r["outlets"], r["sources"], str(r["first"]), str(r["last"]))
            for r in supports] == [("Iraq", "Syria", 3, 3, 2, "2020-01-01", "2020-01-05")]


def test_a_mutual_relation_stated_either_way_round_is_one_statement(reports):
    rows = records(run_query(reports, named_query("corroboration")))
    assert [(r["articles"], r["outlets"]) for r in rows if r["relation"] == DIP.meets] == [(2, 2)]


def test_a_statement_one_article_makes_is_left_out_unless_asked(reports):
    rows = records(run_query(reports, named_query("corroboration")))
    assert DIP.opposes not in {r["relation"] for r in rows}
    rows = records(run_query(reports, named_query("corroboration"), {"min": Literal("1")}))
    assert DIP.opposes in {r["relation"] for r in rows}


def test_contradictions_pair_opposite_relations_and_polarities_earlier_first(reports):
    rows = records(run_query(reports, named_query("contradictions")))
    found = {(r["subject"], r["object"], r["relation1"], r["negated1"], r["relation2"], r["negated2"]) for r in rows}
    assert ("Iraq", "Syria", DIP.supports, False, DIP.opposes, False) in found
    assert ("Russia", "Iran", DIP.joins, True, DIP.joins, False) in found
    assert all(str(r["date1"]) <= str(r["date2"]) for r in rows)
    assert len(found) == 2 and len(rows) == 4  # three reports of support, each against the later opposition


def test_the_contradiction_pairs_are_the_opposites_the_ontology_declares():
    from kg.rdf.vocab import opposite_relations
    text = named_query("contradictions")
    listed = set(re.findall(r"\(dip:(\w+) dip:(\w+)\)", text))
    assert listed == set(opposite_relations())


@pytest.mark.parametrize("name", ["corroboration", "contradictions", "provenance", "claims", "table"])
def test_oxigraph_answers_as_rdflib_does(reports, oxigraph_reports, name):
    def key(result):
        return sorted(tuple(str(v) for v in row) for row in result.rows)
    assert key(oxigraph_reports(named_query(name))) == key(run_query(reports, named_query(name)))
