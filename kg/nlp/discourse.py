"""Who is speaking and who "he", "we", "you", "this country" are, sentence by sentence."""
from __future__ import annotations

from dataclasses import dataclass, field

from functools import lru_cache

from .kb import KnowledgeBase
from .actors import PERSON_PREFIX
from .lexicon import lexicon


@lru_cache(maxsize=1)
def offices() -> dict[str, str]:
    """The title-table office of each state-specific role ("secretary of state" → "foreign minister")."""
    return {r["role"].lower(): r["office"].lower() for r in lexicon("roles.tsv", ("role", "office"))}


def office(role: str) -> str:
    """`role` as the office of the title table, lower-cased."""
    role = role.lower()
    return offices().get(role, role)


@dataclass
class Person:
    """What the document has said of one person so far."""

    key: str
    role: str = ""
    state: str = ""


@dataclass
class Discourse:
    """The running context of one document: people met, the current speaker and addressee."""

    kb: KnowledgeBase
    new_entities: dict[str, dict]
    people: dict[str, Person] = field(default_factory=dict)
    last_person: str = ""
    topic_person: str = ""
    speaker: str = ""
    addressee: str = ""
    recent_states: list[str] = field(default_factory=list)
    last_parties: list[str] = field(default_factory=list)
    heads: dict[str, list[str]] = field(default_factory=dict)
    named: list[str] = field(default_factory=list)  # every person the document names, in order

    def person(self, key: str) -> Person:
        """The record of person `key`, created from the KB or the document on first use."""
        if key not in self.people:
            entity = self.kb.entities.get(key)
            record = self.new_entities.get(key, {})
            role = (entity.role if entity else None) or record.get("role", "")
            state = (entity.affiliation.key if entity and entity.affiliation else None) or record.get("state", "")
            self.people[key] = Person(key, role or "", state or "")
        return self.people[key]

    def is_person(self, key: str) -> bool:
        """True for a person of the KB or one met in this document."""
        if key.startswith(PERSON_PREFIX):
            return True
        entity = self.kb.entities.get(key)
        return entity is not None and entity.kind == "person"

    def state_of(self, key: str) -> str:
        """The state an actor stands for ("" when none is known)."""
        if not key:
            return ""
        if self.is_person(key):
            return self.person(key).state
        entity = self.kb.state_of(key)
        return entity.key if entity is not None else ""

    def mention(self, key: str) -> None:
        """Note that `key` was just named."""
        if self.is_person(key):
            self.last_person = key
        elif state := self.state_of(key):
            if state in self.recent_states:
                self.recent_states.remove(state)
            self.recent_states.append(state)

    def by_title(self, role: str, state: str) -> str:
        """The person last met holding `role` for `state`, else the first the document names anywhere with
        that office (a title in the lead, the name further on); "" when there is none."""
        for person in reversed(list(self.people.values())):
            if self._holds(person, role, state):
                return person.key
        return next((key for key in self.named if self._holds(self.person(key), role, state)), "")

    def _holds(self, person: Person, role: str, state: str) -> bool:
        """Whether `person` holds office `role` for `state` ("secretary-general of the United Nations" holds
        "secretary-general" for the UN)."""
        if person.role == role or (person.role and office(person.role) == office(role)):
            return not state or person.state == state
        entity = self.kb.entities.get(state) if state else None
        return (entity is not None and not person.state
                and person.role.lower() in (f"{role} of {entity.label('en')}".lower(),
                                            f"{role} of the {entity.label('en')}".lower()))

    def speaks_for(self, person: str, organ: str) -> bool:
        """Whether `person` holds an office of `organ` ("spokesman of the Kremlin" for the Kremlin)."""
        entity = self.kb.entities.get(organ)
        if not person or not self.is_person(person) or entity is None or entity.kind in ("state", "person"):
            return False
        role = self.person(person).role.lower()
        return bool(role) and any(f" of {name.lower()}" in role or f" of the {name.lower()}" in role
                                  for lang, name in entity.labels if lang == "en")

    def resolve_pronoun(self, refers: str, avoid: str = "") -> list[str]:
        """Actor keys a pronoun stands for; "this country" is not the state that opens its own clause."""
        if refers == "speaker":
            return [self.speaker] if self.speaker else []
        if refers == "we":
            state = self.state_of(self.speaker)
            return [state or self.speaker] if self.speaker else []
        if refers == "addressee":
            state = self.state_of(self.addressee)
            return [state or self.addressee] if self.addressee else []
        if refers == "last-person":
            person = self.topic_person or self.last_person
            return [person] if person else []
        if refers == "last-state":
            states = [s for s in self.recent_states if s != avoid] or self.recent_states
            return states[-1:]
        if refers == "pair":
            if self.last_parties:
                return list(self.last_parties)
            return self.recent_states[-2:] if len(self.recent_states) >= 2 else []
        return []
