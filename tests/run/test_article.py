"""kg.run.article: one article read, run through the pipeline and turned into claims and N-Triples."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.model import Article
from kg.read.normalise import normalise
from kg.run import article as run

TEXT = "سرگئی لاوروف، وزیر خارجه روسیه امروز گفت: روسیه از دولت سوریه حمایت می\u200cکند.\n"


def article(text: str = TEXT, ident: str = "invented-1") -> Article:
    norm, offsets = normalise(text)
    return Article(ident, f"{ident}.txt", text, norm, offsets)


def test_the_pipeline_is_built_once_per_process_and_set_of_kb_files():
    assert run.pipeline(()) is run.pipeline(())
    assert run.knowledge_base(()) is run.knowledge_base(())


def test_extract_article_finds_the_claim_and_its_quote():
    (claim,) = [c for c in run.extract_article(article()) if c.relation == "supports"]
    assert [e.key for e in claim.subjects] == ["RU"] and claim.quote in TEXT


def test_extract_one_gives_n_triples_and_relations():
    done = run.extract_one(article())
    assert done.error is None and "supports" in done.relations
    assert all(line.endswith(" .") for line in done.ntriples.splitlines())


def test_extract_one_turns_an_exception_into_the_articles_failure(monkeypatch):
    monkeypatch.setattr(run, "extract_article", lambda *a: (_ for _ in ()).throw(RuntimeError("boom")))
    done = run.extract_one(article())
    assert done.ntriples == "" and done.error == "extraction failed: RuntimeError: boom"


def test_read_articles_dates_only_undated_articles(tmp_path):
    (tmp_path / "fars-13900818001376.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "undated.txt").write_text(TEXT, encoding="utf-8")
    dates = {a.id: a.date for a in run.read_articles([tmp_path], date="2020-01-01")}
    assert dates == {"fars-13900818001376": "2011-11-09", "undated": "2020-01-01"}


def test_extract_collects_unreadable_inputs(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    extraction = run.extract([tmp_path, tmp_path / "missing.txt"])
    assert [a.id for a in extraction.articles] == ["good"]
    assert [type(f) for f in extraction.failures] == [InputError]


@pytest.mark.parametrize("text", ["", "\n\n", "نه", "!!!"])
def test_texts_without_claims_give_none(text):
    assert run.extract_article(article(text or " ")) == []


def test_chunks_cut_between_paragraphs_then_sentences_then_words():
    assert run.chunks("aa bb\n\ncc dd", 8) == [(0, 7), (7, 12)]
    assert run.chunks("aa. bb cc. dd", 8) == [(0, 4), (4, 11), (11, 13)]
    assert run.chunks("abcdefghij", 4) == [(0, 4), (4, 8), (8, 10)]
    assert run.chunks("short", 8) == [(0, 5)]


def test_a_long_article_is_read_in_parts_and_its_quotes_still_point_into_the_text(monkeypatch):
    paragraph = "روسیه از دولت سوریه حمایت می‌کند. ژاپن با کره دیدار کرد."
    text = "\n\n".join([paragraph] * 6)
    whole = run.extract_article(article(text))
    monkeypatch.setattr(run, "CHUNK", len(paragraph) + 5)
    parts = run.extract_article(article(text))
    assert len(parts) == len(whole) >= 6
    assert all(text[c.start:c.end] == c.quote for c in parts)
    assert len({(c.start, c.sentence) for c in parts}) == len(parts)


ANY_CHARACTER = st.characters(blacklist_categories=())  # surrogates and control characters included
HUGE_TOKEN = st.builds(lambda ch, n: ch * n, st.sampled_from(["=", "ب", "a", "!", "\u200c", "«"]),
                       st.integers(1000, 30000))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.text(ANY_CHARACTER, max_size=80), HUGE_TOKEN,
                          st.sampled_from(["روسیه از سوریه حمایت می‌کند.", "لاوروف گفت:", "\n\n"])), max_size=6))
def test_extraction_of_any_text_never_raises_and_quotes_slice_the_text(parts):
    text = " ".join(parts)
    a = article(text or " ")
    for claim in run.extract_article(a):
        assert a.raw[claim.start : claim.end] == claim.quote


def test_claims_with_one_identity_are_one_claim_with_their_speakers_joined():
    from kg.model import Claim, Entity
    from kg.run.article import merge_repeats

    ru, sy, a, b = (Entity(k, "state", (("en", k),)) for k in ("RU", "SY", "A", "B"))
    first = Claim("x", "supports", (ru,), (sy,), speakers=(a,), start=3, end=9)
    again = Claim("x", "supports", (ru,), (sy,), speakers=(b,), start=3, end=9, sentence=2)
    other = Claim("x", "supports", (ru,), (sy,), speakers=(a,), start=10, end=19)
    merged = merge_repeats([first, again, other])
    assert len(merged) == 2 and merged[0].speakers == (a, b) and merged[1] == other
