"""The phases of bench/run.py, each run in a subprocess of its own: `python bench/run.py --phase NAME`."""
from __future__ import annotations

import json
import math
import os
import re
import resource
import shutil
import statistics
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bulk" / "fars-news.jsonl"
RES = "https://w3id.org/dipkg/resource/"
RES_IRI = re.compile(r"<" + re.escape(RES) + r"[^>]*(?=>)")
GRAPH_NAME = re.compile(r" <[^>]*> \.\n$")
QUERIES = {"actor-claims": ("actor",), "between": ("a", "b"), "provenance": ("claim", "article"),
           "relation-counts": ()}
PREFIXES = {"dip": "https://w3id.org/dipkg/ontology#", "res": RES, "prov": "http://www.w3.org/ns/prov#",
            "dcterms": "http://purl.org/dc/terms/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "owl": "http://www.w3.org/2002/07/owl#", "wd": "http://www.wikidata.org/entity/",
            "xsd": "http://www.w3.org/2001/XMLSchema#"}
MARK = "BENCH-RESULT "


# ---------------------------------------------------------------- phases (each in its own process)

def phase_tokenise(cfg: dict) -> dict:
    """Bare spacy.blank("fa") tokenisation of the corpus texts with nlp.pipe."""
    import spacy

    texts = [json.loads(line)["text"] for line in Path(cfg["corpus"]).open(encoding="utf-8")]
    nlp = spacy.blank("fa")
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    return {"articles": len(texts), "tokens": tokens, "seconds": time.perf_counter() - start}


def phase_parse(cfg: dict) -> dict:
    """The trained pipeline alone (kg's tokenizer, tagger, parser, lemmatizer; no kg component) with nlp.pipe
    on the articles' normalised texts."""
    from kg.nlp import make_nlp
    from kg.read.sources import read_jsonl

    texts = [article.text for article in read_jsonl(cfg["corpus"])]
    nlp = make_nlp("fa")
    kg_components = [name for name in nlp.pipe_names if name.startswith("kg_")]
    start = time.perf_counter()
    with nlp.select_pipes(disable=kg_components):
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
    return {"articles": len(texts), "tokens": tokens, "seconds": time.perf_counter() - start}


def _warm() -> None:
    """Build this process's kg pipeline (kg.api caches it per process)."""
    from kg.api import extract_article
    from kg.model import Article

    extract_article(Article("warm-up", "warm-up", "", "", ()))


def _extract_file(path: str, out=None) -> tuple[int, int]:
    """Read a JSONL file and extract it as `kg ingest` and `kg.run.distributed` do, into N-Quads (a named graph
    per article) written to the text file `out` when given: articles, claims."""
    from kg.api import extract_article
    from kg.read.sources import read_jsonl
    from kg.rdf.build import article_triples
    from kg.rdf.iris import article_iri
    from kg.rdf.ntriples import ntriples

    articles = claims = 0
    for article in read_jsonl(path):
        found = extract_article(article)
        quads = ntriples(article_triples(article, found), graph=article_iri(article.id))
        if out is not None:
            out.write(quads)
        claims += len(found)
        articles += 1
    return articles, claims


def phase_extract(cfg: dict) -> dict:
    """End-to-end extraction on one process: JSONL line -> Article -> claims -> triples -> N-Quads in a file;
    base.nq keeps each distinct quad once (the corpus repeats an article or two)."""
    start = time.perf_counter()
    _warm()
    build = time.perf_counter() - start
    raw = Path(cfg["work"]) / "extracted.nq"
    start = time.perf_counter()
    with raw.open("w", encoding="utf-8") as out:
        articles, claims = _extract_file(cfg["corpus"], out)
    seconds = time.perf_counter() - start
    quads = list(dict.fromkeys(raw.read_text(encoding="utf-8").splitlines(keepends=True)))
    (Path(cfg["work"]) / "base.nq").write_text("".join(quads), encoding="utf-8")
    raw.unlink()
    return {"articles": articles, "claims": claims, "seconds": seconds, "pipeline_build": build, "quads": len(quads)}


