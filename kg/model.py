"""Plain data passed between stages: articles, entities and claims (stdlib only)."""
from __future__ import annotations

from dataclasses import dataclass, field

MODALITIES = ("asserted", "future", "intended", "desired")


@dataclass(frozen=True)
class Article:
    """One news article: the text as read, its normalised form and where it came from."""

    id: str
    source: str
    raw: str
    text: str
    offsets: tuple[int, ...]
    outlet: Entity | None = None
    agencies: tuple[Entity, ...] = ()
    date: str | None = None
    news_id: str | None = None
    lang: str = "fa"
    title: str | None = None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to offsets into `raw`."""
        if start >= end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Entity:
    """An actor, place, concept or topic that a claim can name."""

    key: str
    kind: str
    labels: tuple[tuple[str, str], ...]
    wikidata: str | None = None
    affiliation: Entity | None = None
    role: str | None = None
    involves: tuple[Entity, ...] = ()

    def label(self, lang: str = "en") -> str:
        """The first label in `lang`, else the first label there is."""
        for code, text in self.labels:
            if code == lang:
                return text
        return self.labels[0][1] if self.labels else self.key


@dataclass(frozen=True)
class Claim:
    """One statement of stance or action between actors, with its evidence."""

    article: str
    relation: str
    subjects: tuple[Entity, ...]
    objects: tuple[Entity, ...]
    speakers: tuple[Entity, ...] = ()
    negated: bool = False
    modality: str = "asserted"
    quote: str = ""
    start: int = 0
    end: int = 0
    sentence: int = 0
    conditional: bool = False
    date: str | None = None
    cues: tuple[str, ...] = field(default=(), compare=False)
