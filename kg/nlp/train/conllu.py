"""UD Persian treebanks (CoNLL-U) as spaCy training Docs, Seraji's annotation brought to PerDT's conventions.

Only syntactic words are kept (multiword-token ranges and empty nodes are skipped); Arabic ي/ك become
Persian ی/ک as the run-time normaliser makes them. Seraji differs from PerDT in a few labels and has no
PROPN; its relabelled deprels, را as ADP, its verbs' PerDT-style lemmas (MISC OrigLemma, else the lemma
PerDT gives that form), and tags PerDT never uses left missing make the two one training set. A Seraji
NOUN that PerDT knows as a name becomes PROPN, one inside a name or sometimes a name is left untagged:
names tagged NOUN would teach the tagger that names are nouns, and leaving every NOUN untagged teaches
it ADJ for unknown nouns instead.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})
SERAJI_DEPS = {"nmod:poss": "nmod", "acl:relcl": "acl", "flat": "flat:name", "flat:foreign": "flat:name",
               "det:predet": "det", "cc:preconj": "cc", "nsubj:nc": "nsubj"}
SERAJI_DROP_FEATS = {"Degree", "NumType", "Case", "Reflex"}
_ORIG_LEMMA = re.compile(r"OrigLemma=([^|]+)")


@dataclass(frozen=True)
class Word:
    """One syntactic word of a CoNLL-U sentence."""

    form: str
    lemma: str
    upos: str
    feats: str
    head: int  # 0-based index in the sentence, itself for the root
    deprel: str
    space_after: bool
    misc: str


def sentences(path: Path) -> Iterator[list[Word]]:
    """The sentences of a CoNLL-U file as lists of syntactic words."""
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if line:
                rows.append(line.split("\t"))
            elif rows:
                yield _words(rows)
                rows = []
    if rows:
        yield _words(rows)


def _words(rows: list[list[str]]) -> list[Word]:
    words: list[Word] = []
    range_end, range_space = 0, True
    for cols in rows:
        ident = cols[0]
        if "." in ident:
            continue
        if "-" in ident:
            range_end, range_space = int(ident.split("-")[1]), "SpaceAfter=No" not in cols[9]
            continue
        index = int(ident)
        space = "SpaceAfter=No" not in cols[9]
        if index <= range_end:  # inside a multiword token: space only after its last word
            space = range_space if index == range_end else False
        head = int(cols[6])
        words.append(Word(cols[1].translate(PERSIAN_LETTERS), cols[2].translate(PERSIAN_LETTERS), cols[3],
                          cols[5], head - 1 if head else index - 1, cols[7], space, cols[9]))
    return words


def _feats(feats: str, drop: Iterable[str] = ()) -> str:
    if feats == "_":
        return ""
    return "|".join(sorted(f for f in feats.split("|") if f.split("=")[0] not in drop))


@dataclass(frozen=True)
class Conventions:
    """What PerDT does: its (UPOS, features) labels, each form's UPOS counts and lemma counts."""

    tags: frozenset[tuple[str, str]]
    upos: dict[str, Counter[str]]
    lemmas: dict[str, Counter[str]]

    def lemma(self, form: str, lemma: str | None, upos: str, original: bool) -> str | None:
        """A Seraji lemma in PerDT's convention: the lemma PerDT gives the form when it gives one (nearly)
        always, none for a verb PerDT does not know and Seraji gives no past#present lemma, else `lemma`."""
        counts = self.lemmas.get(form)
        if counts:
            best, n = counts.most_common(1)[0]
            if n >= 2 and n >= 0.8 * sum(counts.values()):
                return best
        return None if upos in ("VERB", "AUX") and not original else lemma

    def noun(self, form: str, in_name: bool, modified: bool) -> str | None:
        """A Seraji NOUN: PROPN where PerDT (nearly) always has the form so, untagged inside a name or where
        PerDT has it as a name at times, else NOUN."""
        counts = self.upos.get(form)
        if in_name:
            return None
        if counts and counts["PROPN"] >= 0.9 * sum(counts.values()) and not modified:
            return "PROPN"
        return None if counts and counts["PROPN"] else "NOUN"


def perdt_conventions(paths: Iterable[Path]) -> Conventions:
    """PerDT's tags, and each form's UPOS and lemma counts, from its files."""
    tags, upos, lemmas = set(), defaultdict(Counter), defaultdict(Counter)
    for words in (s for p in paths for s in sentences(p)):
        for w in words:
            tags.add((w.upos, _feats(w.feats)))
            upos[w.form][w.upos] += 1
            lemmas[w.form][w.lemma] += 1
    return Conventions(frozenset(tags), dict(upos), dict(lemmas))


def to_doc(vocab: Vocab, words: list[Word], seraji: bool, perdt: Conventions, stats: Counter[str]) -> Doc:
    """One sentence as a Doc with heads, deprels, lemmas, POS and morphology (left missing where unsure)."""
    deps = [SERAJI_DEPS.get(w.deprel, w.deprel) if seraji else w.deprel for w in words]
    doc = Doc(vocab, words=[w.form for w in words], spaces=[w.space_after for w in words[:-1]] + [False],
              heads=[w.head for w in words], deps=["ROOT" if d == "root" else d for d in deps],
              sent_starts=[True] + [False] * (len(words) - 1))
    for i, (token, w) in enumerate(zip(doc, words)):
        lemma: str | None = w.lemma if w.lemma != "_" else None
        upos, feats = w.upos, _feats(w.feats, SERAJI_DROP_FEATS if seraji else ())
        if seraji:
            original = _ORIG_LEMMA.search(w.misc)
            lemma = perdt.lemma(w.form, original.group(1).translate(PERSIAN_LETTERS) if original else lemma,
                                upos, original is not None)
            if w.form == "را" and upos == "PART":
                upos = "ADP"
            if upos == "NOUN":
                children = [d for d, h in zip(deps, (x.head for x in words)) if h == i]
                upos = perdt.noun(w.form, deps[i].startswith("flat") or any(d.startswith("flat") for d in children),
                                  any(d in ("nmod", "amod", "acl") for d in children))
        if lemma:
            token.lemma_ = lemma
        if seraji and (upos in (None, "X") or (upos, feats) not in perdt.tags):
            stats[f"seraji {w.upos} left untagged"] += 1
            continue
        token.pos_ = upos
        token.set_morph(feats or "_")
    return doc


def write_docbin(paths: Iterable[Path], out: Path, perdt: Conventions, select: slice = slice(None)) -> Counter[str]:
    """Convert CoNLL-U files (sentences `select` of each) into one .spacy file; counts of what was done."""
    vocab, docs, stats = Vocab(), DocBin(store_user_data=False), Counter()
    for path in paths:
        seraji = "seraji" in path.name
        for words in list(sentences(path))[select]:
            docs.add(to_doc(vocab, words, seraji, perdt, stats))
            stats["sentences"] += 1
            stats["words"] += len(words)
    out.parent.mkdir(parents=True, exist_ok=True)
    docs.to_disk(out)
    return stats