def _chunk_worker(path: str) -> tuple[int, int]:
    return _extract_file(path)


def _warm_and_wait(barrier) -> None:
    """Pool initializer: build the pipeline, then wait until every worker (and the parent) is ready."""
    _warm()
    barrier.wait()


def phase_pool(cfg: dict) -> dict:
    """The same extraction with a multiprocessing Pool of `jobs` processes, each building the pipeline once
    in its initializer; timed from Pool creation (`seconds`) and from when every worker is ready (`work`)."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    chunks = sorted(str(p) for p in Path(cfg["chunks"]).glob("*.jsonl"))
    barrier = ctx.Barrier(cfg["jobs"] + 1)
    start = time.perf_counter()
    with ctx.Pool(cfg["jobs"], initializer=_warm_and_wait, initargs=(barrier,)) as pool:
        barrier.wait()
        ready = time.perf_counter()
        done = list(pool.imap_unordered(_chunk_worker, chunks))
    end = time.perf_counter()
    return {"jobs": cfg["jobs"], "articles": sum(a for a, _ in done), "claims": sum(c for _, c in done),
            "seconds": end - start, "work": end - ready}


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def phase_calibrate(cfg: dict) -> dict:
    """The machine's parallelism right now: pure-Python work in a Pool of 1 and of 2 processes."""
    import multiprocessing

    seconds = {}
    for jobs in (1, 2):
        start = time.perf_counter()
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            pool.map(_burn, [2_000_000] * 8)
        seconds[jobs] = time.perf_counter() - start
    return {"speedup": seconds[1] / seconds[2], "seconds": seconds}


def phase_dask(cfg: dict) -> dict:
    """The same corpus through kg.run.distributed.extract_on_dask on a 2-process LocalCluster."""
    from distributed import Client, LocalCluster

    from kg.run.distributed import extract_on_dask

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.run(_warm)
        start = time.perf_counter()
        report = extract_on_dask([cfg["corpus"]], client, Path(cfg["work"]) / "dask-parts", partition_size=50)
        seconds = time.perf_counter() - start
    return {"articles": report.articles, "claims": sum(report.claims.values()), "seconds": seconds}


def _targets(base: Path) -> dict[str, str]:
    """IRIs for the selective queries: the busiest actor, the busiest pair, a claim with the longest chain."""
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    ds.parse(base, format="nquads")
    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    actor = list(ds.query(prefixes + """SELECT ?x (COUNT(DISTINCT ?c) AS ?n) WHERE {
        ?c a dip:Claim . { ?c dip:subject ?x } UNION { ?c dip:object ?x } FILTER NOT EXISTS { ?x a dip:Topic } }
        GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1"""))[0]
    pair = list(ds.query(prefixes + """SELECT ?a ?b (COUNT(DISTINCT ?c) AS ?n) WHERE {
        ?c dip:subject ?a ; dip:object ?b . FILTER(?a != ?b) }
        GROUP BY ?a ?b ORDER BY DESC(?n) ?a ?b LIMIT 1"""))[0]
    claim = list(ds.query(prefixes + """SELECT ?c ?art (COUNT(?r) AS ?n) WHERE {
        ?c a dip:Claim ; prov:wasDerivedFrom ?art . OPTIONAL { ?art dip:report/prov:wasDerivedFrom* ?r } }
        GROUP BY ?c ?art ORDER BY DESC(?n) ?c LIMIT 1"""))[0]
    return {"actor": str(actor[0]), "a": str(pair[0]), "b": str(pair[1]), "claim": str(claim[0]),
            "article": str(claim[1])}


