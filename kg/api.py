"""The public API: everything the CLI does, callable from Python and notebooks."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph

from .errors import InputError, UsageError
from .model import Article, Claim, Extraction
from .queries.rows import Rows
from .queries.table import ClaimFilter
from .rdf.build import claims_dataset, claims_graph
from .rdf.files import QUAD_FORMATS, atomic_write, check_writable, format_of, load_graph, serialise

if TYPE_CHECKING:
    from distributed import Client
    from pyoxigraph import Store

    from .run.batch import IngestReport
    from .run.distributed import DaskReport

def extract_article(article: Article, kb_files: Iterable[str] = ()) -> list[Claim]:
    """Claims of one article."""
    from .run.article import extract_article as run

    return run(article, kb_files)


def read_articles(paths: Iterable[str | Path], date: str | None = None) -> Iterator[Article | InputError]:
    """Articles from files, folders and JSONL corpora; unreadable inputs come back as InputError."""
    from .run.article import read_articles as run

    return run(paths, date)


def extract(paths: Iterable[str | Path], kb_files: Iterable[str] = (), date: str | None = None) -> Extraction:
    """Read every article under `paths` and extract its claims; bad files are collected, not raised."""
    from .run.article import extract as run

    return run(paths, kb_files, date)


def check_output(output: str | Path) -> Path:
    """`output` if kg can write an RDF file there (known extension, writable folder); else a UsageError, before
    any work is done."""
    format_of(output)
    return check_writable(output)


def build_graph(extraction: Extraction) -> Graph:
    """One RDF graph of the articles and claims of an extraction."""
    return claims_graph(extraction.articles, extraction.claims)


def build_dataset(extraction: Extraction) -> Dataset:
    """An RDF dataset with one named graph per article (for TriG and N-Quads)."""
    return claims_dataset(extraction.articles, extraction.claims)


def write_graph(extraction: Extraction, output: str | Path) -> Path:
    """Serialise an extraction to `output` (format from its extension), atomically."""
    fmt = format_of(output)
    graph = build_dataset(extraction) if fmt in QUAD_FORMATS else build_graph(extraction)
    return atomic_write(output, serialise(graph, fmt))


def ingest(paths: Iterable[str | Path], store_dir: str | Path, jobs: int = 1, kb_files: Iterable[str] = (),
           date: str | None = None, progress: bool = False, dask: str | Client | None = None,
           partition_size: int = 100) -> IngestReport:
    """Add the articles under `paths` to the store in `store_dir`: one transaction per article, unchanged
    articles skipped, changed ones replaced; `jobs` processes extract, or `dask` (a scheduler address or a
    `distributed.Client`) extracts on a cluster in partitions; `progress` shows a bar on a terminal."""
    from .run.batch import ingest as run

    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs}")
    if dask is not None and jobs > 1:
        raise UsageError("--jobs and --dask do not go together (Dask workers do the extracting)")
    return run(paths, store_dir, jobs=jobs, kb_files=kb_files, date=date, progress=progress, dask=dask,
               partition_size=partition_size)


def open_store(store_dir: str | Path, write: bool = False) -> Store:
    """The pyoxigraph Store in `store_dir` (read-only unless `write`); query its default graph, the union of articles."""
    from .store.oxigraph import open_store as opening

    return opening(store_dir, write=write)


def store_graph(store_dir: str | Path) -> Graph:
    """The union of a store's articles as an rdflib graph (what draw, evaluate, validate and link take)."""
    from .store.oxigraph import open_store as opening, to_graph

    return to_graph(opening(store_dir))


QUERY_TIMEOUT = 60.0  # seconds a query may run before it is stopped


def query_store(store_dir: str | Path, sparql: str, timeout: float | None = QUERY_TIMEOUT,
                allow_service: bool = False) -> Rows:
    """Run a SPARQL query with Oxigraph's engine on a store; the answer's rows (`.format("csv")` etc. for text);
    stopped after `timeout` seconds; SERVICE calls to other endpoints only with `allow_service`."""
    from .rdf.sparql import bounded, refuse_service

    if not allow_service:
        refuse_service(sparql)
    return Rows(bounded(_store_query, store_dir, sparql, seconds=timeout))


