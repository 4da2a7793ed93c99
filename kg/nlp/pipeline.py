"""Build the kg pipeline and turn the claims it finds into model.Claim objects."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import DataError, UsageError
from ..model import Article, Claim, Entity
from ..read.translit import transliterate
from . import components  # noqa: F401  (registers the factories)
from .tokenizer import create_tokenizer
from .actors import new_person
from .kb import KnowledgeBase, load_kb
from .lexicon import key_form
from .topics import english_label
from .when import statement_date

LANGUAGES = ("fa",)


def model_path(lang: str = "fa") -> Path:
    """Where the trained pipeline of `lang` ships inside the package (kg/nlp/model/LANG)."""
    return Path(str(resources.files(__package__).joinpath("model", lang)))


def make_nlp(lang: str = "fa", kb_files: Iterable[str] = (), parse: bool = True) -> Language:
    """kg's pipeline for `lang`: its tokenizer and sentencizer, the trained tagger, parser and lemmatizer
    shipped in the package (unless `parse` is false), the actor finder and the claim finder."""
    if lang not in LANGUAGES:
        raise UsageError(f"no extractor for language {lang!r} yet (have: {', '.join(LANGUAGES)})")
    model = model_path(lang)
    if parse and not (model / "config.cfg").is_file():
        raise DataError(f"{model}: the trained {lang} pipeline is missing (make model builds it)")
    if parse:
        nlp = spacy.load(model)
        nlp.tokenizer = create_tokenizer()(nlp)
    else:
        nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": "kg.fa_tokenizer.v1"}}})
    files = [str(f) for f in kb_files]
    nlp.add_pipe("kg_sentencizer", first=True)
    nlp.add_pipe("kg_actors", config={"kb_files": files})
    nlp.add_pipe("kg_claims", config={"kb_files": files})
    return nlp


def _entity(key: str, doc: Doc, kb: KnowledgeBase) -> Entity:
    if key in kb.entities:
        return kb.entities[key]
    record = doc._.new_entities.get(key)
    if record is None:
        return Entity(key, "person", (("fa", key),))
    person = new_person(key, record, kb)
    return replace(person, labels=(("en", transliterate(record["label"])),) + person.labels)


def _topic(record: dict, doc: Doc, kb: KnowledgeBase) -> Entity:
    involves = tuple(_entity(k, doc, kb) for k in record["involves"])
    english = english_label(record["label"], [e.label("en") for e in involves])
    return Entity("topic:" + key_form(record["label"]), "topic",
                  (("en", english), ("fa", record["label"])), involves=involves)


def doc_claims(doc: Doc, article: Article, kb: KnowledgeBase | None = None, offset: int = 0,
               sentences: int = 0) -> list[Claim]:
    """The claims kg_claims found in `doc`, made from `article.text` (or from the part of it that starts at
    character `offset` and after `sentences` sentences), with offsets into `article.raw`."""
    kb = kb or load_kb()
    out = []
    for c in doc._.claims or []:
        objects = tuple(_entity(k, doc, kb) for k in c["objects"])
        if c["topic"]:
            objects += (_topic(c["topic"], doc, kb),)
        start, end = article.raw_span(c["start"] + offset, c["end"] + offset)
        out.append(Claim(
            article=article.id,
            relation=c["relation"],
            subjects=tuple(_entity(k, doc, kb) for k in c["subjects"]),
            objects=objects,
            speakers=tuple(_entity(k, doc, kb) for k in c["speakers"]),
            negated=c["negated"],
            modality=c["modality"],
            quote=article.raw[start:end],
            start=start,
            end=end,
            sentence=c["sentence"] + sentences,
            conditional=c["conditional"],
            date=statement_date(article.date, tuple(c["when"])),
            method=c.get("how", "words"),
        ))
    return out
