"""The public API: everything the CLI does, callable from Python and notebooks."""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph

from .errors import InputError, UsageError
from .model import Article, Claim
from .rdf.build import add_article, add_claim, bind_prefixes, new_graph
from .rdf.iris import article_iri

if TYPE_CHECKING:
    from distributed import Client

    from .batch import IngestReport

FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld",
           ".trig": "trig", ".nq": "nquads", ".rdf": "xml"}
QUAD_FORMATS = ("trig", "nquads")
JSONLD_CONTEXT = {
    "dip": "https://w3id.org/dipkg/ontology#",
    "res": "https://w3id.org/dipkg/resource/",
    "wd": "http://www.wikidata.org/entity/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass
class Extraction:
    """What one extraction run produced: articles read, claims found, files that failed."""

    articles: list[Article] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)

    def by_relation(self) -> Counter[str]:
        """Number of claims per relation."""
        return Counter(c.relation for c in self.claims)

    def summary(self, failures: bool = True) -> str:
        """A few lines: articles, claims by relation and (unless `failures` is false) failures with reasons."""
        lines = [f"{len(self.articles)} articles, {len(self.claims)} claims"]
        for relation, n in self.by_relation().most_common():
            lines.append(f"  {relation:<20} {n}")
        if failures and self.failures:
            lines.append(f"{len(self.failures)} failed:")
            lines.extend(f"  {e}" for e in self.failures)
        return "\n".join(lines)


@lru_cache(maxsize=4)
def _nlp(kb_files: tuple[str, ...] = ()):
    from .nlp import make_nlp

    return make_nlp("fa", kb_files)


@lru_cache(maxsize=4)
def _kb(kb_files: tuple[str, ...] = ()):
    from .nlp.kb import load_kb

    return load_kb(kb_files)


def extract_article(article: Article, kb_files: Iterable[str] = ()) -> list[Claim]:
    """Claims of one article."""
    from .nlp import doc_claims

    files = tuple(str(f) for f in kb_files)
    doc = _nlp(files)(article.text)
    return doc_claims(doc, article, _kb(files))


def read_articles(paths: Iterable[str | Path], date: str | None = None) -> Iterator[Article | InputError]:
    """Articles from files, folders and JSONL corpora; unreadable inputs come back as InputError."""
    from .ingest import iter_articles

    for item in iter_articles(paths):
        if date and isinstance(item, Article) and not item.date:
            item = _with_date(item, date)
        yield item


def _with_date(article: Article, date: str) -> Article:
    from dataclasses import replace

    return replace(article, date=date)


def extract(paths: Iterable[str | Path], kb_files: Iterable[str] = (), date: str | None = None) -> Extraction:
    """Read every article under `paths` and extract its claims; bad files are collected, not raised."""
    result = Extraction()
    for item in read_articles(paths, date):
        if isinstance(item, InputError):
            result.failures.append(item)
            continue
        result.articles.append(item)
        result.claims.extend(extract_article(item, kb_files))
    return result


def build_graph(extraction: Extraction) -> Graph:
    """One RDF graph of the articles and claims of an extraction."""
    g = new_graph()
    for article in extraction.articles:
        add_article(g, article)
    lang = {a.id: a.lang for a in extraction.articles}
    for claim in extraction.claims:
        add_claim(g, claim, lang.get(claim.article, "fa"))
    return g


def build_dataset(extraction: Extraction) -> Dataset:
    """An RDF dataset with one named graph per article (for TriG and N-Quads)."""
    ds = Dataset()
    bind_prefixes(ds)
    graphs = {}
    for article in extraction.articles:
        graphs[article.id] = ds.graph(article_iri(article.id))
        add_article(graphs[article.id], article)
    lang = {a.id: a.lang for a in extraction.articles}
    for claim in extraction.claims:
        if claim.article not in graphs:
            graphs[claim.article] = ds.graph(article_iri(claim.article))
        add_claim(graphs[claim.article], claim, lang.get(claim.article, "fa"))
    return ds


def format_of(path: str | Path) -> str:
    """The rdflib format named by a file's extension."""
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise UsageError(f"{path}: unknown RDF format {ext!r} (use {', '.join(sorted(FORMATS))})")
    return FORMATS[ext]


