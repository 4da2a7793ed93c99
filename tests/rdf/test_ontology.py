"""The dip: ontology and its shapes: every vocab term and relation declared, labelled in en and fa."""
from __future__ import annotations

import csv
import re
from importlib import resources

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS

from kg.rdf.vocab import DIP, KIND_CLASS, MODALITY

ONTOLOGY_IRI = URIRef("https://w3id.org/dipkg/ontology")
DECLARATIONS = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
)
PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")
ARABIC_YEH_KAF = re.compile("[\u064a\u0643]")
ACTOR_KINDS = ("State", "Organization", "ArmedGroup", "Person", "Institution", "NewsAgency", "Group")


def _text(name: str) -> str:
    return (resources.files("kg") / name).read_text(encoding="utf-8")


ONTOLOGY = Graph().parse(data=_text("rdf/ontology/dip.ttl"), format="turtle")
SHAPES = Graph().parse(data=_text("rdf/ontology/shapes.ttl"), format="turtle")
RELATIONS = list(
    csv.DictReader(_text("data/relations.tsv").splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
)
VOCAB = {DIP[name] for name in DIP.__annotations__}
DECLARED = {
    s
    for t in DECLARATIONS
    for s in ONTOLOGY.subjects(RDF.type, t)
    if isinstance(s, URIRef) and s.startswith(str(DIP._NS))
}


def _languages(node: URIRef, predicate: URIRef) -> set[str | None]:
    return {o.language for o in ONTOLOGY.objects(node, predicate) if isinstance(o, Literal)}


def test_ontology_header() -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ONTOLOGY
    assert ONTOLOGY.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert {"en", "fa"} <= _languages(ONTOLOGY_IRI, RDFS.label)
    assert {"en", "fa"} <= _languages(ONTOLOGY_IRI, RDFS.comment)


def test_every_vocab_term_is_declared() -> None:
    assert VOCAB - DECLARED == set()


def test_every_declared_term_is_in_vocab() -> None:
    families = set(ONTOLOGY.subjects(RDF.type, DIP.RelationFamily))
    # the relation-family individuals are not (yet) DIP terms: no code writes them
    assert DECLARED - VOCAB <= families


def test_classes_and_hierarchy() -> None:
    for name in ACTOR_KINDS:
        assert (DIP[name], RDFS.subClassOf, DIP.Actor) in ONTOLOGY
    for name in ("Claim", "Article", "Report"):
        assert (DIP[name], RDFS.subClassOf, PROV.Entity) in ONTOLOGY
    for cls in KIND_CLASS.values():
        assert (cls, RDF.type, OWL.Class) in ONTOLOGY


def test_modality_individuals() -> None:
    assert set(ONTOLOGY.subjects(RDF.type, DIP.Modality)) == set(MODALITY.values())
    for individual in MODALITY.values():
        assert (individual, RDF.type, OWL.NamedIndividual) in ONTOLOGY


@pytest.mark.parametrize("row", RELATIONS, ids=lambda row: row["relation"])
def test_relation_is_annotated_as_in_tsv(row: dict[str, str]) -> None:
    relation = DIP[row["relation"]]
    assert (relation, RDF.type, OWL.ObjectProperty) in ONTOLOGY
    family = ONTOLOGY.value(relation, DIP.family)
    assert (family, RDF.type, DIP.RelationFamily) in ONTOLOGY
    assert ONTOLOGY.value(family, SKOS.notation) == Literal(row["family"])
    assert ONTOLOGY.value(relation, DIP.ploverType) == Literal(row["plover"])
    assert ONTOLOGY.value(relation, DIP.cameoCode) == Literal(row["cameo"])
    assert Literal(row["gloss"], lang="en") in set(ONTOLOGY.objects(relation, RDFS.comment))


def test_relation_properties_are_exactly_the_tsv_rows() -> None:
    annotated = set(ONTOLOGY.subjects(DIP.family, None))
    assert annotated == {DIP[row["relation"]] for row in RELATIONS}


def test_every_family_of_the_tsv_is_an_individual() -> None:
    families = ONTOLOGY.subjects(RDF.type, DIP.RelationFamily)
    notations = {str(ONTOLOGY.value(family, SKOS.notation)) for family in families}
    assert notations == {row["family"] for row in RELATIONS}


@pytest.mark.parametrize("term", sorted(DECLARED), ids=lambda term: term.fragment)
def test_term_has_labels_and_comments_in_en_and_fa(term: URIRef) -> None:
    for predicate in (RDFS.label, RDFS.comment):
        assert {"en", "fa"} <= _languages(term, predicate), f"{term.fragment} lacks an en or fa {predicate}"
    for predicate in (RDFS.label, RDFS.comment):
        for text in ONTOLOGY.objects(term, predicate):
            if text.language == "fa":
                assert PERSIAN_LETTER.search(text), f"{term.fragment}: {text!r} is not in Persian script"
                assert not ARABIC_YEH_KAF.search(text), f"{term.fragment}: {text!r} uses Arabic ي or ك"


def test_shapes_relation_list_is_the_tsv() -> None:
    shape = URIRef("https://w3id.org/dipkg/shapes#ClaimRelationValueShape")
    listed = list(Collection(SHAPES, SHAPES.value(shape, SH["in"])))
    assert listed == [DIP[row["relation"]] for row in RELATIONS]


def test_every_shape_has_an_english_message() -> None:
    shapes = set(SHAPES.subjects(RDF.type, SH.NodeShape)) | set(SHAPES.subjects(RDF.type, SH.PropertyShape))
    constraints = set(SHAPES.subjects(RDF.type, SH.SPARQLConstraint))
    assert shapes and constraints
    for shape in shapes | constraints:
        message = SHAPES.value(shape, SH.message)
        assert message is not None and re.fullmatch(r"[ -~]+", message), shape
