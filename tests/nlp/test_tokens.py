"""kg.nlp.tokens: token views once per Doc, sentences from the sentence starts, the one-Doc cache."""
from __future__ import annotations

import pytest

from kg.nlp.pipeline import make_nlp
from kg.nlp.tokens import LastDoc, Sentence, sentences, views
from kg.nlp.verbs import analyse
from kg.read.normalise import normalise

TEXT = "وزیر خارجه گفت: ما از عراق حمایت می\u200cکنیم. او افزود که گفت\u200cوگوها ادامه دارد."


@pytest.fixture(scope="module")
def doc():
    return make_nlp()(normalise(TEXT)[0])


def test_views_give_each_tokens_match_form_and_verb_reading(doc):
    words, forms = views(doc)
    assert len(words) == len(forms) == len(doc)
    i = [t.text for t in doc].index("می\u200cکنیم")
    assert words[i] == "میکنیم" and forms[i] == analyse("می\u200cکنیم") and forms[i].imperfective
    assert forms[[t.text for t in doc].index("عراق")] is None


def test_views_are_worked_out_once_per_doc(doc):
    assert views(doc) is views(doc)
    other = make_nlp()("سلام.")
    assert views(other)[0] == ["سلام", "."]
    assert views(doc)[0][0] == "وزیر"  # asked again after another Doc: worked out afresh, the same


def test_sentences_are_the_docs_sentence_bounds(doc):
    assert sentences(doc) == [Sentence(doc, s.start, s.end) for s in doc.sents]
    assert len(sentences(doc)) == 3  # the speech colon opens a sentence
    assert sentences(make_nlp().make_doc("")) == []


def test_last_doc_recomputes_only_for_another_key():
    calls = []
    cache: LastDoc[int] = LastDoc()
    a, b = object(), object()
    assert cache.get(a, lambda: calls.append("a") or 1) == 1
    assert cache.get(a, lambda: calls.append("a again") or 2) == 1
    assert cache.get(b, lambda: calls.append("b") or 3) == 3
    assert calls == ["a", "b"]
