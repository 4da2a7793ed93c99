"""Calibrate claim confidence on gold articles: `python -m kg.eval.calibrate --gold DIR... --data FILE`.

Each predicted claim in a gold article is right (it states a gold claim, or repeats one already matched) or
wrong (a false positive); the share of right ones per calibration group (kg.rdf.confidence.buckets: its
relation and how it was found, its relation, all claims), smoothed by one right and one wrong, is the
confidence claims of that group get. The table goes to kg/data/confidence.tsv.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef

from ..errors import KgError
from ..rdf.confidence import OVERALL, buckets
from ..rdf.files import atomic_write, load_graph
from ..rdf.vocab import DIP
from .score import evaluate

RIGHT = {"HIT", "opt", "dup"}


MIN_CLAIMS = 5  # a group with fewer claims gets no row of its own: its claims take a wider group's figure


def judged(graph: Graph, gold_dirs: Iterable[str | Path]) -> list[tuple[tuple[str, ...], bool]]:
    """(calibration groups, right) of every predicted claim of the gold articles."""
    out = []
    for detail in evaluate(graph, gold_dirs).details:
        if detail.kind == "MISS":
            continue
        node = URIRef(detail.node)
        relation = str(graph.value(node, DIP.relation) or "").rpartition("#")[2]
        method = str(graph.value(node, DIP.method) or "words")
        out.append((buckets(relation, method), detail.kind in RIGHT))
    return out


def table(judgements: list[tuple[tuple[str, ...], bool]]) -> list[tuple[str, int, int, float]]:
    """(group, claims, right, confidence) rows of the groups with MIN_CLAIMS claims or more, the overall one
    first; confidence = (right + 1) / (claims + 2)."""
    counts: Counter[tuple[str, bool]] = Counter((group, right) for groups, right in judgements for group in groups)
    groups = sorted({group for group, _ in counts}, key=lambda g: (g != OVERALL, g))
    rows = []
    for group in groups:
        right, total = counts[(group, True)], counts[(group, True)] + counts[(group, False)]
        if total >= MIN_CLAIMS:
            rows.append((group, total, right, (right + 1) / (total + 2)))
    return rows


def write_table(rows: list[tuple[str, int, int, float]], path: Path, source: str) -> Path:
    """The calibration table as TSV, with a comment saying what it was measured on."""
    lines = [f"# Confidence of claims by how they were found, measured on {source} (python -m kg.eval.calibrate).",
             "group\tclaims\tright\tconfidence"]
    lines += [f"{group}\t{total}\t{right}\t{score:.3f}" for group, total, right, score in rows]
    return atomic_write(path, "\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Score the claims of --data against --gold and write the calibration table."""
    ap = argparse.ArgumentParser(prog="python -m kg.eval.calibrate", description=__doc__.split("\n")[0])
    ap.add_argument("--gold", action="append", required=True, help="folder of gold files (and entities.tsv)")
    ap.add_argument("--data", action="append", required=True, help="RDF file(s) of the claims kg extracted there")
    ap.add_argument("-o", "--output", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "confidence.tsv")
    args = ap.parse_args(argv)
    try:
        rows = table(judged(load_graph(args.data), args.gold))
        write_table(rows, args.output, ", ".join(Path(g).name for g in args.gold))
    except KgError as e:
        print(f"kg.eval.calibrate: {e}", file=sys.stderr)
        return e.exit_code
    for group, total, right, score in rows:
        print(f"{group:<24} {total:>5} {right:>5} {score:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
