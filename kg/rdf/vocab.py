"""The `dip:` vocabulary: every term the code writes, declared once (see ontology/dip.ttl)."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from ..errors import DataError

RESOURCE = Namespace("https://w3id.org/dipkg/resource/")
WD = Namespace("http://www.wikidata.org/entity/")


class DIP(DefinedNamespace):
    """Diplomatic-statement ontology terms."""

    _fail = True
    _NS = Namespace("https://w3id.org/dipkg/ontology#")

    # classes
    Claim: URIRef  # a statement of stance or action between actors
    Topic: URIRef  # a matter a claim is about, naming the actors it involves
    Article: URIRef  # a news article claims are read from
    Report: URIRef  # one link of an article's chain of cited agencies
    Actor: URIRef  # anyone who can hold a stance or act
    State: URIRef  # a sovereign state
    Organization: URIRef  # an international or national organisation
    ArmedGroup: URIRef  # a non-state armed group
    Person: URIRef  # a named individual
    Institution: URIRef  # an organ speaking for a state (ministry, palace, parliament)
    NewsAgency: URIRef  # an outlet or news agency
    Group: URIRef  # a people or collective (Arabs, opposition)
    Place: URIRef  # a place that is not itself an actor
    Concept: URIRef  # an abstract target (terrorism)
    Statement: URIRef  # what claims of different articles state alike (corroboration)
    Modality: URIRef  # class of the modality individuals
    RelationFamily: URIRef  # class of relation families
    # modality individuals
    Asserted: URIRef  # a fact, past or present
    Future: URIRef  # will happen
    Intended: URIRef  # tried, sought, planned
    Desired: URIRef  # hoped for, wanted
    # relation families (relations.tsv "family"; its name is the skos:notation)
    PositiveStance: URIRef  # stance+
    NegativeStance: URIRef  # stance-
    Censure: URIRef  # censure
    Appeal: URIRef  # appeal
    Threat: URIRef  # threat
    Consultation: URIRef  # consult
    Agreement: URIRef  # agree
    Cooperation: URIRef  # cooperate
    Aid: URIRef  # aid
    Coercion: URIRef  # coerce
    Retreat: URIRef  # retreat
    Force: URIRef  # force
    # claim properties
    relation: URIRef  # the relation a claim states
    subject: URIRef  # who holds the stance or does the act
    object: URIRef  # whom or what it is about
    speaker: URIRef  # who voiced it
    negated: URIRef  # true when the text denies it
    modality: URIRef  # asserted, future, intended or desired
    conditional: URIRef  # true when the text makes it depend on a condition
    quote: URIRef  # the evidence text
    charStart: URIRef  # evidence start offset in the article as read
    charEnd: URIRef  # evidence end offset in the article as read
    sentence: URIRef  # index of the evidence sentence in the article
    paragraph: URIRef  # the paragraph of the article the evidence stands in
    paragraphStart: URIRef  # offset of that paragraph in the article as read
    statement: URIRef  # the Statement a claim makes, shared with claims of other articles
    claimDate: URIRef  # the date the claim was made
    method: URIRef  # how the extractor found it: words, parse, appeal or charge
    confidence: URIRef  # how often claims found so are right (0-1), calibrated on gold articles
    # entity properties
    involves: URIRef  # an actor a topic involves
    affiliation: URIRef  # the state a person or institution belongs to
    role: URIRef  # a person's office
    # article properties
    outlet: URIRef  # the outlet that published the article
    report: URIRef  # the first cited report of an article's chain
    agency: URIRef  # the agency of a report
    position: URIRef  # a report's place in the chain, 1 = cited by the outlet
    newsId: URIRef  # the outlet's own id of the article
    contentHash: URIRef  # SHA-256 of the article as read, to tell a changed article from a re-read one
    # relation annotations
    family: URIRef  # a relation's family
    ploverType: URIRef  # the PLOVER event type of a relation
    cameoCode: URIRef  # the CAMEO code of a relation
    # relations (relations.tsv)
    supports: URIRef
    opposes: URIRef
    rejects: URIRef
    condemns: URIRef
    criticizes: URIRef
    accuses: URIRef
    denies: URIRef
    praises: URIRef
    welcomes: URIRef
    expressesConcern: URIRef
    respects: URIRef
    considersLegitimate: URIRef
    callsFor: URIRef
    warns: URIRef
    threatens: URIRef
    meets: URIRef
    discusses: URIRef
    briefs: URIRef
    visits: URIRef
    invites: URIRef
    accepts: URIRef
    agreesWith: URIRef
    negotiatesWith: URIRef
    cooperatesWith: URIRef
    partnersWith: URIRef
    joins: URIRef
    aids: URIRef
    sanctions: URIRef
    withdrawsFrom: URIRef
    deploysTo: URIRef
    fights: URIRef
    defeats: URIRef


RELATIONS = (
    "supports", "opposes", "rejects", "condemns", "criticizes", "accuses", "denies", "praises",
    "welcomes", "expressesConcern", "respects", "considersLegitimate", "callsFor", "warns",
    "threatens", "meets", "discusses", "briefs", "visits", "invites", "accepts", "agreesWith",
    "negotiatesWith", "cooperatesWith", "partnersWith", "joins", "aids", "sanctions",
    "withdrawsFrom", "deploysTo", "fights", "defeats",
)

MODALITY = {
    "asserted": DIP.Asserted,
    "future": DIP.Future,
    "intended": DIP.Intended,
    "desired": DIP.Desired,
}

KIND_CLASS = {
    "state": DIP.State,
    "organization": DIP.Organization,
    "armed-group": DIP.ArmedGroup,
    "person": DIP.Person,
    "institution": DIP.Institution,
    "agency": DIP.NewsAgency,
    "group": DIP.Group,
    "place": DIP.Place,
    "concept": DIP.Concept,
    "topic": DIP.Topic,
}


def relation_families(source: Path | Traversable | None = None) -> dict[str, str]:
    """Each relation's family, from relations.tsv: the packaged file unless `source` names another."""
    return dict(_families(source or resources.files("kg") / "data" / "relations.tsv"))


@lru_cache(maxsize=8)
def _families(source: Path | Traversable) -> tuple[tuple[str, str], ...]:
    with source.open("r", encoding="utf-8") as lines:
        rows = list(csv.DictReader(lines, delimiter="\t"))
    for number, row in enumerate(rows, start=2):
        if not row.get("relation") or not row.get("family"):
            raise DataError(f"{source}:{number}: needs a relation and its family")
    return tuple((row["relation"], row["family"]) for row in rows)


@lru_cache(maxsize=1)
def _ontology() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """(symmetric relations, opposite pairs both ways) as declared in ontology/dip.ttl."""
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF

    g = Graph().parse(resources.files("kg") / "rdf" / "ontology" / "dip.ttl", format="turtle")
    name = lambda term: str(term).removeprefix(str(DIP._NS))  # noqa: E731
    symmetric = frozenset(name(p) for p in g.subjects(RDF.type, OWL.SymmetricProperty))
    pairs = {(name(a), name(b)) for a, b in g.subject_objects(OWL.propertyDisjointWith)}
    return symmetric, frozenset(pairs | {(b, a) for a, b in pairs})


def symmetric_relations() -> frozenset[str]:
    """Relations that hold both ways ("A meets B" is "B meets A"): owl:SymmetricProperty in dip.ttl."""
    return _ontology()[0]


def opposite_relations() -> frozenset[tuple[str, str]]:
    """Pairs of relations that contradict each other (owl:propertyDisjointWith in dip.ttl), both ways round."""
    return _ontology()[1]
