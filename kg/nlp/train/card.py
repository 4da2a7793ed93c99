"""The model card of the shipped pipeline, written from the scores the training command measured."""
from __future__ import annotations

from pathlib import Path

TEMPLATE = """# kg_fa: kg's Persian tagger, parser and lemmatizer

Written by `python -m kg.nlp.train` (`make model`) from the scores it measured; do not edit by hand.

- **Pipeline**: spaCy {spacy}: `tok2vec` (hash embeddings of NORM, PREFIX, SUFFIX, SHAPE and 128-dimension
  floret vectors) + `morphologizer` (UPOS and features) + `parser` (UD dependencies) +
  `trainable_lemmatizer`. The tokenizer is kg's (`kg.fa_tokenizer.v1`), applied to text normalised by
  `kg.read.normalise`; kg's own components (sentencizer, actors, claims) are added by `kg.nlp.make_nlp`.
- **Training data**: {training} of the Universal Dependencies treebanks UD Persian-PerDT and
  UD Persian-Seraji (the only parts available here; their train splits' trees are not), Seraji
  relabelled to PerDT's conventions (`kg/nlp/train/conllu.py`). The last 250 sentences of PerDT dev
  are spaCy's evaluation set during training.
- **Vectors**: floret, trained on the raw sentences of the treebanks' train splits (text only) and the
  1,471 articles of the Fars News bulk corpus, normalised and tokenised as at run time.
- **Held out**: `{held_out}` ({sentences} sentences, {words} words), never seen in training.
- **Licence and attribution**: a derived work of UD Persian-PerDT (the Persian Dependency Treebank,
  Dadegan, Rasooli et al., converted to UD; phsfr/UD_Persian-PerDT @ 9b8d171a) and UD Persian-Seraji
  (Seraji et al.; UniversalDependencies/UD_Persian-Seraji @ e53af38f), both under CC BY-SA 4.0; this
  model is distributed under CC BY-SA 4.0 as they require. The treebanks themselves are not shipped.

## Scores on the held-out part (gold tokens)

| measure | score |
|---|---|
| UPOS | {upos:.3f} |
| morphological features | {morph:.3f} |
| lemma | {lemma:.3f} |
| UAS | {uas:.3f} |
| LAS | {las:.3f} |
{labels}

| kg's run-time tokens against the treebank's words (held-out raw text) | precision {tp:.3f} | recall {tr:.3f} | F1 {tf:.3f} |
|---|---|---|---|

Speed while scoring: {wps:,.0f} words/s on one core. Size on disk: {size:.1f} MB.
"""


def write_card(result: dict, path: Path) -> Path:
    """Write the model card for `result` (the scores.json of a training run) to `path`."""
    import spacy

    labels = "\n".join(f"| LAS of `{label}` | {score:.3f} |" for label, score in result["las_per_label"].items())
    alignment = result["token_alignment"]
    path.write_text(TEMPLATE.format(
        spacy=spacy.__version__, training=", ".join(f"`{name}`" for name in result["training"]),
        held_out=result["held_out"], sentences=result["sentences"], words=result["words"],
        upos=result["upos"], morph=result["morph"], lemma=result["lemma"], uas=result["uas"], las=result["las"],
        labels=labels, tp=alignment["precision"], tr=alignment["recall"], tf=alignment["f1"],
        wps=result["words_per_second"], size=result["size_mb"]), encoding="utf-8")
    return path
