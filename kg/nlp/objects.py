"""The object of a claim: the phrase its cue's marker opens, an anaphor, or a list of parties."""
from __future__ import annotations

from spacy.tokens import Doc

from .clauses import HARD_STOPS, Clauses, Mention
from .cues import CueMatch, relation_rules
from .discourse import Discourse
from .lexicon import is_word
from .tokens import LastDoc
from .verbs import VerbForm

TOPIC_MARKERS = {("درباره",), ("در", "مورد"), ("در", "خصوص"), ("پیرامون",), ("در", "باره")}
# Relations whose object is a party, never a matter: the object phrase must open with an actor.
PARTY_OBJECT = {"meets", "negotiatesWith", "invites", "briefs"}
DEMONSTRATIVES = ("این", "همین", "چنین")
NOMINAL_REACH = 4
BETWEEN_REACH = 4  # words between a nominal cue and its "میان / بین" ("مذاکرات رو در رو میان ...")
BETWEEN_SPAN = 12  # the furthest the parties after "میان / بین" may run
AGENT_REACH = 3
INCLUDING = ("از", "جمله")
# Prepositional adverbs that are never an object marker ("به طور رسمی": officially).
ADVERBIAL = {("به", "طور"), ("به", "صورت"), ("به", "شکل"), ("به", "ویژه"), ("از", "جمله"), ("در", "حالی")}
SPECIAL_MARKERS = {"pred", "gen", "after", "را"}


