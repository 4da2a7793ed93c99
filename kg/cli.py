"""The `kg` command: each subcommand parses options, calls one api function and prints."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import api
from .errors import KgError, UsageError


def _data(args: argparse.Namespace):
    return api.load_graph(args.data)


def cmd_extract(args: argparse.Namespace) -> int:
    """kg extract PATH... -o FILE"""
    if args.output:
        api.format_of(args.output)  # an unknown extension fails now, not after the extraction
    extraction = api.extract(args.paths, kb_files=args.kb or (), date=args.date)
    if args.output:
        api.write_graph(extraction, args.output)
    else:
        sys.stdout.write(api.build_graph(extraction).serialize(format="turtle"))
    print(extraction.summary(failures=False), file=sys.stderr)
    for failure in extraction.failures:
        print(f"kg: {failure}", file=sys.stderr)
    return 1 if extraction.failures and not extraction.articles else 0


def cmd_query(args: argparse.Namespace) -> int:
    """kg query SPARQL|-f FILE.rq --data FILE"""
    if args.named:
        sparql = api.named_query(args.named)
    elif args.file:
        try:
            sparql = Path(args.file).read_text(encoding="utf-8")
        except OSError as e:
            raise UsageError(f"{args.file}: cannot read query ({e.strerror})") from None
    elif args.sparql:
        sparql = args.sparql
    else:
        raise UsageError("give a SPARQL query, -f FILE.rq or --named NAME")
    print(api.query(_data(args), sparql, args.format))
    return 0


def cmd_draw(args: argparse.Namespace) -> int:
    """kg draw --data FILE -o FILE.png|.svg"""
    path = api.draw(_data(args), args.output, lang=args.lang, actor=args.actor)
    print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """kg eval GOLD_DIR... --data FILE"""
    print(api.evaluate(_data(args), args.gold, verbose=args.verbose))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """kg validate FILE"""
    conforms, text = api.validate(api.load_graph(args.files))
    print(text if not conforms else f"{', '.join(args.files)}: conforms to the kg shapes")
    return 0 if conforms else 1


def cmd_link(args: argparse.Namespace) -> int:
    """kg link --data FILE"""
    print(api.link_report(_data(args), args.format))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """kg demo [-o DIR]"""
    extraction, written = api.demo(args.output)
    print(extraction.summary())
    for path in written:
        print(f"wrote {path}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of `kg`."""
    p = argparse.ArgumentParser(prog="kg", description="A knowledge graph of diplomatic statements.")
    sub = p.add_subparsers(dest="command", required=True)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")

    e = command("extract", "extract claims from articles into an RDF file")
    e.add_argument("paths", nargs="+", help="article files (.txt, .html, .jsonl) or folders")
    e.add_argument("-o", "--output", help="output file: .ttl, .nt, .jsonld, .trig or .nq")
    e.add_argument("--kb", action="append", help="extra actor file (actors.tsv format)")
    e.add_argument("--date", help="publication date (YYYY-MM-DD) for articles that give none")
    e.set_defaults(func=cmd_extract)

    q = command("query", "run a SPARQL query on an RDF file")
    q.add_argument("sparql", nargs="?", help="the query text")
    q.add_argument("-f", "--file", help="read the query from a .rq file")
    q.add_argument("--named", help="run one of kg's named queries: " + ", ".join(sorted(api.named_queries())))
    q.add_argument("--data", action="append", required=True, help="RDF file(s) to query")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.set_defaults(func=cmd_query)

    d = command("draw", "draw the claims of an RDF file as a diagram")
    d.add_argument("--data", action="append", required=True, help="RDF file(s) to draw")
    d.add_argument("-o", "--output", required=True, help="output .png or .svg")
    d.add_argument("--lang", choices=("fa", "en"), default="fa", help="label language")
    d.add_argument("--actor", help="only this actor's claims (IRI or label)")
    d.set_defaults(func=cmd_draw)

    v = command("eval", "score an RDF file against gold claim files")
    v.add_argument("gold", nargs="+", help="folders of NAME.gold.jsonl files")
    v.add_argument("--data", action="append", required=True, help="RDF file(s) with the claims")
    v.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    v.set_defaults(func=cmd_eval)

    s = command("validate", "check RDF files against the SHACL shapes")
    s.add_argument("files", nargs="+")
    s.set_defaults(func=cmd_validate)

    k = command("link", "list the actors the claims name that have no Wikidata id yet, most used first")
    k.add_argument("--data", action="append", required=True, help="RDF file(s) with the claims")
    k.add_argument("--format", choices=("table", "csv", "json"), default="table")
    k.set_defaults(func=cmd_link)

    m = command("demo", "extract the bundled seed article: graph, diagram, summary")
    m.add_argument("-o", "--output", default="output", help="output folder")
    m.set_defaults(func=cmd_demo)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `kg` console script."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KgError as e:
        print(f"kg: {e}", file=sys.stderr)
        return e.exit_code


if __name__ == "__main__":
    sys.exit(main())