def _store_query(store_dir: str | Path, sparql: str):
    from .store.oxigraph import open_store as opening, query as run

    return run(opening(store_dir), sparql)


def export_store(store_dir: str | Path, output: str | Path) -> Path:
    """Write a store to `output` (format from the extension; TriG and N-Quads keep one named graph per article),
    atomically: with pyoxigraph's serialisers, JSON-LD with rdflib's and kg's @context as `write_graph` does."""
    from .store.oxigraph import export, open_store as opening

    fmt = format_of(output)
    if fmt == "json-ld":  # pyoxigraph 0.5 writes expanded JSON-LD only, without an @context
        return atomic_write(output, serialise(store_graph(store_dir), fmt))
    return export(opening(store_dir), output, fmt)


def query(graph: Graph, sparql: str, timeout: float | None = QUERY_TIMEOUT, allow_service: bool = False) -> Rows:
    """Run a SPARQL query on `graph`; the answer's rows (`.format("csv")` etc. for text); stopped after `timeout`
    seconds; SERVICE calls to other endpoints only with `allow_service`."""
    from .rdf.sparql import bounded, refuse_service, run_query

    if not allow_service:
        refuse_service(sparql)
    return Rows(bounded(run_query, graph, sparql, seconds=timeout))


def extract_distributed(paths: Iterable[str | Path], scheduler: str, out_dir: str | Path,
                        partition_size: int = 100, kb_files: Iterable[str] = (), date: str | None = None) -> DaskReport:
    """Extract on a Dask cluster into N-Quads partitions in `out_dir`; returns the DaskReport."""
    from .run.distributed import extract_on_dask

    return extract_on_dask(paths, scheduler, out_dir, partition_size=partition_size, kb_files=kb_files,
                           date=date)


def query_endpoint(endpoint: str, sparql: str, timeout: float | None = QUERY_TIMEOUT) -> Rows:
    """Run a SPARQL query on a server's endpoint; the answer's rows; given up after `timeout` seconds."""
    from .rdf.sparql import bounded
    from .store.remote import query_endpoint as run

    return Rows(bounded(run, endpoint, sparql, seconds=timeout))


def push(paths: Iterable[str | Path], endpoint: str, graph_iri: str | None = None,
         store_endpoint: str | None = None, replace: bool = False) -> int:
    """Send RDF files to a SPARQL server (.trig/.nq: one request per named graph); return the triples sent."""
    from .store.remote import push_graph

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


def named_query(name: str, params: Mapping[str, str] | None = None, kb_files: Iterable[str] = ()) -> str:
    """The text of one of kg's named queries (kg/queries/rq/NAME.rq), its `params` given values
    (`{"actor": "actor:IQ"}`; see kg.queries.named.bind_values). An actor parameter may also be a name
    ("Iraq", "عراق"), resolved in the knowledge base; a required parameter left out is a UsageError."""
    from .queries.named import bind_values, named_query as load, parameters

    sparql = load(name)
    given = dict(params or {})
    required, actors = parameters(sparql)
    missing = [n for n in required if n not in given]
    if missing:
        raise UsageError(f"--named {name} needs " + " ".join(f"--param {n}=..." for n in missing)
                         + " (an actor's IRI such as actor:IQ, or its name)")
    for n in actors:
        if n in given:
            given[n] = _actor_term(given[n], kb_files)
    return bind_values(sparql, given)


