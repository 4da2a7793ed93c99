"""Scores of a trained pipeline on held-out treebank sentences, and how kg's tokenizer splits their text."""
from __future__ import annotations

import time
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example

from ...read.normalise import normalise
from ..tokenizer import create_tokenizer

LABELS = ("nsubj", "obj", "obl", "obl:arg", "compound:lvc", "ccomp", "conj")


def gold_docs(nlp: Language, path: Path) -> list[Doc]:
    """The annotated Docs of a .spacy file."""
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def scores(nlp: Language, path: Path) -> dict[str, object]:
    """UPOS, morphology, lemma, UAS, LAS and per-label LAS on gold tokens, and the words/s it ran at."""
    golds = gold_docs(nlp, path)
    examples = [Example(Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g]), g)
                for g in golds]
    start = time.perf_counter()
    result = nlp.evaluate(examples)
    seconds = time.perf_counter() - start
    per_label = result.get("dep_las_per_type") or {}
    return {
        "sentences": len(golds),
        "words": sum(map(len, golds)),
        "upos": result["pos_acc"],
        "morph": result["morph_acc"],
        "lemma": result["lemma_acc"],
        "uas": result["dep_uas"],
        "las": result["dep_las"],
        "las_per_label": {label: per_label.get(label, {}).get("f", 0.0) for label in LABELS},
        "words_per_second": sum(map(len, golds)) / seconds if seconds else 0.0,
    }


def token_alignment(path: Path) -> dict[str, float]:
    """Precision, recall and F1 of kg's run-time tokens (normalised text, kg tokenizer) against the
    treebank's words, over the raw text of each sentence: the words the parser trained on and the
    tokens it will see."""
    from spacy.lang.fa import Persian

    nlp = Persian()
    nlp.tokenizer = create_tokenizer()(nlp)
    hits = gold_count = predicted_count = 0
    for gold in gold_docs(nlp, path):
        text, offsets = normalise(gold.text)
        spans = {(offsets[t.idx], offsets[t.idx + len(t) - 1] + 1) for t in nlp(text) if not t.is_space}
        truth = {(t.idx, t.idx + len(t)) for t in gold}
        hits += len(spans & truth)
        gold_count += len(truth)
        predicted_count += len(spans)
    precision = hits / predicted_count if predicted_count else 0.0
    recall = hits / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
