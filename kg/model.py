"""Plain data passed between stages: articles, entities, claims and what a run extracted (stdlib only)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .errors import InputError

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
    method: str = field(default="", compare=False)  # how it was found: words, parse, appeal, charge

    @property
    def identity(self) -> tuple[str, ...]:
        """What makes two claims one (and gives the claim its IRI): article, relation, roles, polarity, modality
        and evidence span. Claims with the same identity are counted and stored once."""
        return (self.article, self.relation, ",".join(sorted(e.key for e in self.subjects)),
                ",".join(sorted(e.key for e in self.objects)), str(self.negated), self.modality,
                f"{self.start}:{self.end}")


@dataclass
class Extraction:
    """What one extraction run produced: articles read, claims found, files that failed."""

    articles: list[Article] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)

    def by_relation(self) -> Counter[str]:
        """Number of claims per relation."""
        return Counter(c.relation for c in self.claims)

    def summary(self, failures: bool = True) -> str:
        """A few lines: articles, claims by relation and (unless `failures` is false) failures with reasons."""
        lines = [f"{len(self.articles)} articles, {len(self.claims)} claims"]
        for relation, n in self.by_relation().most_common():
            lines.append(f"  {relation:<20} {n}")
        if failures and self.failures:
            lines.append(f"{len(self.failures)} failed:")
            lines.extend(f"  {e}" for e in self.failures)
        return "\n".join(lines)
