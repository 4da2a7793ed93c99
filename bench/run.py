#!/usr/bin/env python
"""kg benchmarks: extraction throughput and scaling, store load, query latency, Turtle export, peak RSS.

    .venv/bin/python bench/run.py            # full: the whole bulk corpus, graphs of ~1M and ~10M triples
    .venv/bin/python bench/run.py --quick    # 100 articles, a graph of ~100k triples

Each phase (bench/phases.py) runs in a subprocess of its own so that its peak RSS is its own.
Extraction is timed from JSONL lines to triples in an rdflib Dataset (a named graph per article);
the Pool runs read their own chunk files. Graphs are made by replicating the extracted dataset with
fresh IRIs: every IRI under res: gets the suffix "-cK" in copy K, so each copy keeps the shape of
the original; they are streamed to N-Quads and N-Triples files, never held in rdflib, and sized by
distinct triples. pyoxigraph loads them with bulk_load into an on-disk store, either as one graph
(the N-Triples) or as a graph per article (the N-Quads, queried through the union default graph);
a fresh process opens the store read-only to query it, as `kg query --store` does. The named
queries of kg/queries/rq get their parameters as VALUES in every WHERE block (pyoxigraph's
`substitutions` do not reach into sub-selects, and were 30-1000x slower here). Figures from one
run on a shared machine: read the ratios, not the seconds. A script, not a test: it asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from phases import CORPUS, MARK, QUERIES, child  # noqa: E402  (bench/ is on sys.path)


def run_phase(name: str, cfg: dict) -> dict:
    """Run one phase in a fresh interpreter; its result with the peak RSS of it and of its children (MB)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--phase", name, "--config", json.dumps(cfg)],
                          stdout=subprocess.PIPE, text=True)
    lines = [line for line in proc.stdout.splitlines() if line.startswith(MARK)]
    if proc.returncode or not lines:
        raise SystemExit(f"phase {name} failed (exit {proc.returncode})")
    result = json.loads(lines[-1][len(MARK):])
    result["wall"] = time.perf_counter() - start
    print(f"  {name:<9} {json.dumps({k: v for k, v in cfg.items() if k not in ('corpus', 'work', 'chunks')})}"
          f" done in {result['wall']:.1f} s, peak RSS {result['rss_mb']:.0f} MB", file=sys.stderr, flush=True)
    return result


# ---------------------------------------------------------------- the report

def human(n: float) -> str:
    """1000000 -> "1M", 100000 -> "100k"."""
    for unit, div in (("M", 1e6), ("k", 1e3)):
        if n >= div:
            return f"{n / div:.3g}{unit}"
    return f"{n:.0f}"


def rate(n: float) -> str:
    return f"{n:,.0f}" if n >= 100 else f"{n:.1f}"