def phase_generate(cfg: dict) -> dict:
    """Replicate base.nq with fresh IRIs into N-Quads (named graph per article) and N-Triples (graph names
    dropped) files per size, a size counting distinct triples; smaller files are prefixes of larger ones."""
    work = Path(cfg["work"])
    quads = [line for line in (work / "base.nq").read_text(encoding="utf-8").splitlines(keepends=True) if line.strip()]
    triples = [GRAPH_NAME.sub(" .\n", line) for line in quads]
    per_copy = len(set(triples))
    copies = {size: math.ceil(size / per_copy) for size in cfg["sizes"]}
    start = time.perf_counter()
    for kind, lines in (("nq", quads), ("nt", triples)):
        text = "".join(lines)
        cuts = [m.end() for m in RES_IRI.finditer(text)]
        pieces = [text[i:j] for i, j in zip([0] + cuts, cuts + [len(text)])]
        outs = {size: (work / f"graph-{size}.{kind}").open("w", encoding="utf-8") for size in cfg["sizes"]}
        for k in range(max(copies.values())):
            chunk = f"-c{k}".join(pieces)
            for size, out in outs.items():
                if k < copies[size]:
                    out.write(chunk)
        for out in outs.values():
            out.close()
    seconds = time.perf_counter() - start
    os.sync()  # write the files out now, not while a later phase is being timed
    middle = copies[min(cfg["sizes"])] // 2
    targets = {name: iri + f"-c{middle}" for name, iri in _targets(work / "base.nq").items()}
    (work / "targets.json").write_text(json.dumps(targets), encoding="utf-8")
    return {"per_copy_quads": len(quads), "per_copy_triples": per_copy, "seconds": seconds, "targets": targets,
            "files": {str(s): {"copies": copies[s], "quads": copies[s] * len(quads), "triples": copies[s] * per_copy,
                               "bytes": (work / f"graph-{s}.nq").stat().st_size} for s in cfg["sizes"]}}


def _query_text(name: str, targets: dict[str, str]) -> str:
    """A named query of kg/queries/rq with its parameters bound to concrete IRIs by VALUES in every WHERE block."""
    from kg.api import named_query

    return named_query(name, {p: f"<{targets[p]}>" for p in QUERIES[name]})


def _time_queries(run, targets: dict[str, str], runs: int, slow: float = 1e9) -> dict:
    """Median latency (ms) and row count of each named query, `run(text)` returning its rows; a query whose
    first run takes over `slow` seconds is run 3 times rather than `runs`."""
    out = {}
    for name in QUERIES:
        text, times, rows = _query_text(name, targets), [], 0
        for _ in range(runs):
            start = time.perf_counter()
            rows = len(run(text))
            times.append((time.perf_counter() - start) * 1000)
            if len(times) >= 3 and times[0] > slow * 1000:
                break
        out[name] = {"median_ms": statistics.median(times), "rows": rows, "runs": len(times)}
    return out


def _store_dir(cfg: dict) -> Path:
    return Path(cfg["work"]) / f"oxigraph-{cfg['layout']}-{cfg['size']}"


def phase_oxload(cfg: dict) -> dict:
    """bulk_load a graph file into a new on-disk pyoxigraph Store, then compact it (Store.optimize).

    Layout "triples": the N-Triples file into the default graph (one deduplicated graph, as rdflib gets
    it and as `kg ingest` keeps the union). Layout "graphs": the N-Quads file as it is, a named graph
    per article, to be queried with the union of all graphs as default graph.
    """
    import pyoxigraph as ox

    work, size, layout = Path(cfg["work"]), cfg["size"], cfg["layout"]
    source = work / f"graph-{size}.{'nt' if layout == 'triples' else 'nq'}"
    store_dir = _store_dir(cfg)
    shutil.rmtree(store_dir, ignore_errors=True)
    store = ox.Store(str(store_dir))
    fmt = ox.RdfFormat.N_TRIPLES if layout == "triples" else ox.RdfFormat.N_QUADS
    start = time.perf_counter()
    store.bulk_load(path=str(source), format=fmt)
    bulk = time.perf_counter() - start
    # bulk_load writes sorted files and compacts nothing: until a compaction, every lookup searches
    # dozens of them (the selective queries ran 4-6x slower at 10M). optimize() compacts; it counts as loading.
    store.optimize()
    load = time.perf_counter() - start
    os.sync()
    return {"size": size, "layout": layout, "lines": _lines(source), "loaded": len(store), "load_seconds": load,
            "bulk_load_seconds": bulk,
            "disk_bytes": sum(p.stat().st_size for p in store_dir.rglob("*") if p.is_file())}