def _actor_term(value: str, kb_files: Iterable[str] = ()) -> str:
    """An actor parameter as written if it is an IRI, else the IRI of the one actor named so."""
    from .nlp.kb import load_kb
    from .nlp.kbdata import label_key
    from .queries.named import is_iri
    from .rdf.iris import entity_iri

    if is_iri(value):
        return value
    wanted = label_key(value).lower()
    kb = load_kb(kb_files)
    found = [e for e in kb.entities.values()
             if e.key.lower() == wanted or any(label_key(t).lower() == wanted for _, t in e.labels)]
    if len(found) != 1:
        which = "no actor" if not found else f"{len(found)} actors ({', '.join(e.key for e in found[:5])})"
        raise UsageError(f"{which} named {value!r}; `kg actors {value}` lists those whose names contain it")
    return str(entity_iri(found[0]))


def named_queries() -> dict[str, str]:
    """Named query -> what it answers."""
    from .queries.named import named_queries as listing

    return listing()


def draw(graph: Graph, output: str | Path, lang: str = "fa", actor: str | None = None,
         min_confidence: float = 0.0, view: str = "actors", top: int = 40, dyad: tuple[str, str] | None = None,
         since: str | None = None, until: str | None = None) -> Path:
    """Draw the claims of `graph` as a network diagram in a PNG, SVG or PDF file, as an interactive HTML page
    (hover an arrow for its claims' quotes and speakers), or write the network itself as GraphML or GEXF. `view` "actors" folds people and organs into their states and topics into their actors,
    "claims" draws every claim; `top` parties at most; only `actor`'s claims, or those between the two of
    `dyad`, of dip:confidence `min_confidence` or more, dated from `since` to `until` (YYYY-MM-DD) if given."""
    from .diagrams.diagram import claim_network, draw_graph, save_figure
    from .diagrams.exports import NETWORK_FORMATS, save_network
    from .read.dates import iso_date

    if top < 1:
        raise UsageError(f"--top must be 1 or more, not {top}")
    if not 0 <= min_confidence <= 1:
        raise UsageError(f"--min-confidence must be between 0 and 1, not {min_confidence:g}")
    for bound in (since, until):
        if bound is not None and iso_date(bound) != bound:
            raise UsageError(f"--since/--until want a date as YYYY-MM-DD, not {bound!r}")
    selection = {"actor": actor, "min_confidence": min_confidence, "view": view, "dyad": dyad,
                 "since": since, "until": until}
    if Path(output).suffix.lower() in NETWORK_FORMATS:
        return save_network(claim_network(graph, lang=lang, max_nodes=top, **selection), output)
    if Path(output).suffix.lower() == ".html":
        from .diagrams.diagram import FAMILY_COLOURS, OTHER_COLOUR, network_title
        from .diagrams.interactive import save_html

        net = claim_network(graph, lang=lang, max_nodes=top, **selection)
        about, shown = network_title(net, dyad is not None)
        return save_html(net, output, FAMILY_COLOURS, OTHER_COLOUR, f"Diplomatic claims{about}: {shown}")
    save_figure(draw_graph(graph, lang=lang, max_nodes=top, **selection), output)
    return Path(output)


def stance(graph: Graph, actor: str, output: str | Path | None = None, lang: str = "en"):
    """The stance timeline of `actor` (an IRI, actor:KEY or a name): one row per party it has claims about, a
    mark per dated claim, green for goodwill, red for hostility; a state's people and organs count as the state.
    Saved to `output` (.png, .svg, .pdf) when given, else returned as a matplotlib Figure (shown in a notebook)."""
    from .diagrams.diagram import save_figure
    from .diagrams.stance import draw_stance
    from .queries.named import expand_iri

    figure = draw_stance(graph, expand_iri(_actor_term(actor)), lang)
    return save_figure(figure, output) if output is not None else figure


def evaluate(graph: Graph, gold_dirs: Iterable[str | Path], verbose: bool = False) -> str:
    """Score `graph` against gold claim files and return the report."""
    from .eval.score import evaluate as run, format_report

    return format_report(run(graph, gold_dirs), verbose=verbose)


def validate(graph: Graph) -> tuple[bool, str]:
    """Check `graph` against the SHACL shapes: (conforms, violations in plain words)."""
    from .rdf.validate import format_violations, validate as run

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


