"""kg.nlp.train.conllu: treebank sentences as training Docs, Seraji's labels brought to PerDT's."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin
from spacy.vocab import Vocab

from kg.nlp.train.conllu import perdt_conventions, sentences, to_doc, write_docbin

# An invented sentence: "Japan supported Korea." with a multiword token and an empty node.
PERDT = """# text = ژاپن از کره حمايت کرد.
1	ژاپن	ژاپن	PROPN	_	Number=Sing	5	nsubj	_	_
2	از	از	ADP	_	_	3	case	_	_
3	کره	کره	PROPN	_	Number=Sing	5	obl:arg	_	_
4	حمايت	حمايت	NOUN	_	Number=Sing	5	compound:lvc	_	_
5	کرد	کرد#کن	VERB	_	Number=Sing|Person=3|Tense=Past	0	root	_	SpaceAfter=No
6	.	.	PUNCT	_	_	5	punct	_	_

"""
SERAJI = """1-2	کره‌را	_	_	_	_	_	_	_	_
1	کره	کره	NOUN	_	Number=Sing	4	obj	_	_
2	را	را	PART	_	_	1	case	_	_
3	ژاپن	ژاپن	NOUN	_	Number=Sing	4	nsubj:nc	_	_
3.1	x	x	X	_	_	_	_	_	_
4	ستود	ستود	VERB	_	Number=Sing|Person=3|Tense=Past	0	root	_	OrigLemma=ستود#ستا
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_words_heads_and_spaces_come_from_the_syntactic_words(tmp_path):
    (words,) = list(sentences(write(tmp_path, "fa_perdt-ud-dev.conllu", PERDT)))
    assert [w.form for w in words] == ["ژاپن", "از", "کره", "حمایت", "کرد", "."]  # ي -> ی
    assert [w.head for w in words] == [4, 2, 4, 4, 4, 4]
    assert words[4].space_after is False


def test_seraji_is_relabelled_and_brought_to_perdts_conventions(tmp_path):
    perdt = perdt_conventions([write(tmp_path, "fa_perdt-ud-dev.conllu", PERDT)])
    (words,) = list(sentences(write(tmp_path, "fa_seraji-ud-dev.conllu", SERAJI)))
    assert [w.form for w in words] == ["کره", "را", "ژاپن", "ستود"]  # range and empty node skipped
    stats: Counter[str] = Counter()
    doc = to_doc(Vocab(), words, True, perdt, stats)
    assert [t.dep_ for t in doc] == ["obj", "case", "nsubj", "ROOT"]
    # PerDT has کره and ژاپن as names only: Seraji's NOUN becomes PROPN; Seraji's PART را is PerDT's ADP
    assert [t.pos_ for t in doc[:3]] == ["PROPN", "ADP", "PROPN"]
    assert doc[3].lemma_ == "ستود#ستا" and doc[3].pos_ == "VERB"  # the OrigLemma; a tag PerDT uses too


def test_a_seraji_noun_perdt_does_not_know_stays_a_noun_and_a_known_lemma_is_perdts(tmp_path):
    perdt = perdt_conventions([write(tmp_path, "fa_perdt-ud-dev.conllu", PERDT * 2)])
    assert perdt.noun("کتاب", False, False) == "NOUN" and perdt.noun("ژاپن", True, False) is None
    assert perdt.lemma("کرد", "کرد", "VERB", False) == "کرد#کن"
    assert perdt.lemma("رفت", "رفت", "VERB", False) is None and perdt.lemma("رفت", "رفت#رو", "VERB", True) == "رفت#رو"


def test_a_docbin_holds_every_selected_sentence(tmp_path):
    perdt = write(tmp_path, "fa_perdt-ud-dev.conllu", PERDT * 3)
    stats = write_docbin([perdt], tmp_path / "out.spacy", perdt_conventions([perdt]), slice(-2, None))
    docs = list(DocBin().from_disk(tmp_path / "out.spacy").get_docs(Vocab()))
    assert stats["sentences"] == 2 and len(docs) == 2 and docs[0][4].pos_ == "VERB"
