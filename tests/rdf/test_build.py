"""kg.rdf.build: hand-made articles, entities and claims become the triples of the RDF contract."""
from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib import namespace as ns
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS

from kg.model import Article, Claim, Entity
from kg.rdf import build
from kg.rdf.build import add_article, add_claim, add_entity, new_graph
from kg.rdf.iris import article_iri, claim_iri, entity_iri
from kg.rdf.vocab import DIP, WD

ZWNJ = "\u200c"

RUS = Entity("RUS", "state", (("en", "Russia"), ("fa", "روسیه")), "Q159")
IRQ = Entity("IRQ", "state", (("en", "Iraq"), ("fa", "عراق")), "Q796")
SYR = Entity("SYR", "state", (("en", "Syria"), ("fa", "سوریه")), "Q858")
ARAB_LEAGUE = Entity("ARAB_LEAGUE", "organization", (("en", "Arab League"), ("fa", "اتحادیه عرب")), "Q7172")
LAVROV = Entity("LAVROV", "person", (("en", "Sergey Lavrov"), ("fa", "سرگئی لاوروف")), None, RUS, "foreign minister")
RETURN = Entity("topic:بازگشت سوریه", "topic", (("en", "return of Syria to the Arab League"),
                                                 ("fa", "بازگشت سوریه به اتحادیه عرب")), involves=(SYR, ARAB_LEAGUE))
OUTLET = Entity("DAILY", "agency", (("en", "Invented Daily"), ("fa", "روزنامه فرضی")))
AGENCY_1 = Entity("AGENCY_ONE", "agency", (("en", "Agency One"),))
AGENCY_2 = Entity("AGENCY_TWO", "agency", (("en", "Agency Two"),))

ARTICLE = Article(
    id="invented-1", source="corpus/invented-1.txt", raw="", text="", offsets=(),
    outlet=OUTLET, agencies=(AGENCY_1, AGENCY_2), date="2019-02-20", title="عنوان فرضی",
)
SUPPORTS = Claim(
    "invented-1", "supports", (IRQ, RUS), (RETURN,), speakers=(LAVROV,), modality="future",
    quote="عراق و روسیه از بازگشت سوریه حمایت خواهند کرد", start=12, end=58,
)
JOINS_NOT = Claim("invented-1", "joins", (IRQ,), (ARAB_LEAGUE,), negated=True, quote="نمی" + ZWNJ + "پیوندد",
                  start=70, end=80)


def built(*claims, article=ARTICLE):
    g = new_graph()
    add_article(g, article)
    for claim in claims:
        add_claim(g, claim)
    return g


def test_claim_node_has_the_contract_properties():
    g = built(SUPPORTS)
    node = claim_iri(SUPPORTS)
    assert (node, RDF.type, DIP.Claim) in g
    assert list(g.objects(node, DIP.relation)) == [DIP.supports]
    assert set(g.objects(node, DIP.subject)) == {entity_iri(IRQ), entity_iri(RUS)}
    assert set(g.objects(node, DIP.object)) == {entity_iri(RETURN)}
    assert set(g.objects(node, DIP.speaker)) == {entity_iri(LAVROV)}
    assert list(g.objects(node, DIP.modality)) == [DIP.Future]
    (negated,) = g.objects(node, DIP.negated)
    assert negated.datatype == ns.XSD.boolean and negated.toPython() is False
    (quote,) = g.objects(node, DIP.quote)
    assert quote.language == "fa" and str(quote) == SUPPORTS.quote
    assert [o.toPython() for o in g.objects(node, DIP.charStart)] == [12]
    assert [o.toPython() for o in g.objects(node, DIP.charEnd)] == [58]
    assert list(g.objects(node, PROV.wasDerivedFrom)) == [article_iri("invented-1")]
    assert g.value(article_iri("invented-1"), DCTERMS.source) == Literal("corpus/invented-1.txt")


def test_add_claim_returns_the_claim_iri():
    g = new_graph()
    assert add_claim(g, SUPPORTS) == claim_iri(SUPPORTS)


@pytest.mark.parametrize("modality, individual", [
    ("asserted", DIP.Asserted), ("future", DIP.Future), ("intended", DIP.Intended), ("desired", DIP.Desired),
])
def test_modality_is_an_individual(modality, individual):
    g = built(replace(SUPPORTS, modality=modality))
    assert list(g.objects(claim_iri(replace(SUPPORTS, modality=modality)), DIP.modality)) == [individual]


def test_quote_takes_the_language_given():
    g = new_graph()
    node = add_claim(g, replace(SUPPORTS, quote="Iraq supports Syria"), lang="en")
    assert g.value(node, DIP.quote) == Literal("Iraq supports Syria", lang="en")


