"""The `kg` command: each subcommand parses options, calls one api function and prints."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, api
from .errors import KgError, UsageError


def _data(args: argparse.Namespace):
    """The graph named by --data FILE... or --store DIR."""
    return api.store_graph(args.store) if args.store else api.load_graph(args.data)


def cmd_extract(args: argparse.Namespace) -> int:
    """kg extract PATH... -o FILE  |  kg extract PATH... --dask SCHEDULER --partitions DIR"""
    if args.dask:
        if not args.partitions:
            raise UsageError("--dask needs --partitions DIR for the N-Quads partition files")
        report = api.extract_distributed(args.paths, args.dask, args.partitions, kb_files=args.kb or (),
                                         date=args.date)
        print(report.summary(), file=sys.stderr)
        return 0
    if args.output:
        api.check_output(args.output)  # an unknown extension or unwritable place fails now, not after the work
    extraction = api.extract(args.paths, kb_files=args.kb or (), date=args.date)
    if args.output and extraction.articles:  # when every input failed, an existing file stays as it was
        api.write_graph(extraction, args.output)
    else:
        sys.stdout.write(api.build_graph(extraction).serialize(format="turtle"))
    print(extraction.summary(failures=False), file=sys.stderr)
    for failure in extraction.failures:
        print(f"kg: {failure}", file=sys.stderr)
    return 1 if extraction.failures else 0


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name or not value:
        raise UsageError(f"--param {text!r}: want NAME=VALUE, e.g. actor=res:actor/IQ")
    return name.lstrip("?$"), value


def cmd_query(args: argparse.Namespace) -> int:
    """kg query SPARQL|-f FILE.rq --data FILE|--store DIR"""
    params = dict(_param(p) for p in args.param or ())
    if params and not args.named:
        raise UsageError("--param gives values to a named query's parameters: use it with --named")
    if args.named:
        sparql = api.named_query(args.named, params)
    elif args.file:
        try:
            sparql = Path(args.file).read_text(encoding="utf-8")
        except OSError as e:
            raise UsageError(f"{args.file}: cannot read query ({e.strerror})") from None
    elif args.sparql:
        sparql = args.sparql
    else:
        raise UsageError("give a SPARQL query, -f FILE.rq or --named NAME")
    if args.endpoint:
        print(api.query_endpoint(args.endpoint, sparql, timeout=args.timeout).format(args.format))
    elif args.store:
        print(api.query_store(args.store, sparql, timeout=args.timeout, allow_service=args.allow_service)
              .format(args.format))
    else:
        print(api.query(_data(args), sparql, timeout=args.timeout, allow_service=args.allow_service).format(args.format))
    return 0


def _filters(args: argparse.Namespace) -> api.ClaimFilter:
    """The claim filter of the --actor, --relation, ... options."""
    negated = {"negated": True, "affirmed": False, None: None}[args.polarity]
    return api.ClaimFilter(actor=args.actor or "", relation=args.relation or "", negated=negated,
                           modality=args.modality or "", speaker=args.speaker or "", outlet=args.outlet or "",
                           since=args.since or "", until=args.until or "", text=args.text or "")


def cmd_table(args: argparse.Namespace) -> int:
    """kg table --data FILE|--store DIR [filters] -o FILE.csv|.xlsx|.json"""
    filters = _filters(args)
    if args.output:
        api.check_table_output(args.output)
    graph = None if args.store else api.load_graph(args.data)
    rows = api.claims_table(args.store, graph, filters, lang=args.lang, sort=args.sort or "",
                            descending=args.descending)
    if args.output:
        print(f"wrote {api.write_table(rows, args.output)} ({len(rows)} claims)", file=sys.stderr)
    else:
        sys.stdout.write(api.table_text(rows, "csv"))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """kg serve --store DIR [--port 8000]"""
    api.serve(args.store, host=args.host, port=args.port, timeout=args.timeout, row_cap=args.row_cap)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    """kg push --endpoint URL [--graph IRI] --data FILE..."""
    sent = api.push(args.data, args.endpoint, args.graph, store_endpoint=args.store_endpoint, replace=args.replace)
    print(f"sent {sent} triples to {args.store_endpoint or args.endpoint}", file=sys.stderr)
    return 0


def cmd_draw(args: argparse.Namespace) -> int:
    """kg draw --data FILE|--store DIR -o FILE.png|.svg"""
    path = api.draw(_data(args), args.output, lang=args.lang, actor=args.actor, min_confidence=args.min_confidence,
                    view=args.view, top=args.top, dyad=tuple(args.dyad) if args.dyad else None,
                    since=args.since, until=args.until)
    print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """kg eval GOLD_DIR... --data FILE|--store DIR"""
    print(api.evaluate(_data(args), args.gold, verbose=args.verbose))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """kg validate FILE...|--store DIR"""
    if bool(args.files) == bool(args.store):
        raise UsageError("give RDF files or --store DIR (not both)")
    graph = api.store_graph(args.store) if args.store else api.load_graph(args.files)
    conforms, text = api.validate(graph)
    print(text if not conforms else f"{args.store or ', '.join(args.files)}: conforms to the kg shapes")
    return 0 if conforms else 1


def cmd_link(args: argparse.Namespace) -> int:
    """kg link --data FILE|--store DIR"""
    print(api.link_report(_data(args)).format(args.format))
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    """kg actors [TEXT] [--data FILE|--store DIR]"""
    graph = _data(args) if (args.data or args.store) else None
    print(api.find_actors(args.text, graph, kb_files=args.kb or ()).format(args.format))
    return 0


def cmd_relations(args: argparse.Namespace) -> int:
    """kg relations"""
    print(api.relations().format(args.format))
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """kg ingest PATH... --store DIR [--jobs N | --dask SCHEDULER]"""
    report = api.ingest(args.paths, args.store, jobs=args.jobs, kb_files=args.kb or (), date=args.date,
                        progress=not args.quiet, dask=args.dask)
    print(report.summary(failures=False))
    for failure in report.failures:
        print(f"kg: {failure}", file=sys.stderr)
    return 1 if report.failures else 0


def cmd_export(args: argparse.Namespace) -> int:
    """kg export --store DIR -o FILE"""
    path = api.export_store(args.store, args.output)
    print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """kg demo [-o DIR]"""
    extraction, written = api.demo(args.output)
    print(extraction.summary())
    for path in written:
        print(f"wrote {path}")
    return 0


def _graph_options(p: argparse.ArgumentParser, what: str, required: bool = True) -> argparse._MutuallyExclusiveGroup:
    """--data FILE... or --store DIR, one of them (required unless `required` is false); returns the group."""
    group = p.add_mutually_exclusive_group(required=required)
    group.add_argument("--data", action="append", help=f"RDF file(s) {what}")
    group.add_argument("--store", help=f"a store folder (kg ingest) {what}")
    return group


EXAMPLES = {
    "extract": "kg extract ../shared/corpus/dev -o dev.ttl",
    "query": "kg query --data dev.ttl --named between --param a=Iraq --param b=Russia",
    "actors": "kg actors hussein --data dev.ttl",
    "relations": "kg relations --format csv",
    "push": "kg push --endpoint http://127.0.0.1:7878/query --data dev.trig",
    "draw": "kg draw --data dev.ttl -o dev.png --lang en --min-confidence 0.8",
    "eval": "kg eval ../shared/corpus/dev --data dev.ttl -v",
    "validate": "kg validate dev.ttl",
    "link": "kg link --data dev.ttl",
    "ingest": "kg ingest ../shared/corpus/dev --store kgstore --jobs 2",
    "export": "kg export --store kgstore -o all.trig",
    "demo": "kg demo -o output",
    "table": "kg table --store kgstore --actor Iraq --relation stance+ --since 2020-01-01 -o iraq.xlsx",
    "serve": "kg serve --store kgstore --port 8000",
}


def parser() -> argparse.ArgumentParser:
    """The argument parser of `kg`."""
    p = argparse.ArgumentParser(prog="kg", description="A knowledge graph of diplomatic statements.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".",
                              epilog="example:\n  " + EXAMPLES[name], formatter_class=argparse.RawDescriptionHelpFormatter)

    e = command("extract", "extract claims from articles into an RDF file")
    e.add_argument("paths", nargs="+", help="article files (.txt, .html, .jsonl) or folders")
    e.add_argument("-o", "--output", help="output file: .ttl, .nt, .jsonld, .trig or .nq")
    e.add_argument("--kb", action="append", help="extra actor file (actors.tsv format)")
    e.add_argument("--date", help="publication date for articles that give none: YYYY-MM-DD, or a Jalali date as 1399-01-01")
    e.add_argument("--dask", metavar="SCHEDULER", help="extract on a Dask cluster (tcp://HOST:8786)")
    e.add_argument("--partitions", metavar="DIR", help="with --dask: folder for the part-NNNNN.nq files")
    e.set_defaults(func=cmd_extract)

    q = command("query", "run a SPARQL query on an RDF file or a store")
    q.add_argument("sparql", nargs="?", help="the query text")
    q.add_argument("-f", "--file", help="read the query from a .rq file")
    q.add_argument("--timeout", type=float, default=api.QUERY_TIMEOUT, metavar="SECONDS",
                   help="stop the query after this long (default %(default)g)")
    q.add_argument("--allow-service", action="store_true", help="let the query call other endpoints with SERVICE")
    q.add_argument("--named", help="run one of kg's named queries: " + ", ".join(sorted(api.named_queries())))
    q.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="a named query's parameter: an IRI (res:actor/IQ, <http://...>) or a string (lang=fa)")
    _graph_options(q, "to query").add_argument(
        "--endpoint", help="a SPARQL endpoint: http://HOST:7878/query (Oxigraph), http://HOST:8890/sparql (Virtuoso)")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.set_defaults(func=cmd_query)

    a = command("actors", "find actors by any of their names, with their keys, IRIs and claims")
    a.add_argument("text", nargs="?", default="", help="part of a name or key, in any language (all actors if none)")
    _graph_options(a, "to count claims in", required=False)
    a.add_argument("--kb", action="append", help="extra actor file (actors.tsv format)")
    a.add_argument("--format", choices=("table", "csv", "json"), default="table")
    a.set_defaults(func=cmd_actors)

    r = command("relations", "list the relations kg codes, with their codes and example cues")
    r.add_argument("--format", choices=("table", "csv", "json"), default="table")
    r.set_defaults(func=cmd_relations)

    u = command("push", "send RDF files to a SPARQL server through the Graph Store Protocol")
    u.add_argument("--data", action="append", required=True, help="RDF file(s); .trig/.nq keep one graph per article")
    u.add_argument("--endpoint", required=True,
                   help="query endpoint: http://HOST:7878/query (Oxigraph), http://HOST:8890/sparql (Virtuoso)")
    u.add_argument("--store-endpoint", help="Graph Store URL when not derivable (Oxigraph .../store, "
                                            "Virtuoso .../sparql-graph-crud)")
    u.add_argument("--graph", help="named graph IRI (default: the default graph; Virtuoso needs one)")
    u.add_argument("--replace", action="store_true", help="replace the graph (PUT) instead of adding (POST)")
    u.set_defaults(func=cmd_push)

    d = command("draw", "draw the claims of an RDF file or a store as a diagram")
    _graph_options(d, "to draw")
    d.add_argument("-o", "--output", required=True, help="output .png, .svg or .pdf, an interactive .html page, or the network as .graphml or .gexf")
    d.add_argument("--lang", choices=("fa", "en"), default="fa", help="label language")
    d.add_argument("--actor", help="only this actor's claims (IRI or label)")
    d.add_argument("--view", choices=("actors", "claims"), default="actors",
                   help="actors: people and organs folded into their states, topics into their actors (default); "
                        "claims: every claim")
    d.add_argument("--top", type=int, default=40, metavar="N", help="draw the N parties in most claims (default 40)")
    d.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="only the claims between two parties (IRIs or names)")
    d.add_argument("--since", metavar="YYYY-MM-DD", help="only claims of this date or later")
    d.add_argument("--until", metavar="YYYY-MM-DD", help="only claims of this date or earlier")
    d.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help="only claims of dip:confidence X or more (0 to 1; default: all)")
    d.set_defaults(func=cmd_draw)

    v = command("eval", "score an RDF file or a store against gold claim files")
    v.add_argument("gold", nargs="+", help="folders of NAME.gold.jsonl files")
    _graph_options(v, "with the claims")
    v.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    v.set_defaults(func=cmd_eval)

    s = command("validate", "check RDF files or a store against the SHACL shapes")
    s.add_argument("files", nargs="*", help="RDF files to check")
    s.add_argument("--store", help="a store folder (kg ingest) to check")
    s.set_defaults(func=cmd_validate)

    k = command("link", "list the actors the claims name that have no Wikidata id yet, most used first")
    _graph_options(k, "with the claims")
    k.add_argument("--format", choices=("table", "csv", "json"), default="table")
    k.set_defaults(func=cmd_link)

    i = command("ingest", "add articles to a persistent store, one transaction per article")
    i.add_argument("paths", nargs="+", help="article files (.txt, .html, .jsonl) or folders")
    i.add_argument("--store", required=True, help="the store's folder (created if missing)")
    i.add_argument("-j", "--jobs", type=int, default=1, help="extract in N processes (default 1)")
    i.add_argument("--dask", metavar="SCHEDULER", help="extract on a Dask cluster (tcp://HOST:8786) instead")
    i.add_argument("--kb", action="append", help="extra actor file (actors.tsv format)")
    i.add_argument("--date", help="publication date for articles that give none: YYYY-MM-DD, or a Jalali date as 1399-01-01")
    i.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    i.set_defaults(func=cmd_ingest)

    x = command("export", "write a store to an RDF file")
    x.add_argument("--store", required=True, help="the store's folder")
    x.add_argument("-o", "--output", required=True, help="output file: .ttl, .nt, .jsonld, .trig, .nq or .rdf")
    x.set_defaults(func=cmd_export)

    t = command("table", "write the claims as a table (one row per claim, readable labels) for a spreadsheet")
    _graph_options(t, "with the claims")
    t.add_argument("-o", "--output", help="output .csv, .xlsx or .json (default: CSV on standard output)")
    t.add_argument("--actor", help="claims naming this actor as subject, object or speaker (IRI or part of a name)")
    t.add_argument("--relation", help="one relation (supports) or family (stance+, censure, ...): see kg relations")
    t.add_argument("--polarity", choices=("negated", "affirmed"), help="only negated or only affirmed claims")
    t.add_argument("--modality", choices=("asserted", "future", "intended", "desired"))
    t.add_argument("--speaker", help="claims this speaker voiced (IRI or part of a name)")
    t.add_argument("--outlet", help="claims of articles of this outlet (part of its name)")
    t.add_argument("--since", metavar="YYYY-MM-DD", help="only claims of this date or later")
    t.add_argument("--until", metavar="YYYY-MM-DD", help="only claims of this date or earlier")
    t.add_argument("--text", help="words the quote contains")
    t.add_argument("--sort", help="order by this column (date, outlet, subject, relation, ...)")
    t.add_argument("--descending", action="store_true", help="with --sort: largest first")
    t.add_argument("--lang", choices=("en", "fa"), default="en", help="label language (default en)")
    t.set_defaults(func=cmd_table)

    w = command("serve", "start the analyst's workbench on a store: claims, actors, dyads, SPARQL, in a browser")
    w.add_argument("--store", required=True, help="the store's folder (kg ingest)")
    w.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    w.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    w.add_argument("--timeout", type=float, default=api.QUERY_TIMEOUT, metavar="SECONDS",
                   help="stop any query after this long (default %(default)g)")
    w.add_argument("--row-cap", type=int, default=10000, metavar="N",
                   help="the SPARQL endpoint answers at most N rows (default %(default)d)")
    w.set_defaults(func=cmd_serve)

    m = command("demo", "extract the bundled seed article: graph, diagram, summary")
    m.add_argument("-o", "--output", default="output", help="output folder")
    m.set_defaults(func=cmd_demo)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `kg` console script."""
    args = parser().parse_args(argv)
    if args.command is None:  # bare `kg`: say what it can do
        parser().print_help()
        return 0
    try:
        return args.func(args)
    except KgError as e:
        print(f"kg: {e}", file=sys.stderr)
        return e.exit_code
    except BrokenPipeError:
        # the reader went away (`kg query ... | head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
