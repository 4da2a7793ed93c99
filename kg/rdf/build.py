"""Claims and articles -> RDF triples, per the contract in shared/spec/claims.md section 2."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from functools import lru_cache

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..model import Article, Claim, Entity
from .confidence import confidence
from .iris import article_iri, claim_iri, entity_iri, report_iri, statement_iri
from .vocab import DIP, KIND_CLASS, MODALITY, WD


Triple = tuple[URIRef, URIRef, "URIRef | Literal"]


class TripleSet:
    """Triples in the order first added, each once, with Graph's add(): triples without a store."""

    def __init__(self) -> None:
        self._triples: dict[Triple, None] = {}

    def add(self, triple: Triple) -> None:
        """Add one triple (again adding it changes nothing)."""
        self._triples[triple] = None

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)


def article_triples(article: Article, claims: Iterable[Claim]) -> TripleSet:
    """The triples of one article and its claims, as add_article and add_claim write them."""
    triples = TripleSet()
    add_article(triples, article)
    for claim in claims:
        add_claim(triples, claim, article.lang, article.raw)
    return triples


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound."""
    g = Graph()
    bind_prefixes(g)
    return g


def claims_graph(articles: Iterable[Article], claims: Iterable[Claim]) -> Graph:
    """One graph of `articles` and their `claims`."""
    g = new_graph()
    read = {}
    for article in articles:
        add_article(g, article)
        read[article.id] = article
    for claim in claims:
        article = read.get(claim.article)
        add_claim(g, claim, article.lang if article else "fa", article.raw if article else None)
    return g


def claims_dataset(articles: Iterable[Article], claims: Iterable[Claim]) -> Dataset:
    """A dataset of `articles` and their `claims`, one named graph per article (for TriG and N-Quads)."""
    ds = Dataset()
    bind_prefixes(ds)
    graphs, read = {}, {}
    for article in articles:
        graphs[article.id] = ds.graph(article_iri(article.id))
        add_article(graphs[article.id], article)
        read[article.id] = article
    for claim in claims:
        if claim.article not in graphs:
            graphs[claim.article] = ds.graph(article_iri(claim.article))
        article = read.get(claim.article)
        add_claim(graphs[claim.article], claim, article.lang if article else "fa", article.raw if article else None)
    return ds


def bind_prefixes(g: Graph) -> Graph:
    """Bind dip:, res:, wd:, prov:, dcterms: on `g`."""
    g.bind("dip", DIP._NS)
    g.bind("res", "https://w3id.org/dipkg/resource/")
    g.bind("wd", WD)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)
    g.bind("owl", OWL)
    return g


def add_entity(g: Graph | TripleSet, entity: Entity) -> URIRef:
    """Add an entity node with its class, labels, Wikidata link, affiliation and role."""
    node, triples = _entity_triples(entity)
    for triple in triples:
        g.add(triple)
    return node


@lru_cache(maxsize=20_000)
def _entity_triples(entity: Entity) -> tuple[URIRef, tuple[tuple[URIRef, URIRef, URIRef | Literal], ...]]:
    """An entity's node and the triples that describe it (and the entities it points to)."""
    node = entity_iri(entity)
    triples = [(node, RDF.type, KIND_CLASS.get(entity.kind, DIP.Actor))]
    triples += [(node, RDFS.label, Literal(text, lang=lang)) for lang, text in entity.labels]
    preferred: set[str] = set()  # the first label of each language is the preferred one (the KB's order)
    for lang, text in entity.labels:
        triples.append((node, SKOS.altLabel if lang in preferred else SKOS.prefLabel, Literal(text, lang=lang)))
        preferred.add(lang)
    if entity.wikidata:
        triples.append((node, OWL.sameAs, WD[entity.wikidata]))
    if entity.role:
        triples.append((node, DIP.role, Literal(entity.role, lang="en")))
    for predicate, others in ((DIP.affiliation, (entity.affiliation,) if entity.affiliation else ()),
                              (DIP.involves, entity.involves)):
        for other in others:
            other_node, other_triples = _entity_triples(other)
            triples.append((node, predicate, other_node))
            triples += other_triples
    return node, tuple(triples)


def content_hash(article: Article) -> str:
    """SHA-256 (hex) of an article as read: text, source, title, date, news id and language."""
    parts = (article.raw, article.source, article.title, article.date, article.news_id, article.lang)
    return hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()