def test_plain_triples_for_every_subject_and_object_of_a_claim_not_negated():
    g = built(replace(SUPPORTS, objects=(SYR, ARAB_LEAGUE)))
    plain = {(s, o) for s, o in g.subject_objects(DIP.supports)}
    assert plain == {(entity_iri(s), entity_iri(o)) for s in (IRQ, RUS) for o in (SYR, ARAB_LEAGUE)}


def test_a_joint_act_relates_each_party_to_the_others_only():
    joint = Claim("invented-1", "cooperatesWith", (IRQ, RUS), (IRQ, RUS), quote="همکاری", start=0, end=6)
    plain = set(built(joint).subject_objects(DIP.cooperatesWith))
    assert plain == {(entity_iri(IRQ), entity_iri(RUS)), (entity_iri(RUS), entity_iri(IRQ))}


def test_negated_claim_asserts_no_plain_triple():
    g = built(JOINS_NOT)
    node = claim_iri(JOINS_NOT)
    assert g.value(node, DIP.negated) == Literal(True)
    assert g.value(node, DIP.negated).datatype == ns.XSD.boolean
    assert (node, DIP.relation, DIP.joins) in g
    assert (entity_iri(IRQ), DIP.joins, entity_iri(ARAB_LEAGUE)) not in g
    assert not list(g.subject_objects(DIP.joins))


def test_conditional_is_marked_only_when_set():
    g = built(SUPPORTS, replace(JOINS_NOT, conditional=True))
    assert g.value(claim_iri(JOINS_NOT), DIP.conditional) == Literal(True)
    assert g.value(claim_iri(SUPPORTS), DIP.conditional) is None


def test_entities_have_language_tagged_labels_and_wikidata_links():
    g = built(SUPPORTS)
    rus, league = entity_iri(RUS), entity_iri(ARAB_LEAGUE)
    assert set(g.objects(rus, RDFS.label)) == {Literal("Russia", lang="en"), Literal("روسیه", lang="fa")}
    assert all(label.language for node in g.subjects(RDFS.label) for label in g.objects(node, RDFS.label))
    assert list(g.objects(rus, OWL.sameAs)) == [WD.Q159]
    assert list(g.objects(league, OWL.sameAs)) == [URIRef("http://www.wikidata.org/entity/Q7172")]
    assert (rus, RDF.type, DIP.State) in g and (league, RDF.type, DIP.Organization) in g


def test_entity_without_wikidata_id_has_no_same_as():
    g = new_graph()
    node = add_entity(g, LAVROV)
    assert not list(g.objects(node, OWL.sameAs))
    assert (node, RDF.type, DIP.Person) in g


def test_person_links_its_state_and_office():
    g = new_graph()
    node = add_entity(g, LAVROV)
    assert list(g.objects(node, DIP.affiliation)) == [entity_iri(RUS)]
    assert g.value(node, DIP.role) == Literal("foreign minister", lang="en")
    assert Literal("Russia", lang="en") in set(g.objects(entity_iri(RUS), RDFS.label))


def test_topic_involves_its_actors():
    g = new_graph()
    node = add_entity(g, RETURN)
    assert (node, RDF.type, DIP.Topic) in g
    assert set(g.objects(node, DIP.involves)) == {entity_iri(SYR), entity_iri(ARAB_LEAGUE)}
    assert g.value(entity_iri(SYR), OWL.sameAs) == WD.Q858
    assert g.value(node, RDFS.label, any=True) is not None


def test_article_has_source_outlet_date_and_title():
    g = built()
    node = article_iri("invented-1")
    assert (node, RDF.type, DIP.Article) in g
    assert g.value(node, DCTERMS.source) == Literal("corpus/invented-1.txt")
    assert g.value(node, DIP.outlet) == entity_iri(OUTLET)
    assert g.value(node, DCTERMS.date) == Literal("2019-02-20", datatype=ns.XSD.date)
    assert g.value(node, DCTERMS.title) == Literal("عنوان فرضی", lang="fa")


def test_report_chain_follows_the_cited_agencies_in_order():
    g = built()
    article = article_iri("invented-1")
    first = g.value(article, DIP.report)
    assert first is not None and g.value(first, DIP.agency) == entity_iri(AGENCY_1)
    second = g.value(first, PROV.wasDerivedFrom)
    assert second is not None and g.value(second, DIP.agency) == entity_iri(AGENCY_2)
    assert [g.value(r, DIP.position).toPython() for r in (first, second)] == [1, 2]
    assert g.value(second, PROV.wasDerivedFrom) is None
    assert set(g.subjects(RDF.type, DIP.Report)) == {first, second}


def test_article_without_agencies_has_no_report():
    g = built(article=replace(ARTICLE, agencies=(), outlet=None, date=None, title=None))
    node = article_iri("invented-1")
    assert g.value(node, DIP.report) is None and g.value(node, DIP.outlet) is None
    assert g.value(node, DCTERMS.date) is None
    assert not list(g.subjects(RDF.type, DIP.Report))