def table(head: list[str], rows: list[list[str]]) -> str:
    """A Markdown table (pastes into the README as it is)."""
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def _median(results: list[dict]) -> dict:
    """The result with the median time."""
    return sorted(results, key=lambda res: res["seconds"])[len(results) // 2]


def extraction_table(r: dict) -> str:
    tokens, articles = r["tokenise"]["tokens"], r["tokenise"]["articles"]

    def row(label: str, res: dict, against: str, target: str, rss: str | None = None) -> list[str]:
        seconds = res.get("work", res["seconds"])
        aps = res["articles"] / seconds
        took = f"{seconds:.1f} s" + (f" ({res['seconds']:.1f} s with start)" if "work" in res else "")
        return [label, took, rate(aps), rate(aps * tokens / articles), against, target,
                rss or f"{res['rss_mb']:.0f} MB"]

    ratios, shares = r["extraction_ratios"], r["kg_shares"]
    each = ", ".join(f"{x:.1%}" for x in ratios)
    rows = [row('bare `spacy.blank("fa")` tokenisation (`nlp.pipe`), median of the runs', r["tokenise"], "1", ""),
            row("trained pipeline alone (kg's tokenizer, tagger, parser, lemmatizer; `nlp.pipe`), median", r["parse"],
                f"{r['parse']['articles'] / r['parse']['seconds'] / (articles / r['tokenise']['seconds']):.1%} "
                "of bare", ""),
            row("kg extraction, one process (text → claims → triples → N-Quads), median of the runs", r["extract"],
                f"{statistics.median(ratios):.1%} of bare (runs: {each}); the kg layer on top of the pipeline is "
                f"{statistics.median(shares):.0%} of its time (runs: {', '.join(f'{x:.0%}' for x in shares)})",
                "kg layer ≤ 30%")]
    one, two = r["pool1"], r["pool2"]
    rows.append(row("kg extraction, Pool of 1 process", one, "1", "",
                    f"{one['rss_mb']:.0f} + {one['children_rss_mb']:.0f} MB"))
    rows.append(row("kg extraction, Pool of 2 processes", two,
                    f"{one['work'] / two['work']:.2f}× Pool of 1 ({one['seconds'] / two['seconds']:.2f}× with start)",
                    "≥ 1.6×", f"{two['rss_mb']:.0f} + {two['children_rss_mb']:.0f} MB per worker"))
    if "dask" in r:
        d = r["dask"]
        rows.append(row("kg.run.distributed on a LocalCluster of 2 workers (started and warmed before timing)", d,
                        f"{one['work'] / d['seconds']:.2f}× Pool of 1", "", f"{d['rss_mb']:.0f} MB client"))
    rows.append(["control: pure-Python loop, Pool of 2 vs Pool of 1", "", "", "",
                 " and ".join(f"{c['speedup']:.2f}×" for c in r["calibrate"]), "before and after the Pools", ""])
    head = ["extraction", "time", "articles/s", "tokens/s", "ratio", "target", "peak RSS"]
    return table(head, rows)


def store_table(r: dict) -> str:
    stores = r["stores"]
    ox1 = next(x for x in stores if x["engine"] == "pyoxigraph" and x["layout"] == "triples"
               and x["size"] == r["rdflib_size"])
    oxn = [x for x in stores if x["engine"] == "pyoxigraph" and x["layout"] == "triples"][-1]
    rd = next(x for x in stores if x["engine"] == "rdflib")
    far = oxn is not ox1
    layout = {"triples": "one graph", "graphs": "graph per article"}
    head = ["store"] + [f"{x['engine']}{' on disk' if x['engine'] == 'pyoxigraph' else ' memory'}, "
                        f"{layout[x['layout']]}, {human(x['size'])}" for x in stores]
    head += [f"rdflib / pyoxigraph one graph, {human(ox1['size'])}"]
    head += [f"rdflib {human(rd['size'])} / pyoxigraph one graph {human(oxn['size'])}"] if far else []
    head += ["target"]

    def ratio(f) -> list[str]:
        return [f"{f(rd) / f(ox1):.0f}×"] + ([f"{f(rd) / f(oxn):.0f}×"] if far else [])

    rows = [["statements read → held"] + [f"{x['lines']:,} → {x['loaded']:,}" for x in stores] + [""] * (2 + far),
            ["load rate (statements read/s; pyoxigraph: bulk_load, then optimize to compact)"] + [rate(x["lines"] / x["load_seconds"]) for x in stores]
            + [f"{(ox1['lines'] / ox1['load_seconds']) / (rd['lines'] / rd['load_seconds']):.1f}× faster"]
            + ([""] if far else []) + ["≥ 100k/s"]]
    for name in QUERIES:
        cells = []
        for x in stores:
            q = x["queries"][name]
            runs = "" if q["runs"] == r["runs"] else f", {q['runs']} runs"
            cells.append(f"{q['median_ms']:,.1f} ms ({q['rows']} rows{runs})")
        target = "reported" if name == "relation-counts" else "≤ 50 ms at 10M; ≥ 20×"
        rows.append([f"`{name}`"] + cells + ratio(lambda x: x["queries"][name]["median_ms"]) + [target])
    blank = [""] * (1 + far)
    for key, where in (("export", "the on-disk store"), ("export_memory", "an in-memory Store")):
        rows.append([f"Turtle export of {human(rd['export']['triples'])} triples from {where}"]
                    + [f"{x[key]['seconds']:.1f} s" if key in x else "" for x in stores[:-1]]
                    + [f"{rd['export']['seconds']:.1f} s", f"{rd['export']['seconds'] / ox1[key]['seconds']:.0f}× faster"]
                    + blank[1:] + ["≥ 10×"])
    rows.append(["peak RSS: load / queries"] + [f"{x['load_rss_mb']:,.0f} / {x['rss_mb']:,.0f} MB" for x in stores[:-1]]
                + [f"{rd['rss_mb']:,.0f} MB (all)"] + blank + [""])
    rows.append(["store on disk"] + [f"{x['disk_bytes'] / 2**20:,.0f} MB" if "disk_bytes" in x else "" for x in stores]
                + blank + [""])
    return table(head, rows)


def report(r: dict) -> str:
    import pyoxigraph
    import rdflib
    import spacy

    lines = [f"kg benchmarks, {date.today().isoformat()}: `{r['command']}`",
             f"{os.cpu_count()} CPUs, Python {platform.python_version()}, spaCy {spacy.__version__}, "
             f"rdflib {rdflib.__version__}, pyoxigraph {pyoxigraph.__version__}",
             f"corpus: {r['corpus']}, {r['tokenise']['articles']} articles, {r['tokenise']['tokens']:,} tokens "
             f"(spacy.blank(\"fa\"); tokens/s of every row count these tokens), {r['extract']['claims']} claims"]
    if "generate" in r:
        gen = r["generate"]
        lines.append(f"graphs: the extracted dataset ({gen['per_copy_quads']:,} quads in a named graph per article, "
                     f"{gen['per_copy_triples']:,} distinct triples) replicated with fresh IRIs: "
                     + ", ".join(f"{v['copies']} copies" for v in gen["files"].values()))
    lines += ["", extraction_table(r)]
    if "stores" in r:
        lines += ["", store_table(r)]
    lines += ["", f"total wall time {r['wall']:.0f} s (pipeline build {r['extract']['pipeline_build']:.2f} s)"]
    return "\n".join(lines)


def prepare(corpus: Path, work: Path, articles: int | None, chunk: int) -> Path:
    """The first `articles` lines of the corpus, and the same cut into chunk files for the pool."""
    subset = work / "corpus.jsonl"
    chunks = work / "chunks"
    chunks.mkdir()
    with corpus.open(encoding="utf-8") as src:
        lines = [line for line in src if line.strip()][:articles]
    subset.write_text("".join(lines), encoding="utf-8")
    for i in range(0, len(lines), chunk):
        (chunks / f"chunk-{i // chunk:05d}.jsonl").write_text("".join(lines[i:i + chunk]), encoding="utf-8")
    return subset


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="100 articles and a graph of ~100k triples")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="a JSONL corpus (default: the bulk Fars corpus)")
    ap.add_argument("--articles", type=int, help="use the first N articles (default: all; 100 with --quick)")
    ap.add_argument("--sizes", help="graph sizes in distinct triples, comma-separated (default 1000000,10000000; "
                                    "100000 with --quick)")
    ap.add_argument("--rdflib-size", type=int, help="the size loaded into rdflib (default: the smallest)")
    ap.add_argument("--runs", type=int, default=5, help="runs per query; the median is reported")
    ap.add_argument("--slow", type=float, default=10.0,
                    help="a query whose first run takes longer (seconds) runs 3 times, not --runs")
    ap.add_argument("--chunk", type=int, default=5, help="articles per Pool task")
    ap.add_argument("--extract-runs", type=int, default=3,
                    help="bare tokenisation and kg extraction run in turn this many times; medians are reported")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster row")
    ap.add_argument("--no-stores", action="store_true", help="extraction only: skip the store and query tables")
    ap.add_argument("--workdir", type=Path, help="where graph files and stores go (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--config", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.phase:
        return child(args.phase, json.loads(args.config))
    articles = args.articles or (100 if args.quick else None)
    sizes = [int(s) for s in (args.sizes or ("100000" if args.quick else "1000000,10000000")).split(",")]
    small = args.rdflib_size or min(sizes)
    sizes = sorted(set(sizes) | {small})
    work = Path(tempfile.mkdtemp(prefix="kg-bench-", dir=args.workdir))
    started = time.perf_counter()
    r: dict = {"command": "python bench/run.py " + " ".join(sys.argv[1:] if argv is None else argv),
               "corpus": args.corpus.name, "runs": args.runs, "rdflib_size": small}
    try:
        subset = prepare(args.corpus, work, articles, args.chunk)
        base = {"corpus": str(subset), "work": str(work)}
        runs = [(run_phase("tokenise", base), run_phase("parse", base), run_phase("extract", base))
                for _ in range(args.extract_runs)]
        r["extraction_ratios"] = sorted(e["articles"] / e["seconds"] / (t["articles"] / t["seconds"])
                                        for t, _, e in runs)
        r["kg_shares"] = sorted(1 - p["seconds"] / e["seconds"] for _, p, e in runs)
        r["tokenise"] = _median([t for t, _, _ in runs])
        r["parse"] = _median([p for _, p, _ in runs])
        r["extract"] = _median([e for _, _, e in runs])
        r["calibrate"] = [run_phase("calibrate", base)]
        r["pool1"] = run_phase("pool", base | {"chunks": str(work / "chunks"), "jobs": 1})
        r["pool2"] = run_phase("pool", base | {"chunks": str(work / "chunks"), "jobs": 2})
        r["calibrate"].append(run_phase("calibrate", base))
        if not args.no_dask:
            r["dask"] = run_phase("dask", base)
        if args.no_stores:
            return _finish(r, args, work, started)
        r["generate"] = run_phase("generate", base | {"sizes": sizes})
        r["stores"] = []
        for layout in ("triples", "graphs"):
            for size in sizes:
                cfg = base | {"size": size, "layout": layout, "runs": args.runs, "slow": args.slow,
                              "export": layout == "triples" and size == small}
                loaded = run_phase("oxload", cfg)
                queried = run_phase("oxquery", cfg)
                shutil.rmtree(work / f"oxigraph-{layout}-{size}", ignore_errors=True)
                r["stores"].append(loaded | queried | {"engine": "pyoxigraph", "load_rss_mb": loaded["rss_mb"]})
        result = run_phase("rdflib", base | {"size": small, "runs": args.runs, "slow": args.slow})
        r["stores"].append(result | {"engine": "rdflib"})
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    _finish(r, args, work, started)


def _finish(r: dict, args: argparse.Namespace, work: Path, started: float) -> None:
    """Print the report and keep its figures in kg-bench-last.json."""
    r["wall"] = time.perf_counter() - started
    print(report(r))
    (Path(args.workdir or tempfile.gettempdir()) / "kg-bench-last.json").write_text(json.dumps(r, indent=1))


if __name__ == "__main__":
    main()
