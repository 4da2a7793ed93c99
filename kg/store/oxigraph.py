"""The persistent store: an on-disk Oxigraph dataset of the claims, one named graph per article.

Each article's triples live in the named graph of the article's IRI, its `dip:contentHash` among
them, so data and the record of what was ingested commit together. The default graph holds the
union of the article graphs, kept in the same transactions: pyoxigraph 0.5's union default graph
(`use_default_graph_as_union=True`) returns a triple once per graph that holds it, so a query
would see Russia's label twice when two articles name Russia (oxigraph issue #1919). Queries run
on the default graph, which is the RDF merge of the articles, exactly what `kg extract` builds.
"""
from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import QueryError, StoreError
from ..rdf.build import bind_prefixes, new_graph
from ..rdf.iris import article_iri
from ..rdf.sparql import GRAPH_VARIABLES, PREFIXES, QueryResult
from ..rdf.vocab import DIP

# rdflib format names (kg.rdf.files.FORMATS) -> pyoxigraph's serialisers (JSON-LD goes through rdflib: kg.api.export_store)
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "xml": ox.RdfFormat.RDF_XML,
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_HASH = ox.NamedNode(str(DIP.contentHash))
_COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# the prefixes a graph loaded from a file knows (rdflib's defaults, kg's own): tables shorten IRIs alike
_SHORT = {prefix: str(ns) for prefix, ns in new_graph().namespaces()} | PREFIXES


def open_store(path: str | Path, write: bool = False) -> ox.Store:
    """Open the store in folder `path`: read-only, or for writing (created if missing; one writer at a time)."""
    folder = Path(path)
    try:
        is_store = (folder / "CURRENT").is_file()
        if write and (is_store or not folder.exists() or not any(folder.iterdir())):
            folder.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(folder))
        if not folder.is_dir() and not write:
            raise StoreError(f"{path}: no store here (make one with: kg ingest PATH... --store {path})")
        if not is_store:
            raise StoreError(f"{path}: not a kg store (no Oxigraph data in this folder; give a new or empty one)")
        return ox.Store.read_only(str(folder))
    except (OSError, RuntimeError) as e:
        raise StoreError(f"{path}: cannot open the store: {_problem(e, folder)}") from None


def _problem(error: Exception, folder: Path | None = None) -> str:
    """A one-line reason: another writer (the store's lock is held), a damaged store, or the engine's words."""
    text = " ".join(str(error).split())
    if "lock" in text.lower() or (folder is not None and _locked(folder)):
        return "another process is writing to it (one kg ingest at a time); try again when it has finished"
    if any(word in text.lower() for word in ("corrupt", "checksum", "no such file")):
        return (f"the store is damaged ({text[:160]}); make a new one with kg ingest into an empty folder, "
                "or restore a copy")
    return text[:200]


def _locked(folder: Path) -> bool:
    """True when a process holds the store's write lock (RocksDB's LOCK file)."""
    try:
        with open(folder / "LOCK", "rb+") as lock:
            try:
                fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.lockf(lock, fcntl.LOCK_UN)
    except OSError:
        return False
    return False


def stored_hash(store: ox.Store, article_id: str) -> str | None:
    """The content hash recorded for an article, or None if the store does not have it."""
    node = ox.NamedNode(str(article_iri(article_id)))
    for quad in store.quads_for_pattern(node, _HASH, None, node):
        return quad.object.value
    return None


def write_article(store: ox.Store, article_id: str, ntriples: str) -> None:
    """Replace an article's named graph by `ntriples` and keep the union right, in one transaction."""
    graph = f"<{article_iri(article_id)}>"
    update = (
        # the default graph loses the old triples that no other article holds...
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }} ;\n"
        f"DROP SILENT GRAPH {graph} ;\n"
        # ...and gains the new ones, written into the article's graph as well
        f"INSERT DATA {{ GRAPH {graph} {{\n{ntriples}\n}}\n{ntriples}\n}}"
    )
    try:
        store.update(update)
    except SyntaxError as e:
        raise StoreError(f"article {article_id}: its triples are not valid N-Triples ({e})") from None
    except (OSError, RuntimeError) as e:  # RocksDB reports a checksum or I/O failure as either
        raise StoreError(f"cannot write article {article_id}: {_problem(e)}") from None


