"""Static floret vectors trained on raw Persian text: the treebanks' raw train sentences and a news corpus.

The text is normalised and tokenised as the run-time pipeline does, so the vectors see the words the
parser will see. floret (subword hashing) keeps the table small and gives unseen words a vector.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy

from ...read.normalise import normalise
from ..tokenizer import create_tokenizer

DIMENSIONS = 128
BUCKETS = 50_000


def raw_lines(texts: Iterable[Path], corpora: Iterable[Path]) -> Iterator[str]:
    """Lines of plain-text files (one sentence a line) and paragraphs of JSONL corpora (field `text`)."""
    for path in texts:
        with path.open(encoding="utf-8") as lines:
            yield from (line.strip() for line in lines if line.strip())
    for path in corpora:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                text = json.loads(line).get("text") or ""
                yield from (p.strip() for p in text.split("\n") if p.strip())


def write_corpus(lines: Iterable[str], out: Path) -> int:
    """Normalise and tokenise `lines` into `out`, one line of space-separated tokens each; tokens written."""
    nlp = spacy.blank("fa")
    nlp.tokenizer = create_tokenizer()(nlp)
    count = 0
    with out.open("w", encoding="utf-8") as f:
        for doc in nlp.pipe((normalise(line)[0] for line in lines), batch_size=1000):
            tokens = [t.text.lower() for t in doc if not t.is_space]
            count += len(tokens)
            f.write(" ".join(tokens) + "\n")
    return count


def train_floret(corpus: Path, out: Path, threads: int = 1) -> Path:
    """Train skipgram floret vectors on `corpus` and save them in floret's text format to `out`."""
    import floret  # the `train` extra: only retraining needs it

    model = floret.train_unsupervised(str(corpus), model="skipgram", mode="floret", hashCount=2, bucket=BUCKETS,
                                      minn=3, maxn=5, dim=DIMENSIONS, epoch=10, minCount=3, thread=threads,
                                      lr=0.05, ws=5, neg=10)
    model.save_floret_vectors(str(out))
    return out