def link_report(graph: Graph) -> Rows:
    """Actors the claims name that have no Wikidata id yet, most used first, for users to fill in."""
    return query(graph, UNLINKED)


def find_actors(text: str = "", graph: Graph | None = None, kb_files: Iterable[str] = ()) -> Rows:
    """Actors whose key or any name contains `text` (every one for ""): key, kind, English and Persian names,
    Wikidata id, number of claims in `graph` (when given) and IRI, most named first."""
    from .nlp.kb import load_kb
    from .queries.directory import find_actors as find

    return find(text, load_kb(kb_files), graph)


def relations() -> Rows:
    """The relation vocabulary: family, PLOVER and CAMEO codes, gloss, Persian and English example cues."""
    from .queries.directory import relation_vocabulary

    return relation_vocabulary()


def claims_table(store_dir: str | Path | None = None, graph: Graph | None = None,
                 filters: ClaimFilter | None = None, lang: str = "en", sort: str = "", descending: bool = False,
                 timeout: float | None = QUERY_TIMEOUT) -> list[dict]:
    """One row per claim of a store (or a graph) with readable labels in `lang`: date, outlet, speaker, subject,
    relation, family, negated, modality, object, confidence, quote, article, claim; those `filters` keeps,
    ordered by column `sort` (text order when empty)."""
    from .queries.table import claim_table, select, sort_rows

    if (store_dir is None) == (graph is None):
        raise UsageError("give a store folder or a graph (one of them)")
    sparql = named_query("table", {"lang": lang})
    answer = query_store(store_dir, sparql, timeout=timeout) if store_dir is not None else query(graph, sparql, timeout)
    return sort_rows(select(claim_table(answer), filters or ClaimFilter()), sort, descending)


def check_table_output(output: str | Path) -> Path:
    """`output` if a table can be written there (.csv, .json or .xlsx in a writable folder), else a UsageError."""
    from .queries.table import TABLE_FORMATS

    if Path(output).suffix.lower() not in TABLE_FORMATS:
        raise UsageError(f"{output}: write a table as {', '.join(TABLE_FORMATS)}")
    return check_writable(output)


def table_text(rows: list[dict], fmt: str = "csv") -> str | bytes:
    """`claims_table` rows as CSV or JSON text, or the bytes of an .xlsx workbook (`fmt` "xlsx")."""
    from .queries.table import table_text as text

    return text(rows, fmt)


def write_table(rows: list[dict], output: str | Path) -> Path:
    """Write `claims_table` rows to `output` as .csv, .json or .xlsx (by its extension), atomically."""
    from .queries.table import write_table as write

    return write(rows, output)


def workbench(store_dir: str | Path, timeout: float | None = QUERY_TIMEOUT, row_cap: int = 10_000):
    """The workbench over a store as an ASGI application (Starlette): pages, downloads and a read-only SPARQL
    endpoint at /sparql; serve it with any ASGI server."""
    from .serve.app import create_app

    if timeout is not None and timeout <= 0:
        raise UsageError(f"--timeout must be more than 0 seconds, not {timeout:g}")
    return create_app(str(store_dir), timeout=QUERY_TIMEOUT if timeout is None else timeout, row_cap=row_cap)


def serve(store_dir: str | Path, host: str = "127.0.0.1", port: int = 8000, timeout: float | None = QUERY_TIMEOUT,
          row_cap: int = 10_000) -> None:
    """Serve the workbench of a store on http://host:port/ until Ctrl-C (uvicorn)."""
    import socket

    import uvicorn

    if not 0 < port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, not {port}")
    app = workbench(store_dir, timeout=timeout, row_cap=row_cap)
    with socket.socket() as probe:  # a port in use is one line before the banner, not uvicorn's log after it
        try:
            probe.bind((host, port))
        except OSError as e:
            raise UsageError(f"cannot listen on {host}:{port}: {e.strerror}") from None
    print(f"kg serve: http://{host}:{port}/ on {store_dir} (Ctrl-C stops)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


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