def write_graph(extraction: Extraction, output: str | Path) -> Path:
    """Serialise an extraction to `output` (format from its extension), atomically."""
    fmt = format_of(output)
    graph = build_dataset(extraction) if fmt in QUAD_FORMATS else build_graph(extraction)
    options = {"context": JSONLD_CONTEXT, "auto_compact": True} if fmt == "json-ld" else {}
    return _atomic_write(output, graph.serialize(format=fmt, **options))


def _atomic_write(output: str | Path, data: str | bytes) -> Path:
    """Write to a temporary file beside `output`, then rename: never a half-written file."""
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    """The process umask (mkstemp makes files private; outputs should not be)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def load_graph(paths: Iterable[str | Path]) -> Graph:
    """Parse RDF files (any format kg writes) into one graph; quads are flattened."""
    g = new_graph()
    for path in paths:
        fmt = format_of(path)
        try:
            if fmt in QUAD_FORMATS:
                ds = Dataset()
                ds.parse(str(path), format=fmt)
                for s, p, o, _ in ds.quads((None, None, None, None)):
                    g.add((s, p, o))
            else:
                g.parse(str(path), format=fmt)
        except FileNotFoundError:
            raise InputError(str(path), "no such file") from None
        except Exception as e:  # rdflib raises many parser-specific types
            raise InputError(str(path), f"not valid {fmt}: {str(e).splitlines()[0][:200]}") from None
    return g


def ingest(paths: Iterable[str | Path], store_dir: str | Path, jobs: int = 1, kb_files: Iterable[str] = (),
           date: str | None = None, progress: bool = False, dask: str | Client | None = None,
           partition_size: int = 100) -> IngestReport:
    """Add the articles under `paths` to the store in `store_dir`: one transaction per article, unchanged
    articles skipped, changed ones replaced; `jobs` processes extract, or `dask` (a scheduler address or a
    `distributed.Client`) extracts on a cluster in partitions; `progress` shows a bar on a terminal."""
    from .batch import ingest as run

    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs}")
    if dask is not None and jobs > 1:
        raise UsageError("--jobs and --dask do not go together (Dask workers do the extracting)")
    return run(paths, store_dir, jobs=jobs, kb_files=kb_files, date=date, progress=progress, dask=dask,
               partition_size=partition_size)


def open_store(store_dir: str | Path, write: bool = False):
    """The pyoxigraph Store in `store_dir` (read-only unless `write`); query its default graph, the union of articles."""
    from .store import open_store as opening

    return opening(store_dir, write=write)


def store_graph(store_dir: str | Path) -> Graph:
    """The union of a store's articles as an rdflib graph (what draw, evaluate, validate and link take)."""
    from .store import open_store as opening, to_graph

    return to_graph(opening(store_dir))


def query_store(store_dir: str | Path, sparql: str, fmt: str = "table") -> str:
    """Run a SPARQL query with Oxigraph's engine on a store and format the answer as table, csv or json."""
    from .sparql import format_result
    from .store import open_store as opening, query as run

    if fmt not in ("table", "csv", "json"):
        raise UsageError(f"unknown result format {fmt!r}; choose one of table, csv, json")
    return format_result(run(opening(store_dir), sparql), fmt)


def export_store(store_dir: str | Path, output: str | Path) -> Path:
    """Write a store to `output` (format from the extension; TriG and N-Quads keep one named graph per article),
    atomically: with pyoxigraph's serialisers, JSON-LD with rdflib's and kg's @context as `write_graph` does."""
    from .store import export, open_store as opening

    fmt = format_of(output)
    if fmt == "json-ld":  # pyoxigraph 0.5 writes expanded JSON-LD only, without an @context
        graph = store_graph(store_dir)
        return _atomic_write(output, graph.serialize(format=fmt, context=JSONLD_CONTEXT, auto_compact=True))
    return export(opening(store_dir), output, fmt)


def query(graph: Graph, sparql: str, fmt: str = "table") -> str:
    """Run a SPARQL query on `graph` and format the answer as table, csv or json."""
    from .sparql import format_result, run_query

    return format_result(run_query(graph, sparql), fmt)


