"""One article end to end: read it, run the pipeline on it, get its claims; what batch, Dask and api share."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from ..errors import InputError, UsageError
from ..model import Article, Claim, Extraction
from ..nlp import doc_claims, make_nlp
from ..nlp.pipeline import LANGUAGES
from ..nlp.kb import KnowledgeBase, load_kb
from ..rdf.build import article_triples
from ..rdf.ntriples import ntriples
from ..read.dates import given_date
from ..read.sources import iter_articles


@lru_cache(maxsize=4)
def pipeline(kb_files: tuple[str, ...] = ()) -> Language:
    """The Persian pipeline with the actors of `kb_files`, built once per process."""
    return make_nlp("fa", kb_files)


@lru_cache(maxsize=4)
def knowledge_base(kb_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The knowledge base with the actors of `kb_files`, loaded once per process."""
    return load_kb(kb_files)


def extract_article(article: Article, kb_files: Iterable[str] = ()) -> list[Claim]:
    """Claims of one article; a text longer than CHUNK characters is read in parts cut between paragraphs
    (else sentences, else words), each part's claims keeping their offsets into the whole text."""
    files = tuple(str(f) for f in kb_files)
    nlp, kb = pipeline(files), knowledge_base(files)
    claims: list[Claim] = []
    sentences = 0
    for start, end in chunks(article.text, CHUNK):
        doc = nlp(article.text[start:end])
        claims += doc_claims(doc, article, kb, offset=start, sentences=sentences)
        sentences += sum(1 for _ in doc.sents)
    return merge_repeats(claims)


def merge_repeats(claims: list[Claim]) -> list[Claim]:
    """One claim per identity (Claim.identity: what the graph stores as one node), its speakers joined."""
    merged: dict[tuple[str, ...], Claim] = {}
    for claim in claims:
        first = merged.setdefault(claim.identity, claim)
        if first is not claim:
            speakers = first.speakers + tuple(s for s in claim.speakers if s not in first.speakers)
            merged[claim.identity] = replace(first, speakers=speakers)
    return list(merged.values())


CHUNK = 100_000
_BREAKS = ("\n\n", "\n", ". ", "؟ ", "! ", " ")


def chunks(text: str, size: int = CHUNK) -> list[tuple[int, int]]:
    """[start, end) parts of `text`, each at most `size` characters, cut after the last paragraph break,
    else sentence end, else space before the limit (mid-word only when there is none)."""
    parts, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = next((window.rfind(b) + len(b) for b in _BREAKS if window.rfind(b) > 0), size)
        parts.append((start, start + cut))
        start += cut
    return parts + [(start, len(text))]


def read_articles(paths: Iterable[str | Path], date: str | None = None) -> Iterator[Article | InputError]:
    """Articles from files, folders and JSONL corpora (undated ones given `date`, YYYY-MM-DD or a Jalali
    1399-01-01); unreadable inputs come back as InputError. A date that is none is a UsageError at once."""
    if date:
        try:
            date = given_date(date)
        except ValueError as e:
            raise UsageError(f"--date {e}") from None
    return _dated(iter_articles(paths), date)


def _dated(items: Iterator[Article | InputError], date: str | None) -> Iterator[Article | InputError]:
    for item in items:
        if isinstance(item, Article) and item.lang not in LANGUAGES:
            item = InputError(item.source, f"written in {NAMES.get(item.lang, 'an unknown language')}: kg reads "
                                           f"articles in {', '.join(NAMES[lang] for lang in LANGUAGES)} only so far")
        elif date and isinstance(item, Article) and not item.date:
            item = replace(item, date=date)
        yield item


NAMES = {"fa": "Persian", "en": "English"}


def extract(paths: Iterable[str | Path], kb_files: Iterable[str] = (), date: str | None = None) -> Extraction:
    """Read every article under `paths` and extract its claims; bad files are collected, not raised."""
    result = Extraction()
    for item in read_articles(paths, date):
        if isinstance(item, InputError):
            result.failures.append(item)
            continue
        result.articles.append(item)
        result.claims.extend(extract_article(item, kb_files))
    return result


@dataclass(frozen=True)
class Extracted:
    """One article's triples as N-Triples and its claims' relations, or why it failed."""

    article_id: str
    source: str
    ntriples: str = ""
    relations: tuple[str, ...] = ()
    error: str | None = None


def extract_one(article: Article, kb_files: tuple[str, ...] = ()) -> Extracted:
    """Extract one article into N-Triples; an exception becomes the article's failure, not the run's."""
    try:
        claims = extract_article(article, kb_files)
        text = ntriples(article_triples(article, claims))
        return Extracted(article.id, article.source, text, tuple(c.relation for c in claims))
    except Exception as e:  # noqa: BLE001 - one article must not stop a corpus; the report names it
        return Extracted(article.id, article.source, error=f"extraction failed: {type(e).__name__}: {e}")
