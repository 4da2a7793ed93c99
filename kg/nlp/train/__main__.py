"""Retrain kg's Persian pipeline from the UD treebanks: `python -m kg.nlp.train` (what `make model` runs).

Steps, each written under --work: the CoNLL-U files as spaCy training data (PerDT test held out),
floret vectors from raw text, `spacy train` with kg/nlp/train/config.cfg, then the best pipeline
saved with kg's tokenizer into kg/nlp/model/fa, scored on the held-out part, with its model card.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import spacy

from .. import tokenizer
from ..pipeline import model_path
from . import conllu, evaluate, vectors
from .card import write_card

HERE = Path(__file__).resolve().parent
HELD_OUT = "fa_perdt-ud-test.conllu"
TRAIN = ("fa_perdt-ud-dev.conllu", "fa_seraji-ud-dev.conllu", "fa_seraji-ud-test.conllu")
DEV_SENTENCES = 200  # the last sentences of PerDT dev: spaCy's evaluation during training
PERDT_COPIES = 3  # PerDT's training sentences count this many times against Seraji's (whose conventions differ)


def main(argv: list[str] | None = None) -> int:
    """Run the steps; print the held-out scores."""
    ap = argparse.ArgumentParser(prog="python -m kg.nlp.train", description=__doc__.split("\n")[0])
    ap.add_argument("--treebanks", type=Path, default=Path("../shared/treebanks/fa"),
                    help="folder of the four UD Persian .conllu files and raw/ (default: %(default)s)")
    ap.add_argument("--corpus", type=Path, action="append",
                    help="JSON Lines news corpus for the vectors (default: ../shared/corpus/bulk/fars-news.jsonl)")
    ap.add_argument("--work", type=Path, default=Path("build/model"), help="working folder (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=model_path("fa"), help="where the pipeline goes (default: the package)")
    ap.add_argument("--max-steps", type=int, help="override the config's training.max_steps (a quick check)")
    args = ap.parse_args(argv)
    corpora = args.corpus or [Path("../shared/corpus/bulk/fars-news.jsonl")]
    work = args.work
    work.mkdir(parents=True, exist_ok=True)

    perdt = conllu.perdt_conventions([args.treebanks / n for n in TRAIN if "perdt" in n])
    train, dev = _convert(args.treebanks, work, perdt)
    print(f"training data: {train['sentences']} sentences, {train['words']} words; "
          f"training-time dev {dev['sentences']} sentences")
    held_out = work / "held-out.spacy"
    conllu.write_docbin([args.treebanks / HELD_OUT], held_out, perdt)

    corpus = work / "vectors.txt"
    raw = sorted((args.treebanks / "raw").glob("*.txt"))
    print(f"vector corpus: {vectors.write_corpus(vectors.raw_lines(raw, corpora), corpus)} tokens")
    floret_file = vectors.train_floret(corpus, work / "vectors.floret")
    _run("init", "vectors", "fa", str(floret_file), str(work / "vectors"), "--mode", "floret")

    overrides = [f"--paths.train={work / 'train.spacy'}", f"--paths.dev={work / 'dev.spacy'}",
                 f"--paths.vectors={work / 'vectors'}"]
    if args.max_steps:
        overrides.append(f"--training.max_steps={args.max_steps}")
    _run("train", str(HERE / "config.cfg"), "--output", str(work / "trained"), *overrides)

    install(work / "trained" / "model-best", args.out)
    nlp = spacy.load(args.out)
    result = {"held_out": HELD_OUT, "training": list(TRAIN), **evaluate.scores(nlp, held_out),
              "token_alignment": evaluate.token_alignment(held_out),
              "size_mb": sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file()) / 1e6}
    (args.out.parent / "scores.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    write_card(result, args.out.parent / "README.md")
    print(json.dumps(result, indent=1))
    return 0


def _convert(treebanks: Path, work: Path, perdt: conllu.Conventions) -> tuple[dict, dict]:
    """train.spacy/ (the training files less the dev slice, PerDT's part PERDT_COPIES times) and dev.spacy
    (the last sentences of PerDT dev)."""
    perdt_dev, *others = (treebanks / n for n in TRAIN)
    folder = work / "train.spacy"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    train = conllu.write_docbin([perdt_dev], folder / "perdt-1.spacy", perdt, slice(None, -DEV_SENTENCES))
    for copy in range(2, PERDT_COPIES + 1):
        shutil.copy(folder / "perdt-1.spacy", folder / f"perdt-{copy}.spacy")
    train.update(conllu.write_docbin(others, folder / "seraji.spacy", perdt))
    dev = conllu.write_docbin([perdt_dev], work / "dev.spacy", perdt, slice(-DEV_SENTENCES, None))
    return train, dev


def install(trained: Path, out: Path) -> Path:
    """Save a trained pipeline into `out` with kg's tokenizer in place of spaCy's default one."""
    nlp = spacy.load(trained)
    nlp.tokenizer = tokenizer.create_tokenizer()(nlp)  # saved with its rules: spacy.load gives kg's splitting
    nlp.meta.update(name="kg_fa", version="1.0.0", license="CC BY-SA 4.0",
                    description="kg's Persian tagger, parser and lemmatizer, trained on UD PerDT and Seraji")
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return out


def _run(*args: str) -> None:
    """Run a spaCy command in this Python; stop on failure."""
    subprocess.run([sys.executable, "-m", "spacy", *args], check=True)


if __name__ == "__main__":
    sys.exit(main())