def test_building_twice_gives_isomorphic_graphs_and_re_adding_adds_nothing():
    first, second = built(SUPPORTS, JOINS_NOT), built(SUPPORTS, JOINS_NOT)
    if not isomorphic(first, second):
        _, only_first, only_second = graph_diff(to_isomorphic(first), to_isomorphic(second))
        pytest.fail(f"graphs differ:\n{only_first.serialize(format='nt')}\n---\n{only_second.serialize(format='nt')}")
    size = len(first)
    add_article(first, ARTICLE)
    add_claim(first, SUPPORTS)
    add_claim(first, replace(JOINS_NOT))
    assert len(first) == size


def test_two_claims_of_one_statement_share_entity_nodes():
    other = Claim("invented-1", "praises", (IRQ,), (RUS,), quote="تقدیر", start=90, end=95)
    g = built(SUPPORTS, other)
    assert claim_iri(SUPPORTS) != claim_iri(other)
    assert len(set(g.subjects(RDF.type, DIP.Claim))) == 2
    assert len(set(g.subjects(RDF.type, DIP.State))) == 3
    assert (entity_iri(IRQ), DIP.praises, entity_iri(RUS)) in g


def test_article_triples_are_the_graphs_triples_each_once():
    g = new_graph()
    add_article(g, ARTICLE)
    for claim in (SUPPORTS, JOINS_NOT, SUPPORTS):
        add_claim(g, claim)
    triples = build.article_triples(ARTICLE, [SUPPORTS, JOINS_NOT, SUPPORTS])
    assert len(triples) == len(set(triples)) == len(g)
    assert set(triples) == set(g)


def test_one_preferred_label_per_language_the_rest_alternative():
    usa = Entity("US", "state", (("en", "United States"), ("en", "USA"), ("fa", "آمریکا"), ("fa", "ایالات متحده")))
    g = new_graph()
    node = add_entity(g, usa)
    assert {(str(o), o.language) for o in g.objects(node, ns.SKOS.prefLabel)} == {("United States", "en"), ("آمریکا", "fa")}
    assert {str(o) for o in g.objects(node, ns.SKOS.altLabel)} == {"USA", "ایالات متحده"}
    assert len(list(g.objects(node, RDFS.label))) == 4  # the contract's labels stay


def test_who_supports_whom_by_preferred_label_gives_one_row_per_fact():
    from kg.api import build_graph, extract_article
    from kg.model import Extraction
    from kg.rdf.sparql import run_query

    text = "دونالد ترامپ گفت: آمریکا از اسرائیل حمایت می\u200cکند. ایالات متحده از عربستان نیز حمایت می\u200cکند.\n"
    article = Article("invented-2", "invented-2.txt", text, text, tuple(range(len(text))))
    extraction = Extraction()
    extraction.articles.append(article)
    extraction.claims.extend(extract_article(article))
    answer = run_query(build_graph(extraction), """SELECT ?subject ?object WHERE {
        ?s dip:supports ?o ; skos:prefLabel ?subject . ?o skos:prefLabel ?object
        FILTER(lang(?subject) = "en" && lang(?object) = "en") }""")
    facts = {(str(s), str(o)) for s, o in answer.rows}
    assert len(answer.rows) == len(facts) == 2


def test_the_paragraph_holding_the_evidence_is_kept_with_its_offset():
    text = "عنوان\n\nبند اول.\n  عراق از بازگشت سوریه حمایت می‌کند. جمله دیگر.\nبند سوم."
    start = text.index("عراق")
    end = text.index("می‌کند") + len("می‌کند")
    claim = replace(SUPPORTS, start=start, end=end, quote=text[start:end])
    g = new_graph()
    node = add_claim(g, claim, "fa", text)
    paragraph = str(g.value(node, DIP.paragraph))
    offset = g.value(node, DIP.paragraphStart).toPython()
    assert paragraph == "عراق از بازگشت سوریه حمایت می‌کند. جمله دیگر."
    assert paragraph[start - offset : end - offset] == claim.quote


def test_without_the_text_no_paragraph_is_written():
    g = new_graph()
    node = add_claim(g, SUPPORTS)
    assert g.value(node, DIP.paragraph) is None


def test_claims_of_two_articles_stating_the_same_share_one_statement():
    other = replace(SUPPORTS, article="invented-2", start=3, end=20, speakers=())
    g = new_graph()
    first, second = add_claim(g, SUPPORTS), add_claim(g, other)
    assert first != second
    assert g.value(first, DIP.statement) == g.value(second, DIP.statement)
    assert (g.value(first, DIP.statement), RDF.type, DIP.Statement) in g
    denied = add_claim(g, replace(SUPPORTS, negated=True))
    assert g.value(denied, DIP.statement) != g.value(first, DIP.statement)
