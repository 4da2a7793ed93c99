"""A claim's confidence: how often claims of its relation found the same way were right on gold articles,
from kg/data/confidence.tsv (written by `python -m kg.eval.calibrate`)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..model import Claim

OVERALL = "all"


def buckets(relation: str, method: str) -> tuple[str, ...]:
    """The calibration groups a claim belongs to, the most specific first: its relation and how it was found
    (words, parse, appeal, charge), its relation, every claim."""
    return (f"{relation}, {method or 'words'}", relation, OVERALL)


@lru_cache(maxsize=1)
def table() -> dict[str, float]:
    """Bucket -> confidence, from the packaged calibration table (empty when there is none yet)."""
    path = resources.files("kg").joinpath("data", "confidence.tsv")
    if not path.is_file():
        return {}
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {cells[0]: float(cells[3]) for cells in rows[1:]}


def confidence(claim: Claim) -> float | None:
    """The claim's confidence: that of its most specific group the table has; None without a table."""
    known = table()
    return next((known[b] for b in buckets(claim.relation, claim.method) if b in known), None)