class ObjectFinder:
    """Finds a cue's object phrase by its markers and reads the actors or topic it names."""

    def __init__(self, clauses: Clauses) -> None:
        self.clauses = clauses
        self.owned = {(r.words[-1] + suffix, m[0]) for r in relation_rules() if r.words
                      for m in r.markers for suffix in ("", "ی", "های", "ها")}
        self._actors_at: LastDoc[frozenset[int]] = LastDoc()

    def _actor_tokens(self, doc: Doc) -> frozenset[int]:
        """Tokens inside the Doc's actor spans (worked out once per Doc)."""
        return self._actors_at.get(doc, lambda: frozenset(i for span in doc.spans["actors"]
                                                           for i in range(span.start, span.end)))

    def find(self, doc: Doc, cue: CueMatch, words: list[str], forms: list[VerbForm | None],
                      mentions: list[Mention], start: int, end: int, subjects: list[str],
                      earlier: list[dict], ctx: Discourse
                      ) -> tuple[list[str], dict | None, tuple[int, int] | None]:
        """Object keys, or a topic, and the object phrase's token span: the first marker that names someone."""
        first = None
        for span in self._object_spans(cue, words, forms, start, end, mentions):
            first = first or span
            found = self.phrase_object(doc, cue, words, mentions, span, subjects, earlier, ctx)
            if found[0] or found[1]:
                return found[0], found[1], span
        return [], None, first

    def between(self, mentions: list[Mention], words: list[str], cue: CueMatch) -> tuple[list[str], int]:
        """The parties of "مذاکرات (رو در رو) میان X و Y" after a nominal cue, and where they end (none when fewer
        than two): a mutual act names both sides at once."""
        for j in range(cue.end, min(len(words), cue.end + BETWEEN_REACH)):
            if words[j] in ("میان", "بین"):
                parties, end = self.clauses.subject(mentions, words, j + 1, len(words))
                return (parties, end) if len(parties) > 1 and end - j < BETWEEN_SPAN else ([], cue.end)
            if words[j] in HARD_STOPS or any(m.start == j for m in mentions):
                break
        return [], cue.end

    def agents(self, mentions: list[Mention], words: list[str], cue: CueMatch) -> tuple[list[str], int]:
        """The genitive agents right after a nominal cue ("دیدار X و Y"), and where they end."""
        first, _ = self.clauses.subject(mentions, words, cue.end, min(len(words), cue.end + AGENT_REACH))
        if not first:
            return [], cue.end
        agents, end = self.clauses.subject(mentions, words, cue.end, len(words))
        return (agents, end) if agents[: len(first)] == first else (first, cue.end)

    def phrase_object(self, doc: Doc, cue: CueMatch, words: list[str], mentions: list[Mention],
                       span: tuple[int, int], subjects: list[str], earlier: list[dict],
                       ctx: Discourse) -> tuple[list[str], dict | None]:
        """The actors an object phrase names (a list of parties) or the topic it is about, with its actors."""
        a, b = span
        if words[a : a + 1] == ["هم"] and words[a - 1] == "با":
            return list(subjects), None
        inside = [m for m in mentions if a <= m.start < b]
        if cue.rule.relation in PARTY_OBJECT:
            titled = {i for t in doc._.titles for i in range(t["start"], t["end"])}
            parties = self._leading_parties(inside, words, a, titled)
            if parties:
                return list(dict.fromkeys(k for m in parties for k in m.keys)), None
            b = next((i for i in range(a, b) if words[i] == "،" or words[i] in self.clauses.preps), b)
            inside = [m for m in inside if m.start < min(b, a + AGENT_REACH)]
        keys = list(dict.fromkeys(k for m in inside for k in m.keys))
        if not keys:
            return self.anaphoric(words, a, b, earlier, ctx), None
        covered = {i for m in inside for i in range(m.start, m.end)}
        covered |= self._actor_tokens(doc)
        content = [i for i in range(a, b) if i not in covered and is_word(doc[i].text)
                   and words[i] not in self.clauses.function_words and words[i] not in self.clauses.preps
                   and words[i] not in ("و", "را")]
        titled = {i for t in doc._.titles for i in range(t["start"], t["end"])}
        listed = len(self._leading_parties(inside, words, a, titled)) == len(inside)
        if not content and listed:
            return keys, None
        return [], {"label": " ".join(doc[a:b].text.split()).strip(" ،"), "involves": keys}

    def _leading_parties(self, inside: list[Mention], words: list[str], a: int,
                         titled: set[int]) -> list[Mention]:
        """The actors an object phrase opens with, listed with و or ، (titles between them allowed)."""
        out: list[Mention] = []
        at = a
        for m in inside:
            gap = [j for j in range(at, m.start) if words[j] not in ("و", "،", "«", "»") and j not in titled
                   and words[j] not in self.clauses.function_words]
            if gap:
                break
            out.append(m)
            at = m.end
        return out

    def anaphoric(self, words: list[str], a: int, b: int, earlier: list[dict],
                          ctx: Discourse) -> list[str]:
        """"این دعوت" (this invitation): who made the act an earlier claim named, or whose the thing was."""
        while a < b and words[a] not in DEMONSTRATIVES and words[a] in self.clauses.function_words:
            a += 1
        if b - a < 2 or words[a] not in DEMONSTRATIVES:
            return []
        noun = words[a + 1]
        for claim in reversed(earlier):
            if claim["cue"] and noun.startswith(claim["cue"]):
                return list(claim["subjects"])
        return list(ctx.heads.get(noun, []))

    def _object_spans(self, cue: CueMatch, words: list[str], forms: list[VerbForm | None], start: int,
                      end: int, mentions: list[Mention]) -> list[tuple[int, int]]:
        """Candidate object phrases of a cue, one per marker, in the order the lexicon lists them."""
        stop = cue.verb if cue.verb is not None else end
        if any(marker not in words[start : cue.start] for marker in cue.rule.required):
            return []
        prepositional = [m for m in cue.rule.markers if m[0] not in SPECIAL_MARKERS]
        spans = []
        for marker in cue.rule.markers or (("gen",),):
            kind = marker[0] if marker[0] in SPECIAL_MARKERS else "prep"
            if kind == "prep":
                if marker != prepositional[0]:
                    continue
                span = self._prepositional_span(cue, words, forms, start, end, stop, mentions, prepositional)
            elif kind == "pred":
                span = (start, cue.start) if start < cue.start else None
            elif kind == "gen":
                head = cue.end - 1 if len(cue.rule.words) > 1 else cue.end
                close = self.clauses.phrase_end(words, forms, cue.end, stop, topic=True)
                span = (head, close) if cue.end < close else None
            elif kind == "after":
                span = self._complement_span(words, forms, stop)
            elif cue.verb is not None and forms[cue.verb] is None:  # an infinitive: "ضمن محکوم کردن X"
                comma = next((j for j in range(cue.verb + 1, end) if words[j] in ("،", ",", "؛")), end)
                close = self.clauses.phrase_end(words, forms, cue.verb + 1, comma, topic=True)
                span = (cue.verb + 1, close) if cue.verb + 1 < close else None
            else:
                span = self._marked_span(words, start, cue.start)
            if span is not None:
                spans.append(span)
        return spans

    def _marked_span(self, words: list[str], start: int, cue_start: int) -> tuple[int, int] | None:
        """The definite object before را."""
        for j in range(cue_start - 1, start - 1, -1):
            if words[j] == "را":
                k = j
                while k > start and words[k - 1] not in self.clauses.preps and words[k - 1] not in HARD_STOPS:
                    k -= 1
                return (k, j) if k < j else None
        return None

    def _complement_span(self, words: list[str], forms: list[VerbForm | None], verb: int) -> tuple[int, int] | None:
        """What is demanded after a verb of demanding: "می‌خواهم که X را آزاد کنند"."""
        k = verb + 1
        if k < len(words) and words[k] in ("که", "تا"):
            k += 1
        close = self.clauses.phrase_end(words, forms, k, len(words), topic=True)
        if close < len(words) and forms[close] is not None:
            close += 1
        return (k, close) if k < close else None

    def _prepositional_span(self, cue: CueMatch, words: list[str], forms: list[VerbForm | None],
                            start: int, end: int, stop: int,
                            mentions: list[Mention], markers: list[tuple[str, ...]]) -> tuple[int, int] | None:
        if cue.verb is not None:
            # "درباره X بحث و گفتگو کردند": a noun coordinated with the cue's belongs to the predicate, not to X
            before = cue.start - 2 if cue.start - 2 > start and words[cue.start - 1] == "و" else cue.start
            windows = [(cue.end, stop, stop), (start, before, before)]
        else:
            _, agents_end = self.agents(mentions, words, cue)
            reach = min(end, max(cue.end, agents_end) + NOMINAL_REACH)
            windows = [(cue.end, reach, end)]
        for lo, reach, hi in windows:
            if cue.verb is None and tuple(words[lo : lo + 2]) == INCLUDING:
                lo, reach = lo + 2, min(hi, reach + 2)
            for j in range(lo, reach):
                if cue.verb is None and words[j] in self.clauses.preps \
                        and not any(words[j] == m[0] for m in markers):
                    break
                if (j != cue.end and self._owned_marker(words, j)) or tuple(words[j : j + 2]) in ADVERBIAL:
                    continue
                for marker in markers:
                    if tuple(words[j : j + len(marker)]) == marker:
                        k = j + len(marker)
                        close = self.clauses.phrase_end(words, forms, k, hi, topic=marker in TOPIC_MARKERS)
                        return (k, close) if k < close else None
        return None

    def _owned_marker(self, words: list[str], j: int) -> bool:
        """True when the preposition at `j` belongs to another relation noun ("مبارزه با داعش")."""
        return j > 0 and (words[j - 1], words[j]) in self.owned