def extract_distributed(paths: Iterable[str | Path], scheduler: str, out_dir: str | Path,
                        partition_size: int = 100, kb_files: Iterable[str] = (), date: str | None = None):
    """Extract on a Dask cluster into N-Quads partitions in `out_dir`; returns the DaskReport."""
    from .distributed import extract_on_dask

    return extract_on_dask(paths, scheduler, out_dir, partition_size=partition_size, kb_files=kb_files,
                           date=date)


def query_endpoint(endpoint: str, sparql: str, fmt: str = "table") -> str:
    """Run a SPARQL query on a server's endpoint and format the answer as table, csv or json."""
    from .remote import query_endpoint as run
    from .sparql import format_result

    return format_result(run(endpoint, sparql), fmt)


def push(paths: Iterable[str | Path], endpoint: str, graph_iri: str | None = None,
         store_endpoint: str | None = None, replace: bool = False) -> int:
    """Send RDF files to a SPARQL server (.trig/.nq: one request per named graph); return the triples sent."""
    from .remote import push_graph

    paths = [str(p) for p in paths]
    quads = [p for p in paths if format_of(p) in QUAD_FORMATS]
    plain = [p for p in paths if p not in quads]
    sent = push_graph(load_graph(plain), endpoint, graph_iri, store_protocol=store_endpoint,
                      replace=replace) if plain else 0
    for path in quads:
        ds = Dataset()
        ds.parse(path, format=format_of(path))
        sent += push_graph(ds, endpoint, graph_iri, store_protocol=store_endpoint, replace=replace)
    return sent


def named_query(name: str, params: Mapping[str, str] | None = None) -> str:
    """The text of one of kg's named queries (kg/queries/NAME.rq), its `params` given values
    (`{"actor": "res:actor/IQ"}`; see kg.sparql.bind_values)."""
    from .sparql import bind_values
    from .sparql import named_query as load

    return bind_values(load(name), params or {})


def named_queries() -> dict[str, str]:
    """Named query -> what it answers."""
    from .sparql import named_queries as listing

    return listing()


def draw(graph: Graph, output: str | Path, lang: str = "fa", actor: str | None = None) -> Path:
    """Draw the claims of `graph` as a network diagram into a PNG or SVG file."""
    from .diagram import draw_graph, save_figure

    fig = draw_graph(graph, lang=lang, actor=actor)
    save_figure(fig, output)
    return Path(output)


def evaluate(graph: Graph, gold_dirs: Iterable[str | Path], verbose: bool = False) -> str:
    """Score `graph` against gold claim files and return the report."""
    from .eval import evaluate as run, format_report

    return format_report(run(graph, gold_dirs), verbose=verbose)


def validate(graph: Graph) -> tuple[bool, str]:
    """Check `graph` against the SHACL shapes: (conforms, violations in plain words)."""
    from .validate import format_violations, validate as run

    report = run(graph)
    return report.conforms, format_violations(report)


UNLINKED = """
SELECT ?actor (SAMPLE(?name) AS ?label) (COUNT(DISTINCT ?claim) AS ?claims) WHERE {
  ?claim a dip:Claim ; dip:subject|dip:object|dip:speaker ?actor .
  FILTER NOT EXISTS { ?actor a dip:Topic }
  FILTER NOT EXISTS { ?actor owl:sameAs ?wikidata }
  OPTIONAL { ?actor rdfs:label ?name FILTER(lang(?name) = "en") }
} GROUP BY ?actor ORDER BY DESC(?claims) ?actor
"""


def link_report(graph: Graph, fmt: str = "table") -> str:
    """Actors the claims name that have no Wikidata id yet, most used first, for users to fill in."""
    return query(graph, UNLINKED, fmt)


def seed_article() -> Path:
    """Path of the demo article bundled with the package, relative to the working folder when inside it
    (so the graph records "kg/data/demo/..." rather than one machine's absolute path)."""
    path = Path(str(resources.files("kg").joinpath("data", "demo", "hamshahri-430267.txt")))
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


def demo(output_dir: str | Path = "output") -> tuple[Extraction, list[Path]]:
    """Extract the bundled seed article; write its Turtle graph and diagram into `output_dir`."""
    out = Path(output_dir)
    extraction = extract([seed_article()])
    written = [write_graph(extraction, out / "seed.ttl")]
    written.append(draw(build_graph(extraction), out / "seed.png", lang="fa"))
    return extraction, written
