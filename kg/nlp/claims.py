"""Claims from a Doc: relation cues, their clause, subject, object, speaker, negation and modality."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from .clauses import HARD_STOPS, Clauses, Mention
from .cues import CueMatch, find_cues, is_speech_verb, modality_of, relation_rules
from .discourse import Discourse
from .kb import KnowledgeBase
from .lexicon import is_word, key_form, lexicon
from .verbs import VerbForm, analyse

TALK_NOUNS = ("گفتوگو", "دیدار", "مذاکرات", "نشست", "گفتگو")
TOPIC_MARKERS = {("درباره",), ("در", "مورد"), ("در", "خصوص"), ("پیرامون",), ("در", "باره")}
AUXILIARIES = ("بود", "است", "شد", "بودند", "اند")
PRAISE_OR_BLAME = {"praises", "criticizes", "condemns", "accuses", "welcomes"}
# Relations that are themselves speech acts: "X accused Y" reports X speaking.
SPEECH_ACTS = {"accuses", "criticizes", "condemns", "praises", "rejects", "denies", "warns", "threatens",
               "callsFor", "welcomes", "expressesConcern"}
# Relations whose object is a party, never a matter: the object phrase must open with an actor.
PARTY_OBJECT = {"meets", "negotiatesWith", "invites", "briefs"}
MUTUAL = {"meets", "negotiatesWith", "agreesWith", "cooperatesWith", "partnersWith", "discusses"}
MAX_CLAUSES_BACK = 3
# An object that is a mere possibility is no stance ("احتمال ... را رد نکرد": did not rule out).
HEDGES = {"احتمال", "امکان"}
DEMONSTRATIVES = ("این", "همین", "چنین")
VERB_REACH = 8
# Nouns of impersonal light verbs: "صورت گرفت" (took place), "انجام شد" (was done).
IMPERSONAL_NOUNS = {"صورت", "انجام", "برگزار"}
EXAMPLE_WORDS = {"همچون", "مانند", "نظیر"}
QUESTION_WORDS = {"آیا", "چرا", "چگونه", "چه"}
# Speech verbs whose content may follow with no که or colon ("مدعی شد دولت اوباما ...").
OPEN_FRAMES = {"مدعی", "ادعا"}
AGENT_MARKERS = (("از", "سوی"), ("از", "طرف"), ("توسط",))
MEDIA_WORDS = {"روزنامه", "شبکه", "خبرگزاری", "تلویزیون", "تلویزیونی", "رسانه", "رسانههای", "زبان",
               "نشریه", "مجله", "پایگاه", "سایت", "روزنامههای", "رسانهای"}
NOMINAL_REACH = 4
AGENT_REACH = 3
INCLUDING = ("از", "جمله")
# Prepositional adverbs that are never an object marker ("به طور رسمی": officially).
ADVERBIAL = {("به", "طور"), ("به", "صورت"), ("به", "شکل"), ("به", "ویژه"), ("از", "جمله"), ("در", "حالی")}
SPECIAL_MARKERS = {"pred", "gen", "after", "را"}


class ClaimFinder:
    """Finds claims sentence by sentence; writes plain dicts to doc._.claims."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.clauses = Clauses()
        self.owned = {(r.words[-1] + suffix, m[0]) for r in relation_rules() if r.words
                      for m in r.markers for suffix in ("", "ی", "های", "ها")}
        self.reasons = {tuple(key_form(w) for w in r["word"].split())
                        for r in lexicon("fa/reason_words.tsv", ("word",))}

    def __call__(self, doc: Doc) -> Doc:
        words = [key_form(t.text) for t in doc]
        forms = [analyse(t.text) if is_word(t.text) else None for t in doc]
        ctx = Discourse(self.kb, doc._.new_entities)
        raw_mentions = self._raw_mentions(doc)
        claims: list[dict] = []
        quote_speaker = ""
        for index, sent in enumerate(doc.sents):
            if sent.start == 0 or "\n" in doc[sent.start - 1].text_with_ws or doc[sent.start - 1].is_space:
                quote_speaker = ""
            mentions = self._resolve(raw_mentions, sent, words, ctx)
            frame = self._frame(sent, words, forms, mentions, ctx, quote_speaker)
            if frame is not None:
                ctx.speaker, content = frame
                if words[sent.end - 1] == ":":
                    quote_speaker = ctx.speaker
            else:
                ctx.speaker, content = quote_speaker, sent.start
            found = []
            for cue in find_cues(sent, words, forms):
                claim = self._claim(doc, sent, cue, words, forms, mentions, ctx, content, claims + found)
                if claim is not None:
                    claim["sentence"] = index
                    found.append(claim)
            claims.extend(_agents_from_reasons(_drop_embedded(found)))
        doc._.claims = _split_parties(_lend_speakers([c for c in claims if c["subjects"]]))
        return doc

    # -- mentions ---------------------------------------------------------------------------

    def _raw_mentions(self, doc: Doc) -> list[tuple[int, int, str, str, dict | None]]:
        items = [(s.start, s.end, s.kb_id_, s.label_, None) for s in doc.spans["actors"]]
        items += [(t["start"], t["end"], t["person"], "title", t) for t in doc._.titles]
        return sorted(items, key=lambda m: m[0])

    def _resolve(self, raw: list, sent: Span, words: list[str], ctx: Discourse) -> list[Mention]:
        out = []
        bracketed = _bracketed(sent)
        opener = ""
        for start, end, key, how, title in raw:
            if not (sent.start <= start < sent.end) or start in bracketed:
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

    # -- attribution ------------------------------------------------------------------------

    def _frame(self, sent: Span, words: list[str], forms: list[VerbForm | None],
               mentions: list[Mention], ctx: Discourse, quote_speaker: str) -> tuple[str, int] | None:
        """(speaker, index where the content starts) of a speech frame in `sent`."""
        for j in range(sent.start, sent.end):
            start = is_speech_verb(words, forms, j)
            if start is None:
                continue
            k = j + 1
            while k < sent.end and words[k] in AUXILIARIES:
                k += 1
            after = words[k] if k < sent.end else ":"
            claims_that = words[start] in OPEN_FRAMES and after not in HARD_STOPS and after not in ("و", "،", "تا")
            if after not in (":", "که", "«") and not self._opens_condition(words, k) and not claims_that:
                continue
            first = self.clauses.preamble_end(words, sent)
            subject, _ = self.clauses.subject(mentions, words, first, start)
            lead = next((m for m in mentions if first <= m.start < start), None)
            if lead is not None and lead.how in ("pronoun:we", "pronoun:speaker") and quote_speaker:
                subject = [quote_speaker]
            if not subject:
                subject = [m.keys[0] for m in mentions if first <= m.start < start
                           and any(tuple(words[m.start - len(a) : m.start]) == a for a in AGENT_MARKERS)]
            speaker = subject[0] if subject else (ctx.speaker or ctx.last_person)
            if speaker and not ctx.is_person(speaker) and not ctx.state_of(speaker) and not subject:
                speaker = ""
            addressee = [m.keys[0] for m in mentions if sent.start < m.start < start
                         and words[m.start - 1] == "با" and m.keys[0] != speaker]
            if addressee:
                ctx.addressee = addressee[0]
            elif speaker and speaker == ctx.addressee and ctx.speaker:
                ctx.addressee = ctx.speaker
            return speaker, k + (0 if self._opens_condition(words, k) or after == "«" else 1)
        for m in mentions:
            if m.start >= sent.start + 2 and words[m.start - 2 : m.start] == ["به", "گفته"]:
                return m.keys[0], sent.start
        headline = [m for m in mentions if m.start <= sent.start + 1 and m.end < sent.end and words[m.end] == ":"]
        if headline:
            return headline[0].keys[0], headline[0].end + 1
        return None

    def _opens_condition(self, words: list[str], k: int) -> bool:
        opened = self.clauses.opens(words, k)
        return opened is not None and opened[1] == "condition"

    # -- one claim --------------------------------------------------------------------------

    def _claim(self, doc: Doc, sent: Span, cue: CueMatch, words: list[str],
               forms: list[VerbForm | None], mentions: list[Mention], ctx: Discourse,
               content: int, earlier: list[dict]) -> dict | None:
        start, end, kind = self.clauses.around(words, forms, sent, cue.start)
        if kind == "condition" or self._question(words, sent, start, end):
            return None
        if content > start and cue.start >= content:
            start = content
        verb = cue.verb if cue.verb is not None else self._governing_verb(forms, cue.end, end)
        form = self._finite_form(forms, verb)
        end = max(end, (verb if verb is not None else cue.end - 1) + 1)
        if cue.passive:
            subjects, objects, topic, object_span = self._passive_roles(words, mentions, start, cue, earlier, ctx)
        else:
            subjects, subject_end = self._roles_subject(cue, words, forms, mentions, ctx, start, form,
                                                        content, sent)
            after_subject = max(start, subject_end) if subject_end <= cue.start else start
            objects, topic, object_span = self._roles_object(doc, cue, words, forms, mentions,
                                                             after_subject, end, subjects, earlier, ctx)
        reason = self._after_reason(words, cue.start)
        reciprocal = object_span is not None and tuple(words[object_span[0] - 1 : object_span[0] + 1]) == ("با", "هم")
        if not reciprocal and not reason:
            objects = [o for o in objects if o not in subjects]
        if not objects and topic is None and cue.rule.relation in MUTUAL and len(subjects) > 1:
            objects = list(subjects)
        if cue.rule.relation in MUTUAL and len(subjects) > 1:
            ctx.last_parties = [ctx.state_of(k) or k for k in subjects]
        if topic is not None and set(topic["involves"]) <= set(subjects) and not reason:
            topic = None
        if topic is None and not objects:
            return None
        if any(w in HEDGES for w in words[start : cue.start]):
            return None
        negated = (bool(form and form.negated) and not cue.rule.negative) != cue.rule.negates
        modality = self._modality(words, forms, sent, start, end, verb)
        if modality in ("intended", "desired") and not negated and self._modal_denied(words, forms, start, cue.start):
            negated = True
        speaker = ctx.speaker if (cue.start >= content or ctx.speaker) else ""
        if not speaker and cue.rule.relation in SPEECH_ACTS and len(subjects) == 1:
            speaker = subjects[0]
        return {"relation": cue.rule.relation, "subjects": subjects, "objects": objects,
                "nominal": cue.verb is None, "object_span": object_span,
                "topic": topic, "speakers": [speaker] if speaker else [], "negated": negated,
                "modality": modality, "start": doc[start].idx,
                "end": doc[end - 1].idx + len(doc[end - 1].text),
                "conditional": self.clauses.conditional(words, sent),
                "cue": cue.rule.words[-1] if cue.rule.words else words[cue.start], "tokens": (start, end),
                "reason": reason, "time": self._after_time(words, cue.start), "cue_at": cue.start,
                "purpose": self._purpose(words, cue.start)}

    def _question(self, words: list[str], sent: Span, start: int, end: int) -> bool:
        """Questions assert nothing ("آیا ...؟", "به چه منظور ...")."""
        return words[sent.end - 1] == "؟" or any(w in QUESTION_WORDS for w in words[start:end])

    def _after_time(self, words: list[str], i: int) -> bool:
        """True when a time phrase presupposes the act ("بعد از عقب‌نشینی آمریکا")."""
        for n in (1, 2):
            opened = self.clauses.opens(words, i - n) if i - n >= 0 else None
            if opened and opened[1] == "time" and opened[0] == n:
                return True
        return False

    def _purpose(self, words: list[str], i: int) -> bool:
        """"برای سفر" (in order to travel) states no act, unless an intention governs it ("قصدی برای")."""
        if i < 1 or words[i - 1] != "برای":
            return False
        return not (i >= 2 and modality_of(words[i - 2]))

    def _after_reason(self, words: list[str], i: int) -> bool:
        return any(tuple(words[i - len(r) : i]) == r for r in self.reasons if i >= len(r))

    def _finite_form(self, forms: list[VerbForm | None], verb: int | None) -> VerbForm | None:
        """The verb's form, with person and polarity from a future auxiliary before it ("نخواهیم کرد")."""
        if verb is None:
            return None
        form = forms[verb]
        aux = forms[verb - 1] if verb > 0 else None
        if form is not None and aux is not None and aux.future_auxiliary:
            return replace(form, person=aux.person, negated=aux.negated or form.negated)
        return form

    def _governing_verb(self, forms: list[VerbForm | None], i: int, end: int) -> int | None:
        for j in range(i, end):
            if forms[j] is not None and not forms[j].future_auxiliary:
                return j
        return None

    def _roles_subject(self, cue: CueMatch, words: list[str], forms: list[VerbForm | None],
                       mentions: list[Mention], ctx: Discourse, start: int, form: VerbForm | None,
                       content: int, sent: Span) -> tuple[list[str], int]:
        """Subject keys and the index where the subject phrase ends."""
        if cue.rule.nominal and cue.verb is None and cue.rule.markers:
            agents, agents_end = self._agents(mentions, words, cue)
            if agents:
                return agents, agents_end
        if cue.rule.markers == (("pred",),):
            return self._believer(words, forms, ctx, start, sent), start
        first = max(start, self.clauses.preamble_end(words, sent))
        subjects, subject_end = self.clauses.subject(mentions, words, first, cue.start)
        if subjects:
            return subjects, subject_end
        examples = self._examples(mentions, words, cue.end, sent.end)
        if examples:
            return examples, start
        if start > 1 and words[start - 1] == "که":
            head = [m for m in mentions if m.end == start - 1]
            if head:
                return head[0].keys, start
        person = form.person if form is not None else ""
        if person == "1pl":
            keys = ctx.resolve_pronoun("we")
            ours = any(w.startswith(TALK_NOUNS) and w.endswith("مان") for w in words[start : cue.end])
            if ours and ctx.addressee:
                keys += ctx.resolve_pronoun("addressee")
            return list(dict.fromkeys(keys)), start
        if person == "1sg":
            return ctx.resolve_pronoun("speaker"), start
        if form is not None and cue.verb is None and self._impersonal(words, forms, cue, sent) and ctx.speaker:
            return ctx.resolve_pronoun("we"), start
        if person.startswith("3"):
            inherited = self._previous_subject(words, forms, mentions, sent, start)
            if inherited:
                return inherited, start
            if ctx.speaker and start >= content and cue.start >= content:
                return [ctx.speaker], start
        return [], start

    def _previous_subject(self, words: list[str], forms: list[VerbForm | None], mentions: list[Mention],
                          sent: Span, start: int) -> list[str]:
        """The subject of the clause before, when this one continues it after و or ، (pro-drop)."""
        for _ in range(MAX_CLAUSES_BACK):
            if start - 1 <= sent.start or words[start - 1] not in ("و", "،"):
                return []
            before, _, kind = self.clauses.around(words, forms, sent, start - 2)
            if kind == "condition":
                return []
            subjects, _ = self.clauses.subject(mentions, words, before, start - 1)
            if subjects:
                return subjects
            start = before
        return []

    def _passive_roles(self, words: list[str], mentions: list[Mention], start: int, cue: CueMatch,
                       earlier: list[dict], ctx: Discourse) -> tuple[list[str], list[str], None, tuple[int, int]]:
        """Roles of "Y از سوی X مورد استقبال قرار گرفت": X is the subject, Y the object."""
        agents = [k for m in mentions if start <= m.start < cue.start
                  and any(tuple(words[m.start - len(a) : m.start]) == a for a in AGENT_MARKERS) for k in m.keys]
        head = start
        while head < cue.start and not any(tuple(words[head : head + len(a)]) == a for a in AGENT_MARKERS) \
                and words[head] != "مورد":
            head += 1
        patients, _ = self.clauses.subject(mentions, words, start, head)
        if not patients:
            patients = self._anaphoric_object(words, start, head, earlier, ctx)
        return agents, patients, None, (start, head)

    def _agents(self, mentions: list[Mention], words: list[str], cue: CueMatch) -> tuple[list[str], int]:
        """The genitive agents right after a nominal cue ("دیدار X و Y"), and where they end."""
        first, _ = self.clauses.subject(mentions, words, cue.end, min(len(words), cue.end + AGENT_REACH))
        if not first:
            return [], cue.end
        agents, end = self.clauses.subject(mentions, words, cue.end, len(words))
        return (agents, end) if agents[: len(first)] == first else (first, cue.end)

    def _impersonal(self, words: list[str], forms: list[VerbForm | None], cue: CueMatch, sent: Span) -> bool:
        """"گفت‌وگویی صورت نخواهد گرفت": an act that takes place, with no agent named."""
        for j in range(cue.end, min(sent.end, cue.end + VERB_REACH)):
            if forms[j] is not None:
                return j > 0 and words[j - 1] in IMPERSONAL_NOUNS
        return False

    def _examples(self, mentions: list[Mention], words: list[str], i: int, end: int) -> list[str]:
        """Subjects named after the predicate as examples ("... انتقاد داشتند، همچون روسیه و چین")."""
        for j in range(i, end):
            if words[j] in EXAMPLE_WORDS:
                keys, _ = self.clauses.subject(mentions, words, j + 1, end)
                return keys
        return []

    def _believer(self, words: list[str], forms: list[VerbForm | None], ctx: Discourse,
                  start: int, sent: Span) -> list[str]:
        """Who holds a predicate ("X is legal") true: the person of the verb that embeds it."""
        for j in range(start - 1, sent.start - 1, -1):
            f = forms[j]
            if f is not None and f.past == "بود" and f.person == "1pl" or (f is not None and f.person == "1pl"):
                return ctx.resolve_pronoun("we")
            if f is not None and f.person == "1sg":
                return ctx.resolve_pronoun("speaker")
        return [ctx.speaker] if ctx.speaker else []

    def _roles_object(self, doc: Doc, cue: CueMatch, words: list[str], forms: list[VerbForm | None],
                      mentions: list[Mention], start: int, end: int, subjects: list[str],
                      earlier: list[dict], ctx: Discourse
                      ) -> tuple[list[str], dict | None, tuple[int, int] | None]:
        """Object keys, or a topic, and the object phrase's token span: the first marker that names someone."""
        first = None
        for span in self._object_spans(cue, words, forms, start, end, mentions):
            first = first or span
            found = self._phrase_object(doc, cue, words, mentions, span, subjects, earlier, ctx)
            if found[0] or found[1]:
                return found[0], found[1], span
        return [], None, first

    def _phrase_object(self, doc: Doc, cue: CueMatch, words: list[str], mentions: list[Mention],
                       span: tuple[int, int], subjects: list[str], earlier: list[dict],
                       ctx: Discourse) -> tuple[list[str], dict | None]:
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
            return self._anaphoric_object(words, a, b, earlier, ctx), None
        covered = {i for m in inside for i in range(m.start, m.end)}
        covered |= {i for span in doc.spans["actors"] for i in range(span.start, span.end)}
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

    def _anaphoric_object(self, words: list[str], a: int, b: int, earlier: list[dict],
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
            windows = [(cue.end, stop, stop), (start, cue.start, cue.start)]
        else:
            _, agents_end = self._agents(mentions, words, cue)
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

    def _modal_denied(self, words: list[str], forms: list[VerbForm | None], start: int, i: int) -> bool:
        """"قصد نداریم ... اعزام کنیم": a negated modal verb before the act denies the act."""
        for j in range(start, i):
            if modality_of(words[j]):
                for k in range(j + 1, min(i, j + 3)):
                    if forms[k] is not None:
                        return forms[k].negated
        return False

    def _owned_marker(self, words: list[str], j: int) -> bool:
        """True when the preposition at `j` belongs to another relation noun ("مبارزه با داعش")."""
        return j > 0 and (words[j - 1], words[j]) in self.owned

    def _modality(self, words: list[str], forms: list[VerbForm | None], sent: Span,
                  start: int, end: int, verb: int | None) -> str:
        window_start = start
        if start > sent.start and words[start - 1] in ("تا", "که"):
            window_start, _, _ = self.clauses.around(words, forms, sent, start - 2)
        found = {m for w in words[window_start:end] if (m := modality_of(w))}
        for modality in ("intended", "desired"):
            if modality in found:
                return modality
        if any(f is not None and f.future_auxiliary for f in forms[start:end]):
            return "future"
        return "asserted"


def _bracketed(sent: Span) -> set[int]:
    """Token indices inside [...]: an editor's insertion, not the speaker's words."""
    inside, depth = set(), 0
    for token in sent:
        if token.text == "[":
            depth += 1
        elif token.text == "]":
            depth = max(0, depth - 1)
        elif depth:
            inside.add(token.i)
    return inside


def _drop_embedded(claims: list[dict]) -> list[dict]:
    """A nominal act inside another claim's object is part of that claim ("welcomes any fight against
    terrorism" is no `fights`), unless a reason phrase makes it an act of its own."""
    def embedded(c: dict) -> bool:
        return any(o is not c and o["object_span"] and o["object_span"][0] <= c["cue_at"] < o["object_span"][1]
                   for o in claims)
    return [c for c in claims if not c["nominal"] or c["reason"] or c["time"]
            or not (c["purpose"] or embedded(c))]


def _agents_from_reasons(claims: list[dict]) -> list[dict]:
    """"We thank X for supporting Y": the act in the reason phrase is X's, not the speaker's."""
    for claim in claims:
        if not claim["reason"]:
            continue
        for frame in claims:
            targets = frame["objects"] or (frame["topic"] or {}).get("involves", [])
            if frame is not claim and frame["relation"] in PRAISE_OR_BLAME and targets \
                    and frame["tokens"][0] <= claim["tokens"][0] < frame["tokens"][1]:
                claim["subjects"] = list(targets)
                break
        claim["objects"] = [o for o in claim["objects"] if o not in claim["subjects"]]
        if not claim["objects"] and not claim["topic"]:
            claim["subjects"] = []
    return claims


def _split_parties(claims: list[dict]) -> list[dict]:
    """Listed parties give one claim each ("will meet A, B and C"); a joint act between the same
    parties (subjects equal to objects) stays one claim."""
    out = []
    for claim in claims:
        joint = set(claim["objects"]) == set(claim["subjects"])
        if joint:
            out.append(claim)
            continue
        objects = [[o] for o in claim["objects"]] or [[]]
        for subject in claim["subjects"]:
            for obj in objects:
                out.append({**claim, "subjects": [subject], "objects": obj})
    return out


def _lend_speakers(claims: list[dict]) -> list[dict]:
    """A claim in the article's voice that restates a quoted one (headline, lead) takes its speaker."""
    voiced = [c for c in claims if c["speakers"]]
    for claim in claims:
        if claim["speakers"]:
            continue
        for other in voiced:
            if other["relation"] == claim["relation"] and _targets(claim) & _targets(other):
                claim["speakers"] = list(other["speakers"])
                break
    return claims


def _targets(claim: dict) -> set[str]:
    return set(claim["objects"]) | set((claim["topic"] or {}).get("involves", []))
