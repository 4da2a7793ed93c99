"""Find actors in a Doc: knowledge-base names, titles with their state, and new people named by a title."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, count

from spacy.tokens import Doc, Span

from ..model import Entity
from .kb import KnowledgeBase
from .lexicon import is_word, key_form, lexicon, word_list
from .tokens import views
from .variants import skeleton, skeleton_phrases
from .verbs import analyse

PERSON_PREFIX = "person:"
# Title kinds held by one named person (not "officials" or "counterpart" groups).
NAMED_KINDS = {"person", "expert", "counterpart"}
# Kinds whose names are matched in their transliteration variants too (kg.nlp.variants).
VARIANT_KINDS = {"person", "place"}
# What may stand right before an unknown person's name: the sentence start or punctuation.
NAME_BOUNDARIES = {"«", "»", '"', "،", ",", ":", ".", "(", ")", "\n", "\n\n"}


@dataclass(frozen=True)
class Phrase:
    """A multi-word surface form and what it names."""

    words: tuple[str, ...]
    key: str
    how: str


class PhraseIndex:
    """Longest-match lookup of word sequences (in key form), indexed by first word and length."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        # first word -> [(length, {words: phrase})], longest first; the first phrase added for words wins
        self.by_first: dict[str, list[tuple[int, dict[tuple[str, ...], Phrase]]]] = {}
        for p in phrases:
            self.add(p)

    def firsts(self) -> frozenset[str]:
        """The words phrases start with."""
        return frozenset(self.by_first)

    def match(self, words: list[str], i: int) -> Phrase | None:
        """The longest phrase starting at word `i`, if any."""
        for n, table in self.by_first.get(words[i], ()):
            found = table.get(tuple(words[i : i + n]))
            if found is not None:
                return found
        return None

    def add(self, phrase: Phrase) -> None:
        """Add one phrase (an alias learnt from the document)."""
        bucket = self.by_first.setdefault(phrase.words[0], [])
        n = len(phrase.words)
        for size, table in bucket:
            if size == n:
                table.setdefault(phrase.words, phrase)
                return
        bucket.append((n, {phrase.words: phrase}))
        bucket.sort(key=lambda entry: entry[0], reverse=True)


def words_of(text: str) -> tuple[str, ...]:
    """Key-form words of a label, split on spaces."""
    return tuple(key_form(w) for w in text.split())


