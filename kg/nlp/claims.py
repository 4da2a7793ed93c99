"""Claims from a Doc: relation cues, their clause, subject, object, speaker, negation and modality."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .cues import CueMatch, find_cues, is_speech_verb, modality_words, prepositions
from .discourse import Discourse
from .kb import KnowledgeBase
from .lexicon import key_form, lexicon, word_list
from .verbs import VerbForm, analyse

HARD_STOPS = {":", ".", "؟", "!", "؛"}
TALK_NOUNS = ("گفتوگو", "دیدار", "مذاکرات", "نشست", "گفتگو")
RECIPROCAL = ("با", "هم")
LOCATIVE = "در"


@dataclass
class Mention:
    """An actor reference in the text and the keys it resolves to."""

    start: int
    end: int
    keys: list[str]
    how: str


class ClaimFinder:
    """Finds claims sentence by sentence; writes plain dicts to doc._.claims."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        clause = lexicon("fa/clause_words.tsv", ("word", "kind"))
        self.clause_words = {tuple(key_form(w) for w in r["word"].split()): r["kind"] for r in clause}
        self.preps = prepositions()
        self.function_words = word_list("fa/function_words.txt")

    def __call__(self, doc: Doc) -> Doc:
        words = [key_form(t.text) for t in doc]
        forms = [analyse(w) if t.is_alpha else None for w, t in zip(words, doc)]
        ctx = Discourse(self.kb, doc._.new_entities)
        raw_mentions = self._raw_mentions(doc)
        claims: list[dict] = []
        quote_speaker = ""
        for index, sent in enumerate(doc.sents):
            if sent.start == 0 or "\n" in doc[sent.start - 1].text_with_ws or doc[sent.start - 1].is_space:
                quote_speaker = ""
            mentions = self._resolve(raw_mentions, sent, ctx)
            frame = self._frame(sent, words, forms, mentions, ctx)
            if frame is not None:
                ctx.speaker, content = frame
                if words[sent.end - 1] == ":":
                    quote_speaker = ctx.speaker
            else:
                ctx.speaker, content = quote_speaker, sent.start
            for cue in find_cues(sent, words, forms):
                claim = self._claim(doc, sent, cue, words, forms, mentions, ctx, content)
                if claim is not None:
                    claim["sentence"] = index
                    claims.append(claim)
            for m in mentions:
                for key in m.keys:
                    ctx.mention(key)
        doc._.claims = _lend_speakers(claims)
        return doc

    # -- mentions ---------------------------------------------------------------------------

    def _raw_mentions(self, doc: Doc) -> list[tuple[int, int, str, str, dict | None]]:
        items = [(s.start, s.end, s.kb_id_, s.label_, None) for s in doc.spans["actors"]]
        items += [(t["start"], t["end"], t["person"], "title", t) for t in doc._.titles]
        return sorted(items, key=lambda m: m[0])

    def _resolve(self, raw: list, sent: Span, ctx: Discourse) -> list[Mention]:
        out = []
        for start, end, key, how, title in raw:
            if not (sent.start <= start < sent.end):
                continue
            if how == "pronoun":
                keys = ctx.resolve_pronoun(key)
            elif how == "title":
                keys = self._title_keys(title, ctx)
            elif how == "demonym":
                continue
            elif how == "capital":
                if start > 0 and key_form(sent.doc[start - 1].text) == LOCATIVE:
                    continue
                keys = [ctx.state_of(key) or key]
            else:
                keys = [key]
                if ctx.is_person(key):
                    ctx.person(key)
            out.append(Mention(start, end, [k for k in keys if k], how))
        return [m for m in out if m.keys]

    def _title_keys(self, title: dict, ctx: Discourse) -> list[str]:
        states = [s for s in title["state"].split("|") if s]
        if title["person"]:
            person = ctx.person(title["person"])
            person.role = person.role or title["role"]
            person.state = person.state or (states[0] if states else "")
            if title["kind"] == "counterpart" and ctx.last_person:
                person.role = ctx.person(ctx.last_person).role or person.role
            return [title["person"]]
        if title["kind"] == "person" and len(states) <= 1:
            found = ctx.by_title(title["role"], states[0] if states else "")
            if found:
                return [found]
        if title["kind"] == "expert":
            return []
        return states

    # -- attribution ------------------------------------------------------------------------

    def _frame(self, sent: Span, words: list[str], forms: list[VerbForm | None],
               mentions: list[Mention], ctx: Discourse) -> tuple[str, int] | None:
        """(speaker, index where the content starts) of a speech frame in `sent`."""
        for j in range(sent.start, sent.end):
            start = is_speech_verb(words, forms, j)
            if start is None:
                continue
            after = words[j + 1] if j + 1 < sent.end else ":"
            if after not in (":", "که") and j + 1 != sent.end:
                continue
            subject = self._subject(mentions, words, self._preamble_end(words, sent), start)
            speaker = subject[0] if subject else (ctx.speaker or ctx.last_person)
            if speaker and not ctx.is_person(speaker) and forms[j].person[0] != "3":
                speaker = ""
            addressee = [m.keys[0] for m in mentions if sent.start < m.start < start
                         and words[m.start - 1] == "با" and m.keys[0] != speaker]
            if addressee:
                ctx.addressee = addressee[0]
            return speaker, j + 2
        for m in mentions:
            if m.start >= sent.start + 2 and words[m.start - 2 : m.start] == ["به", "گفته"]:
                return m.keys[0], sent.start
        return None

    def _preamble_end(self, words: list[str], sent: Span) -> int:
        """Skip "به گزارش X، به نقل از Y،" at the start of a sentence."""
        i = sent.start
        if words[i : i + 2] in (["به", "گزارش"], ["به", "نقل"], ["بنا", "بر"], ["به", "نوشته"]):
            j = i
            while j < sent.end:
                if words[j] == "،" and not (j + 2 < sent.end and words[j + 1 : j + 3] == ["به", "نقل"]):
                    return j + 1
                j += 1
        return i

    # -- roles ------------------------------------------------------------------------------

    def _clause(self, words: list[str], forms: list[VerbForm | None], sent: Span,
                i: int) -> tuple[int, int, str]:
        """(start, end, opening word kind) of the clause around token `i`."""
        start, kind = sent.start, ""
        for j in range(i - 1, sent.start - 1, -1):
            w = words[j]
            if w in HARD_STOPS:
                start = j + 1
                break
            opened = self._opens_clause(words, j)
            if opened:
                start, kind = j + opened[0], opened[1]
                break
            if w in ("و", "،") and j > sent.start and forms[j - 1] is not None and w != words[i]:
                start = j + 1
                break
        end = sent.end
        for j in range(i + 1, sent.end):
            if words[j] in HARD_STOPS or self._opens_clause(words, j):
                end = j
                break
            if words[j] in ("و", "،") and forms[j - 1] is not None:
                end = j
                break
        return start, end, kind

    def _opens_clause(self, words: list[str], j: int) -> tuple[int, str] | None:
        for phrase, kind in self.clause_words.items():
            if tuple(words[j : j + len(phrase)]) == phrase:
                return len(phrase), kind
        return None

    def _subject(self, mentions: list[Mention], words: list[str], start: int, end: int) -> list[str]:
        """Keys of the clause subject: the first mentions in [start, end) not governed by a preposition."""
        keys: list[str] = []
        last_end = None
        for m in mentions:
            if not (start <= m.start < end):
                continue
            if last_end is not None:
                between = words[last_end : m.start]
                if all(w in ("و", "،") for w in between) and between:
                    keys += m.keys
                    last_end = m.end
                    continue
                break
            governed = m.start > start and words[m.start - 1] in self.preps
            marked = m.end < len(words) and words[m.end] == "را"
            if governed or marked:
                continue
            keys += m.keys
            last_end = m.end
        return list(dict.fromkeys(keys))

    def _claim(self, doc: Doc, sent: Span, cue: CueMatch, words: list[str],
               forms: list[VerbForm | None], mentions: list[Mention], ctx: Discourse,
               content: int) -> dict | None:
        anchor = cue.verb if cue.verb is not None else cue.start
        start, end, kind = self._clause(words, forms, sent, cue.start)
        if kind == "condition":
            return None
        verb = cue.verb if cue.verb is not None else self._governing_verb(forms, cue.end, end)
        form = forms[verb] if verb is not None else None
        end = max(end, (verb or anchor) + 1)
        subjects = self._roles_subject(cue, words, forms, mentions, ctx, start, form, content)
        objects, topic = self._roles_object(doc, cue, words, mentions, start, end, subjects)
        subjects = [s for s in subjects if s not in objects] or []
        if not subjects or not (objects or topic):
            return None
        negated = bool(form and form.negated) and not cue.rule.negative
        modality = self._modality(words, forms, sent, start, end, verb)
        char_start = doc[start].idx
        char_end = doc[end - 1].idx + len(doc[end - 1].text)
        speaker = ctx.speaker if (cue.start >= content or ctx.speaker) else ""
        return {"relation": cue.rule.relation, "subjects": subjects, "objects": objects,
                "topic": topic, "speakers": [speaker] if speaker else [], "negated": negated,
                "modality": modality, "start": char_start, "end": char_end,
                "conditional": self._conditional(words, sent)}

    def _governing_verb(self, forms: list[VerbForm | None], i: int, end: int) -> int | None:
        for j in range(i, end):
            if forms[j] is not None and not forms[j].future_auxiliary:
                return j
        return None

    def _roles_subject(self, cue: CueMatch, words: list[str], forms: list[VerbForm | None],
                       mentions: list[Mention], ctx: Discourse, start: int,
                       form: VerbForm | None, content: int) -> list[str]:
        if cue.rule.nominal and cue.verb is None and cue.rule.markers:
            agent = [m for m in mentions if cue.end <= m.start <= cue.end + 1
                     and words[m.start - 1] not in self.preps]
            if agent:
                return agent[0].keys
        subjects = self._subject(mentions, words, start, cue.start)
        if subjects:
            return subjects
        person = form.person if form is not None else ""
        if person == "1pl":
            both = any(w.startswith(TALK_NOUNS) and w.endswith("مان") for w in words[start:cue.start + 1])
            keys = ctx.resolve_pronoun("we")
            if both and ctx.addressee:
                keys += ctx.resolve_pronoun("addressee")
            return keys
        if person == "1sg":
            return ctx.resolve_pronoun("speaker")
        if person.startswith("3") and cue.start >= content and ctx.speaker and start > content:
            return [ctx.speaker]
        return []

    def _roles_object(self, doc: Doc, cue: CueMatch, words: list[str], mentions: list[Mention],
                      start: int, end: int, subjects: list[str]) -> tuple[list[str], dict | None]:
        span = self._object_span(cue, words, start, end)
        if span is None:
            return [], None
        a, b = span
        if tuple(words[a - 1 : a + 1]) == RECIPROCAL:
            return list(subjects), None
        inside = [m for m in mentions if a <= m.start < b and m.how != "pronoun" or
                  (a <= m.start < b and m.how == "pronoun")]
        keys = list(dict.fromkeys(k for m in inside for k in m.keys))
        if not keys:
            return [], None
        covered = {i for m in inside for i in range(m.start, m.end)}
        content = [i for i in range(a, b) if i not in covered and doc[i].is_alpha
                   and words[i] not in self.function_words and words[i] not in self.preps
                   and words[i] not in ("و", "را")]
        if not content:
            return keys, None
        text = doc[a:b].text.strip(" ،")
        return [], {"label": text, "involves": keys}

    def _object_span(self, cue: CueMatch, words: list[str], start: int, end: int) -> tuple[int, int] | None:
        markers = cue.rule.markers
        stop = cue.verb if cue.verb is not None else end
        if not markers:
            return (cue.end, stop) if cue.end < stop else None
        if markers == (("gen",),):
            return (cue.end, stop) if cue.end < stop else None
        if markers == (("را",),):
            for j in range(cue.start - 1, start - 1, -1):
                if words[j] == "را":
                    k = j
                    while k > start and words[k - 1] not in self.preps and words[k - 1] not in HARD_STOPS:
                        k -= 1
                    return (k, j)
            return None
        before = cue.verb is not None or not cue.rule.nominal
        lo, hi = (start, cue.start) if before else (cue.end, end)
        for j in range(lo, hi):
            for marker in markers:
                if tuple(words[j : j + len(marker)]) == marker:
                    k = j + len(marker)
                    close = hi
                    for n in range(k, hi):
                        if words[n] in self.preps or words[n] in HARD_STOPS or self._opens_clause(words, n):
                            close = n
                            break
                    return (k, close) if k < close else None
        return None

    def _modality(self, words: list[str], forms: list[VerbForm | None], sent: Span,
                  start: int, end: int, verb: int | None) -> str:
        window_start = start
        if start > sent.start and words[start - 1] in ("تا", "که"):
            window_start, _, _ = self._clause(words, forms, sent, start - 2)
        cues = modality_words()
        found = [cues[w] for w in words[window_start:end] if w in cues]
        found += [cues[w[:-1]] for w in words[window_start:end] if w.endswith("ی") and w[:-1] in cues]
        if "intended" in found:
            return "intended"
        if "desired" in found:
            return "desired"
        if verb is not None and verb > sent.start and forms[verb - 1] is not None and forms[verb - 1].future_auxiliary:
            return "future"
        if any(f is not None and f.future_auxiliary for f in forms[start:end]):
            return "future"
        return "asserted"

    def _conditional(self, words: list[str], sent: Span) -> bool:
        return any(self._opens_clause(words, j) and self._opens_clause(words, j)[1] == "condition"
                   for j in range(sent.start, sent.end))


def _lend_speakers(claims: list[dict]) -> list[dict]:
    """A claim in the article's voice that restates a quoted one (headline, lead) takes its speaker."""
    voiced = [c for c in claims if c["speakers"]]
    for claim in claims:
        if claim["speakers"]:
            continue
        for other in voiced:
            if other["relation"] == claim["relation"] and _same_target(claim, other):
                claim["speakers"] = list(other["speakers"])
                break
    return claims


def _same_target(a: dict, b: dict) -> bool:
    def targets(c: dict) -> set[str]:
        return set(c["objects"]) | set((c["topic"] or {}).get("involves", []))
    return bool(targets(a) & targets(b))
