"""kg.rdf.ntriples: the text written parses back, with rdflib, to the very triples given."""
from __future__ import annotations

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns

from kg.rdf.ntriples import ntriples, term

S = URIRef("https://w3id.org/dipkg/resource/claim/abc")
P = URIRef("https://w3id.org/dipkg/ontology#quote")
AWKWARD = [
    Literal('he said "no"\\ twice'),
    Literal("line one\nline two\r\nand\ta tab", lang="fa"),
    Literal("ایران\u200cشناس «نقل»", lang="fa"),
    Literal("2019-02-20", datatype=ns.XSD.date),
    Literal(True),
    Literal(42),
    Literal("plain"),
    URIRef("http://www.wikidata.org/entity/Q796"),
]


def test_every_kind_of_object_round_trips():
    triples = [(S, P, o) for o in AWKWARD] + [(BNode("b1"), ns.RDFS.label, Literal("x"))]
    parsed = Graph().parse(data=ntriples(triples), format="nt")
    assert len(parsed) == len(triples)
    assert set(parsed.triples((S, P, None))) == {(S, P, o) for o in AWKWARD}


def test_quads_name_their_graph():
    name = URIRef("https://w3id.org/dipkg/resource/article/a1")
    ds = Dataset()
    ds.parse(data=ntriples([(S, P, o) for o in AWKWARD], graph=name), format="nquads")
    assert len(ds.graph(name)) == len(AWKWARD)


def test_string_literals_carry_no_datatype_and_others_do():
    assert term(Literal("x")) == '"x"'
    assert term(Literal("x", lang="en")) == '"x"@en'
    assert term(Literal(7)) == '"7"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert term(Literal('a"b')) == '"a\\"b"'