class ActorFinder:
    """Marks actor mentions (doc.spans['actors']) and titles (doc.spans['titles'])."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        names = []
        for surface, targets in kb.labels.items():
            for key, how in targets:
                names.append(Phrase(words_of(surface), key, how))
        self.names = PhraseIndex(names)
        self.titles = PhraseIndex(
            Phrase(words_of(t.title), t.role, t.kind) for t in kb.titles
        )
        self.title_states = {words_of(t.title): t.state for t in kb.titles if t.state}
        self.pronouns = PhraseIndex(
            Phrase(words_of(r["word"]), r["refers"], "pronoun")
            for r in lexicon("fa/pronouns.tsv", ("word", "refers"))
        )
        self.function_words = word_list("fa/function_words.txt")
        for row in lexicon("agencies.tsv", ("key", "wikidata", "en", "fa", "ar")):
            for label in row["fa"].split("|"):
                # a KB name spelt alike keeps its reading: the index keeps the first phrase added
                self.names.add(Phrase(words_of(label), row["key"], "agency"))
        self.firsts = self.titles.firsts() | self.names.firsts() | self.pronouns.firsts()
        self.variants = PhraseIndex(
            Phrase(words, key, "variant") for words, key in skeleton_phrases(
                (surface, key) for surface, targets in kb.labels.items() for key, _ in targets
                if kb.entities.get(key) is not None and kb.entities[key].kind in VARIANT_KINDS).items())

    def __call__(self, doc: Doc) -> Doc:
        words, _ = views(doc)
        skeletons = [skeleton(w) for w in words]
        names = PhraseIndex(())  # names learnt from this document (aliases, new people)
        actors: list[Span] = []
        titles: list[dict] = []
        new: dict[str, dict] = {}
        i, todo, k, known = 0, self._starts(words, skeletons, names, 0), 0, 0
        while k < len(todo):
            if todo[k] >= i:
                i = self._visit(doc, words, skeletons, todo[k], names, actors, titles, new)
            k += 1
            if len(names.by_first) != known:  # a name learnt: its words start mentions from here on
                known = len(names.by_first)
                todo, k = self._starts(words, skeletons, names, i), 0
        doc.spans["actors"] = actors
        doc.spans["titles"] = [Span(doc, t["start"], t["end"], label=t["role"], kb_id=t["state"])
                               for t in titles]
        doc._.titles = titles
        doc._.new_entities = new
        return doc

    def _starts(self, words: list[str], skeletons: list[str], names: PhraseIndex, start: int) -> list[int]:
        """Tokens from `start` on that a title, name, pronoun (known or learnt) or name variant starts with."""
        tail = words[start:]
        found = set(compress(count(start), map(self.firsts.__contains__, tail)))
        found.update(compress(count(start), map(names.by_first.__contains__, tail)))
        found.update(compress(count(start), map(self.variants.by_first.__contains__, skeletons[start:])))
        return sorted(found)

    def _visit(self, doc: Doc, words: list[str], skeletons: list[str], i: int, names: PhraseIndex,
               actors: list[Span], titles: list[dict], new: dict[str, dict]) -> int:
        """Mark the title, name or pronoun starting at token `i`, if any; where to look next."""
        title = self.titles.match(words, i) if words[i] in self.titles.by_first else None
        if title is not None:
            end, state = self._title_complement(words, i + len(title.words))
            state = state or self.title_states.get(title.words)
            record = {"start": i, "end": end, "role": title.key, "kind": title.how,
                      "state": state or "", "person": ""}
            person = self._name_before(doc, words, i, actors) if title.how in NAMED_KINDS else None
            if person is None:
                after = self.names.match(words, end) if end < len(words) else None
                if after is not None and self._is_person(after.key):
                    person = Span(doc, end, end + len(after.words), kb_id=after.key)
                    end += len(after.words)
            if person is not None:
                record["person"] = self._person(person, title, state, new, names)
                actors.append(Span(doc, person.start, person.end, label="name", kb_id=record["person"]))
                actors.sort(key=lambda s: s.start)
            titles.append(record)
            return end
        phrase = names.match(words, i) or self.names.match(words, i)
        if phrase is not None:
            actors.append(Span(doc, i, i + len(phrase.words), label=phrase.how, kb_id=phrase.key))
            if len(phrase.words) > 1 and self._is_person(phrase.key):
                self._alias_surname(phrase, names)
            return i + len(phrase.words)
        pronoun = self.pronouns.match(words, i) if words[i] in self.pronouns.by_first else None
        if pronoun is not None:
            actors.append(Span(doc, i, i + len(pronoun.words), label="pronoun", kb_id=pronoun.key))
            return i + len(pronoun.words)
        variant = self.variants.match(skeletons, i)
        # a lone word's skeleton is shared by common words (پزشکان / پزشکیان): it names only someone met before
        if variant is not None and (len(variant.words) > 1 or any(a.kb_id_ == variant.key for a in actors)):
            actors.append(Span(doc, i, i + len(variant.words), label="name", kb_id=variant.key))
            return i + len(variant.words)
        return i + 1

    def _alias_surname(self, phrase: Phrase, names: PhraseIndex) -> None:
        """After a full name, its last word alone names the same person in this document ("صدر گفت")."""
        surname = phrase.words[-1]
        if len(surname) > 2 and surname not in self.function_words and names.match([surname], 0) is None:
            names.add(Phrase((surname,), phrase.key, "name"))

    def _is_person(self, key: str) -> bool:
        entity = self.kb.entities.get(key)
        return entity is not None and entity.kind == "person"

    def _title_complement(self, words: list[str], j: int) -> tuple[int, str | None]:
        """Extend a title over the state, institution or demonym it names (and "خود")."""
        phrase = self.names.match(words, j) if j < len(words) else None
        state = None
        if phrase is not None and not self._is_person(phrase.key):
            target = self.kb.state_of(phrase.key)
            state = target.key if target is not None else phrase.key
            j += len(phrase.words)
        if j < len(words) and words[j] == "خود":
            j += 1
        return j, state

    def _name_before(self, doc: Doc, words: list[str], i: int, actors: list[Span]) -> Span | None:
        """A person's name right before a title: a KB person, a «quoted» name, or 2-3 name words."""
        j = i
        while j > 0 and doc[j - 1].text in ("،", ","):
            j -= 1
        if j > 0 and doc[j - 1].text == "»":
            k = j - 2
            while k >= 0 and doc[k].text != "«" and j - k < 6:
                k -= 1
            if k < 0 or doc[k].text != "«" or k + 1 >= j - 1:
                return None
            known = ""
            while actors and actors[-1].start > k:
                span = actors.pop()
                if self._is_person(span.kb_id_):
                    known = span.kb_id_
            return Span(doc, k + 1, j - 1, kb_id=known)
        if actors and actors[-1].end == j and actors[-1].label_ == "name":
            last = actors[-1]
            return actors.pop() if self._is_person(last.kb_id_) or last.kb_id_.startswith(PERSON_PREFIX) else None
        k = j
        while k > 0 and j - k < 3 and self._name_word(doc, words, k - 1):
            k -= 1
        if j - k >= 2 and (k == 0 or doc[k - 1].text in NAME_BOUNDARIES or doc[k - 1].is_space):
            return Span(doc, k, j)
        return None

    def _name_word(self, doc: Doc, words: list[str], k: int) -> bool:
        token = doc[k]
        return (is_word(token.text) and len(words[k]) > 1 and words[k] not in self.function_words
                and self.names.match(words, k) is None and analyse(words[k]) is None)

    def _person(self, name: Span, title: Phrase, state: str | None,
                new: dict[str, dict], names: PhraseIndex) -> str:
        """Key of the person a name denotes; unknown people are recorded in `new`."""
        if name.kb_id_:
            return name.kb_id_
        text = " ".join(t.text for t in name)
        key = PERSON_PREFIX + "".join(words_of(text))
        if key not in new:
            new[key] = {"label": text, "role": title.key, "state": state or ""}
            names.add(Phrase(words_of(text), key, "name"))
            surname = words_of(text)[-1]
            if len(name) > 1 and len(surname) > 3 and surname not in self.function_words:
                names.add(Phrase((surname,), key, "name"))
        return key


def new_person(key: str, record: dict, kb: KnowledgeBase) -> Entity:
    """An Entity for a person first met in this article."""
    return Entity(key=key, kind="person", labels=(("fa", record["label"]),),
                  affiliation=kb.entities.get(record["state"]) if record["state"] else None,
                  role=record["role"] or None)
