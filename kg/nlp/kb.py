"""The actor knowledge base: entities by key, Persian labels, titles and demonyms, looked up by key or label.

`load_kb()` builds it from the data that `kg.nlp.kbdata` reads and checks. Stdlib and Babel only.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..model import Entity
from .kbdata import Title, label_key, read_kb_data


@dataclass
class KnowledgeBase:
    """Entities by key, Persian labels to (key, how), titles and demonyms. Treat it as read-only."""

    entities: dict[str, Entity]
    labels: dict[str, list[tuple[str, str]]]
    titles: list[Title]
    demonyms: dict[str, str]
    capitals: frozenset[str] = field(default_factory=frozenset)

    def entity(self, key: str) -> Entity:
        """The entity with `key`; KeyError names the key when there is none."""
        try:
            return self.entities[key]
        except KeyError:
            raise KeyError(f"no entity with key {key!r} in the knowledge base") from None

    def get(self, key: str) -> Entity | None:
        """The entity with `key`, or None."""
        return self.entities.get(key)

    def is_capital(self, key: str) -> bool:
        """True for a capital or seat of government that stands for its state."""
        return key in self.capitals

    def state_of(self, key: str) -> Entity | None:
        """The state an actor acts for: itself for a state; the affiliation of a person,
        institution, organisation, group or capital; None for plain places, concepts and
        anything without an affiliation."""
        entity = self.entities.get(key)
        if entity is None:
            return None
        if entity.kind == "state":
            return entity
        if entity.kind in ("place", "concept") and key not in self.capitals:
            return None
        state = entity.affiliation
        if state is not None and state.kind == "state":
            return self.entities.get(state.key, state)
        return None

    def lookup(self, label: str) -> list[tuple[str, str]]:
        """(key, how) pairs for a Persian label, compared as `label_key` does (ZWNJ, ی/ي ... ignored)."""
        return list(self._folded.get(label_key(label), ()))

    def __post_init__(self) -> None:
        folded: dict[str, list[tuple[str, str]]] = {}
        for text, pairs in self.labels.items():
            bucket = folded.setdefault(label_key(text), [])
            bucket.extend(p for p in pairs if p not in bucket)
        self._folded = {k: tuple(v) for k, v in folded.items()}


def _build(extra: tuple[Path, ...]) -> KnowledgeBase:
    return KnowledgeBase(*read_kb_data(extra))


@lru_cache(maxsize=1)
def _default() -> KnowledgeBase:
    return _build(())


def load_kb(extra: Iterable[Path] = ()) -> KnowledgeBase:
    """The knowledge base: CLDR states, packaged actors and titles, plus user files in `extra`.

    User files have the columns of ``actors.tsv``; a row whose key is already a packaged actor
    replaces it. Without `extra` the same (cached) object is returned on every call.
    """
    paths = tuple(Path(p) for p in extra)
    if not paths:
        return _default()
    return _build(paths)