def phase_oxquery(cfg: dict) -> dict:
    """Open a loaded store read-only in a fresh process (as `kg query --store` does) and time the queries;
    with `export`, time its Turtle export by `kg export --store DIR -o FILE.ttl` (kg.api.export_store; the
    triples reported are those parsed back from the file), and that of an in-memory Store holding the same triples.

    pyoxigraph 0.5 returns a triple of the union default graph once per graph holding it (oxigraph
    issue #1919), which makes the "graphs" layout slow wherever entity labels repeat across articles.
    """
    import pyoxigraph as ox

    work = Path(cfg["work"])
    targets = json.loads((work / "targets.json").read_text(encoding="utf-8"))
    store = ox.Store.read_only(str(_store_dir(cfg)))
    union = cfg["layout"] == "graphs"
    queries = _time_queries(lambda q: list(store.query(q, use_default_graph_as_union=union)), targets,
                            cfg["runs"], cfg["slow"])
    result: dict = {"queries": queries}
    if cfg.get("export"):
        from kg.api import export_store

        start = time.perf_counter()
        export_store(_store_dir(cfg), work / "ox.ttl")
        seconds = time.perf_counter() - start
        triples = sum(1 for _ in ox.parse(path=str(work / "ox.ttl"), format=ox.RdfFormat.TURTLE))
        result["export"] = {"triples": triples, "seconds": seconds}
        memory = ox.Store()
        memory.bulk_load(path=str(work / f"graph-{cfg['size']}.nt"), format=ox.RdfFormat.N_TRIPLES)
        start = time.perf_counter()
        memory.dump(str(work / "ox-memory.ttl"), ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
        result["export_memory"] = {"triples": len(memory), "seconds": time.perf_counter() - start}
    return result


def _lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for _ in f)


def phase_rdflib(cfg: dict) -> dict:
    """Parse the N-Triples file into rdflib's memory store (one Graph, as kg.api.load_graph gives),
    time the queries and the Turtle export."""
    from rdflib import Graph

    work, size = Path(cfg["work"]), cfg["size"]
    targets = json.loads((work / "targets.json").read_text(encoding="utf-8"))
    source = work / f"graph-{size}.nt"
    graph = Graph()
    for k, v in PREFIXES.items():
        graph.bind(k, v)
    start = time.perf_counter()
    graph.parse(source, format="nt")
    load = time.perf_counter() - start
    queries = _time_queries(lambda q: list(graph.query(q)), targets, cfg["runs"], cfg["slow"])
    start = time.perf_counter()
    graph.serialize(work / "rdflib.ttl", format="turtle")
    export = time.perf_counter() - start
    return {"size": size, "layout": "triples", "lines": _lines(source), "loaded": len(graph), "load_seconds": load,
            "queries": queries, "export": {"triples": len(graph), "seconds": export}}


PHASES = {"calibrate": phase_calibrate, "tokenise": phase_tokenise, "parse": phase_parse, "extract": phase_extract,
          "pool": phase_pool,
          "dask": phase_dask,
          "generate": phase_generate, "oxload": phase_oxload, "oxquery": phase_oxquery, "rdflib": phase_rdflib}


def child(name: str, cfg: dict) -> None:
    """Entry point of a phase subprocess: run it and print its result as one marked JSON line."""
    result = PHASES[name](cfg)
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["children_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(MARK + json.dumps(result), flush=True)