def article_count(store: ox.Store) -> int:
    """Number of articles in the store."""
    return sum(1 for _ in store.named_graphs())


def triple_count(store: ox.Store) -> int:
    """Number of distinct triples over all articles."""
    (solution,) = store.query(_COUNT_TRIPLES)
    return int(solution["n"].value)


def query(store: ox.Store, sparql: str, limit: int | None = None) -> QueryResult:
    """Run `sparql` with Oxigraph's engine on the union of the articles (kg's prefixes predeclared); at most
    `limit` rows or triples are read when given (the engine stops there)."""
    try:
        answer = store.query(sparql, prefixes=PREFIXES)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(answer), prefixes=dict(_SHORT))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows = [tuple(to_rdflib(solution[v]) for v in variables) for solution in islice(answer, limit)]
            return QueryResult("SELECT", variables, rows, prefixes=dict(_SHORT))
        built = new_graph()
        for triple in islice(answer, limit):
            built.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error: {' '.join(str(e).split())}") from None
    except OSError as e:
        raise QueryError(f"cannot run the query: {' '.join(str(e).split())}") from None
    rows = sorted(built, key=lambda triple: tuple(n.n3() for n in triple))
    keyword = re.search(r"\b(CONSTRUCT|DESCRIBE)\b", sparql, re.IGNORECASE)
    kind = keyword.group(1).upper() if keyword else "CONSTRUCT"
    return QueryResult(kind, list(GRAPH_VARIABLES), rows, graph=built, prefixes=dict(_SHORT))


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Node | None:
    """The rdflib term of a pyoxigraph term (xsd:string literals become plain literals, as rdflib parses them)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    raise QueryError(f"kg cannot show RDF 1.2 triple terms: {term}")


def to_graph(store: ox.Store) -> Graph:
    """The union of the store's articles as an rdflib graph (for drawing, scoring, validating)."""
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    graph = new_graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    return bind_prefixes(graph)


def _article_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Every quad of the article graphs (not the union kept in the default graph)."""
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        yield from store.quads_for_pattern(None, None, None, graph)


def _write_nquads(store: ox.Store, out: BinaryIO) -> None:
    """The article graphs as N-Quads, each dumped by Oxigraph as N-Triples and its graph name set on every line."""
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        triples = store.dump(None, ox.RdfFormat.N_TRIPLES, from_graph=graph)
        # an N-Triples line ends in " .\n", and nowhere else (literals escape their newlines)
        out.write(triples.replace(b" .\n", f" {graph} .\n".encode("utf-8")))


def export(store: ox.Store, output: str | Path, fmt: str) -> Path:
    """Write the store with pyoxigraph's serialisers: TriG and N-Quads one graph per article, others the union.

    Reading dominates on disk: Oxigraph looks up every IRI and long literal of every triple in RocksDB
    (the in-memory Store keeps them in a hash map), so the union is read once with `Store.dump`.
    """
    if fmt not in OX_FORMATS:
        raise StoreError(f"{output}: pyoxigraph cannot write {fmt}")
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    prefixes = {p: ns for p, ns in PREFIXES.items() if p not in ("xsd", "actor")}
    try:
        with open(tmp, "wb") as out:
            if fmt == "nquads":
                _write_nquads(store, out)
            elif fmt == "trig":
                ox.serialize(_article_quads(store), out, OX_FORMATS[fmt], prefixes=prefixes)
            else:
                store.dump(out, OX_FORMATS[fmt], from_graph=ox.DefaultGraph(), prefixes=prefixes)
        os.replace(tmp, path)
    except OSError as e:
        raise StoreError(f"{output}: cannot write ({e.strerror or e})") from None
    finally:
        tmp.unlink(missing_ok=True)
    return path
