"""Actor mentions of a sentence resolved to keys: names, titles, pronouns, demonyms, capitals."""
from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.tokens import Doc

from .clauses import Clauses, Mention
from .discourse import Discourse
from .lexicon import is_word, key_form
from .tokens import Sentence

# A demonym after these names a medium, not a state's act ("روزنامه فرانسوی").
MEDIA_WORDS = {"روزنامه", "شبکه", "خبرگزاری", "تلویزیون", "تلویزیونی", "رسانه", "رسانههای", "زبان",
               "نشریه", "مجله", "پایگاه", "سایت", "روزنامههای", "رسانهای"}

RawMention = tuple[int, int, str, str, "dict | None"]


class MentionResolver:
    """Turns the actor and title spans the actor finder marked into Mentions, sentence by sentence."""

    def __init__(self, clauses: Clauses) -> None:
        self.clauses = clauses

    def by_sentence(self, doc: Doc) -> dict[int, list[RawMention]]:
        """The actor spans and titles of `doc` grouped by the start of their sentence."""
        items = [(s.start, s.end, s.kb_id_, s.label_, None) for s in doc.spans["actors"]]
        items += [(t["start"], t["end"], t["person"], "title", t) for t in doc._.titles]
        starts = doc.to_array(SENT_START).tolist()
        grouped: dict[int, list[RawMention]] = {}
        for item in sorted(items, key=lambda m: m[0]):
            first = item[0]
            while first > 0 and starts[first] != 1:
                first -= 1
            grouped.setdefault(first, []).append(item)
        return grouped

    def resolve(self, raw: list[RawMention], sent: Sentence, words: list[str], ctx: Discourse) -> list[Mention]:
        """The sentence's mentions with the keys they stand for; notes each in the discourse."""
        if not raw:
            return []
        out = []
        bracketed = _bracketed(sent, words) | _dateline(sent, words)
        opener = ""
        for start, end, key, how, title in raw:
            if start in bracketed:
                continue
            if out and (start == sent.start or words[start - 1] in ("،", ":")):
                opener = ""
            if how == "pronoun":
                keys = ctx.resolve_pronoun(key, avoid=opener)
                how = f"pronoun:{key}"
            elif how == "title":
                keys = self._title_keys(title, ctx)
            elif how == "agency":
                continue
            elif how == "demonym":
                before = key_form(sent.doc[start - 1].text) if start > sent.start else ""
                if not before or before in MEDIA_WORDS or not is_word(sent.doc[start - 1].text):
                    continue
                keys = [key]
            elif how == "capital":
                if start > 0 and key_form(sent.doc[start - 1].text) == "در":
                    continue
                keys = [ctx.state_of(key) or key]
            else:
                keys = [key]
                if ctx.is_person(key):
                    ctx.person(key)
            keys = [k for k in keys if k]
            if keys and (start == sent.start or words[start - 1] in ("،", ":")):
                opener = ctx.state_of(keys[0])
            for k in keys:
                ctx.mention(k)
            for w in words[max(sent.start, start - 2) : start]:
                if keys and is_word(w) and w not in self.clauses.preps and w not in self.clauses.function_words:
                    ctx.heads[w] = list(keys)
            out.append(Mention(start, end, keys, how))
        out = [m for m in out if m.keys]
        opening = [m for m in out if m.start <= self.clauses.preamble_end(words, sent) + 1]
        if opening and ctx.is_person(opening[0].keys[0]):
            ctx.topic_person = opening[0].keys[0]
        return out

    def _title_keys(self, title: dict, ctx: Discourse) -> list[str]:
        states = [s for s in title["state"].split("|") if s]
        if title["person"]:
            person = ctx.person(title["person"])
            person.state = person.state or (states[0] if states else "")
            if title["kind"] == "counterpart" and ctx.last_person:
                person.role = ctx.person(ctx.last_person).role or person.role
            else:
                person.role = person.role or title["role"]
            return [title["person"]]
        if title["kind"] == "person" and len(states) <= 1:
            found = ctx.by_title(title["role"], states[0] if states else "")
            if found:
                return [found]
        if title["kind"] == "expert":
            return []
        return states


DASHES = ("-", "–", "—")
DATELINE_WORDS = 5


def _dateline(sent: Sentence, words: list[str]) -> set[int]:
    """Token indices of a dateline opening the sentence ("نیویورک – ایرنا- ..."): a place and an agency,
    never actors of what follows."""
    for i in range(sent.start, min(sent.end - 1, sent.start + DATELINE_WORDS + 1)):
        if words[i].endswith(DASHES):
            return set(range(sent.start, i + 1)) if i > sent.start or len(words[i]) > 1 else set()
        if words[i] in (":", "،", ".") or not is_word(words[i].rstrip("".join(DASHES))):
            return set()
    return set()


def _bracketed(sent: Sentence, words: list[str]) -> set[int]:
    """Token indices inside [...]: an editor's insertion, not the speaker's words."""
    inside: set[int] = set()
    words = words[sent.start : sent.end]
    if "[" not in words:
        return inside
    depth = 0
    for i, word in enumerate(words, sent.start):
        if word == "[":
            depth += 1
        elif word == "]":
            depth = max(0, depth - 1)
        elif depth:
            inside.add(i)
    return inside