def add_article(g: Graph | TripleSet, article: Article) -> URIRef:
    """Add an article node with its source, outlet, date, content hash and chain of cited agencies."""
    node = article_iri(article.id)
    g.add((node, RDF.type, DIP.Article))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, DCTERMS.source, Literal(article.source)))
    g.add((node, DCTERMS.identifier, Literal(article.id)))
    g.add((node, DIP.contentHash, Literal(content_hash(article))))
    if article.title:
        g.add((node, DCTERMS.title, Literal(article.title, lang=article.lang)))
    if article.news_id:
        g.add((node, DIP.newsId, Literal(article.news_id)))
    if article.date:
        g.add((node, DCTERMS.date, Literal(article.date, datatype=XSD.date)))
    if article.outlet is not None:
        o = add_entity(g, article.outlet)
        g.add((node, DIP.outlet, o))
        g.add((node, PROV.wasAttributedTo, o))
    previous = node
    for position, agency in enumerate(article.agencies, start=1):
        report = report_iri(article.id, position)
        g.add((report, RDF.type, DIP.Report))
        g.add((report, RDF.type, PROV.Entity))
        g.add((report, DIP.position, Literal(position)))
        a = add_entity(g, agency)
        g.add((report, DIP.agency, a))
        g.add((report, PROV.wasAttributedTo, a))
        g.add((previous, DIP.report if previous == node else PROV.wasDerivedFrom, report))
        previous = report
    return node


def add_claim(g: Graph | TripleSet, claim: Claim, lang: str = "fa", text: str | None = None) -> URIRef:
    """Add a claim node, its statement and, given the article's `text` as read, the paragraph its evidence
    stands in; unless it is negated, its plain subject-relation-object triples."""
    node = claim_iri(claim)
    relation = DIP[claim.relation]
    g.add((node, RDF.type, DIP.Claim))
    g.add((node, DIP.relation, relation))
    statement = statement_iri(claim)
    g.add((statement, RDF.type, DIP.Statement))
    g.add((node, DIP.statement, statement))
    subjects = [add_entity(g, e) for e in claim.subjects]
    objects = [add_entity(g, e) for e in claim.objects]
    for s in subjects:
        g.add((node, DIP.subject, s))
    for o in objects:
        g.add((node, DIP.object, o))
    for e in claim.speakers:
        g.add((node, DIP.speaker, add_entity(g, e)))
    g.add((node, DIP.negated, Literal(claim.negated)))
    g.add((node, DIP.modality, MODALITY[claim.modality]))
    if claim.conditional:
        g.add((node, DIP.conditional, Literal(True)))
    g.add((node, DIP.quote, Literal(claim.quote, lang=lang)))
    g.add((node, DIP.charStart, Literal(claim.start)))
    g.add((node, DIP.charEnd, Literal(claim.end)))
    g.add((node, DIP.sentence, Literal(claim.sentence)))
    if text is not None and 0 <= claim.start <= claim.end <= len(text):
        start, end = paragraph_span(text, claim.start, claim.end)
        g.add((node, DIP.paragraph, Literal(text[start:end], lang=lang)))
        g.add((node, DIP.paragraphStart, Literal(start)))
    if claim.method:
        g.add((node, DIP.method, Literal(claim.method)))
    if (score := confidence(claim)) is not None:
        g.add((node, DIP.confidence, Literal(_decimal(score), datatype=XSD.decimal)))
    if claim.date:
        g.add((node, DIP.claimDate, Literal(claim.date, datatype=XSD.date)))
    g.add((node, PROV.wasDerivedFrom, article_iri(claim.article)))
    if not claim.negated:
        for s in subjects:
            for o in objects:
                if s != o:  # a joint act ("A and B cooperate") relates each party to the others
                    g.add((s, relation, o))
    return node


def paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the line (paragraph) of `text` that holds the span [start, end), spaces trimmed."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    while first < start and text[first].isspace():
        first += 1
    while last > end and text[last - 1].isspace():
        last -= 1
    return first, last


def _decimal(value: float) -> str:
    """`value` to two places in xsd:decimal's canonical form ("0.5", "0.87", "1.0"), as stores write it back."""
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text
