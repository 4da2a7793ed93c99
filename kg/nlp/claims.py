"""Claims from a Doc: relation cues, their clause, subject, object, speaker, negation and modality."""
from __future__ import annotations


from spacy.tokens import Doc

from .appeals import appeal_claims
from .attribution import AGENT_MARKERS, Attribution
from .charges import charge_claims
from .claimset import agents_from_reasons, drop_embedded, lend_speakers, split_parties
from .clauses import Clauses, Mention, inside_quote, subordinate_opener, subordinate_start
from .cues import INFINITIVE_OPENERS, CueMatch, find_cues, modality_of, rule_starts_in, speech_verbs_in
from .discourse import Discourse
from .frames import FrameMatch, find_frames
from .kb import KnowledgeBase
from .lexicon import key_form, lexicon
from .mentions import MentionResolver
from .objects import ObjectFinder
from .tokens import Sentence, sentences, views
from .verbs import VerbForm, finite_form
from .when import day_cue_in

TALK_NOUNS = ("گفتوگو", "دیدار", "مذاکرات", "نشست", "گفتگو")
# Relations that are themselves speech acts: "X accused Y" reports X speaking.
SPEECH_ACTS = {"accuses", "criticizes", "condemns", "praises", "rejects", "denies", "warns", "threatens",
               "callsFor", "welcomes", "expressesConcern"}
# Relations whose object is somewhere else than the subject's own state.
PLACE_BOUND = {"visits", "deploysTo"}
# Kinds of entity that hold no stance and do no act: the subject of a claim is an actor.
NOT_AGENTS = {"concept", "place"}
# Relations against their object: a matter they name that harms the subject's own side is not its target.
AGAINST = {"criticizes", "condemns", "accuses", "rejects", "opposes", "warns", "threatens", "sanctions"}
MUTUAL = {"meets", "negotiatesWith", "agreesWith", "cooperatesWith", "partnersWith", "discusses"}
MAX_CLAUSES_BACK = 3
# An object that is a mere possibility is no stance ("احتمال ... را رد نکرد": did not rule out).
HEDGES = {"احتمال", "امکان"}
VERB_REACH = 8
# Nouns of impersonal light verbs: "صورت گرفت" (took place), "انجام شد" (was done).
IMPERSONAL_NOUNS = {"صورت", "انجام", "برگزار"}
EXAMPLE_WORDS = {"همچون", "مانند", "نظیر"}
QUESTION_WORDS = {"آیا", "چرا", "چگونه", "چه"}


class ClaimFinder:
    """Finds claims sentence by sentence; writes plain dicts to doc._.claims."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.clauses = Clauses()
        self.mentions = MentionResolver(self.clauses)
        self.attribution = Attribution(self.clauses)
        self.objects = ObjectFinder(self.clauses)
        self.reasons = {tuple(key_form(w) for w in r["word"].split())
                        for r in lexicon("fa/reason_words.tsv", ("word",))}

    def __call__(self, doc: Doc) -> Doc:
        words, forms = views(doc)
        ctx = Discourse(self.kb, doc._.new_entities)
        ctx.named = list(dict.fromkeys(s.kb_id_ for s in doc.spans["actors"] if ctx.is_person(s.kb_id_)))
        raw_mentions = self.mentions.by_sentence(doc)
        claims: list[dict] = []
        quote_speaker, quote_when = "", (None, None)
        for index, sent in enumerate(sentences(doc)):
            before = words[sent.start - 1] if sent.start else ""
            if not before or "\n" in before or before.isspace():
                quote_speaker = ""
            raw = raw_mentions.get(sent.start, [])
            if not raw and not speech_verbs_in(forms, sent.start, sent.end) \
                    and not rule_starts_in(words, forms, sent.start, sent.end):
                ctx.speaker = quote_speaker  # no actor, speech verb or cue: no frame and no claim
                continue
            when = day_cue_in(words, sent.start, sent.end)
            mentions = self.mentions.resolve(raw, sent, words, ctx)
            frame = self.attribution.frame(sent, words, forms, mentions, ctx, quote_speaker)
            if frame is not None:
                ctx.speaker, content = frame
                if words[sent.end - 1] == ":":
                    quote_speaker, quote_when = ctx.speaker, when
            else:
                ctx.speaker, content = quote_speaker, sent.start
                if quote_speaker and when == (None, None):
                    when = quote_when
            found = []
            for cue, frame, by_words in self._predicates(doc, sent, words, forms):
                earlier = claims + found
                claim = self._claim(doc, sent, cue, words, forms, mentions, ctx, content, earlier) if by_words else None
                how = "words"
                if (claim is None or not claim["subjects"]) and frame is not None:
                    claim = self._claim(doc, sent, cue, words, forms, mentions, ctx, content, earlier, frame)
                    how = "parse"
                if claim is not None:
                    claim["sentence"], claim["when"], claim["how"] = index, when, how
                    found.append(claim)
            if ctx.speaker and not self.clauses.conditional(words, sent):
                found += appeal_claims(doc, sent, words, forms, mentions, ctx, content, found, index, when)
                found += charge_claims(doc, sent, words, forms, mentions, ctx, content, found, index, when,
                                       self.clauses)
            claims.extend(agents_from_reasons(drop_embedded(found)))
        doc._.claims = split_parties(lend_speakers([c for c in claims if c["subjects"]]))
        return doc


    def _predicates(self, doc: Doc, sent: Sentence, words: list[str],
                    forms: list[VerbForm | None]) -> list[tuple[CueMatch, FrameMatch | None, bool]]:
        """The sentence's predicates: each relation cue found by its words (True) with its frame in the parse
        where there is one, and the frames the parse finds that no cue reached (False: a cue noun far from its
        verb, another word order)."""
        frames = {(f.cue.rule.relation, f.cue.start): f for f in find_frames(doc, sent, words, forms)}
        found = [(cue, frames.pop((cue.rule.relation, cue.start), None), True) for cue in find_cues(sent, words, forms)]
        covered = {cue.start for cue, _, _ in found} | {cue.verb for cue, _, _ in found if cue.verb is not None}
        found += [(f.cue, f, False) for f in frames.values() if f.cue.start not in covered and f.cue.verb not in covered]
        return sorted(found, key=lambda item: (item[0].start, item[0].end))

    # -- one claim --------------------------------------------------------------------------

    def _claim(self, doc: Doc, sent: Sentence, cue: CueMatch, words: list[str],
               forms: list[VerbForm | None], mentions: list[Mention], ctx: Discourse,
               content: int, earlier: list[dict], frame: FrameMatch | None = None) -> dict | None:
        start, end, kind = self.clauses.around(words, forms, sent, cue.start)
        if kind == "condition" or self._question(words, sent, start, end):
            return None
        if content > start and cue.start >= content:
            start = content
        if cue.start > sent.start and words[cue.start - 1] in INFINITIVE_OPENERS:  # "ضمن ابراز نگرانی از X، ..."
            end = next((j for j in range(cue.end, end) if words[j] in ("،", ",", "؛")), end)
        verb = cue.verb if cue.verb is not None else self._governing_verb(forms, cue.end, end)
        form = finite_form(forms, verb)
        end = max(end, (verb if verb is not None else cue.end - 1) + 1)
        if cue.passive and frame is None:
            subjects, objects, topic, object_span = self._passive_roles(words, mentions, start, cue, earlier, ctx)
        else:
            subjects, subject_end = self._frame_subject(frame, mentions, words)
            if not subjects and frame is not None and (frame.cue.verb is None or frame.passive):
                return None  # an act noun alone names its doer in its genitive, a passive in its agent
            if not subjects:
                subjects, subject_end = self._roles_subject(cue, words, forms, mentions, ctx, start, form,
                                                            content, sent)
            objects, topic, object_span = self._frame_objects(doc, frame, words, mentions, subjects, earlier, ctx)
            if not objects and topic is None:
                after_subject = max(start, subject_end) if subject_end <= cue.start else start
                objects, topic, object_span = self.objects.find(doc, cue, words, forms, mentions,
                                                                 after_subject, end, subjects, earlier, ctx)
        reason = self._after_reason(words, cue.start)
        reciprocal = object_span is not None and tuple(words[object_span[0] - 1 : object_span[0] + 1]) == ("با", "هم")
        if not reciprocal and not reason:
            objects = [o for o in objects if o not in subjects]
        mutual = cue.rule.relation != "discusses" and (cue.rule.relation in MUTUAL or (
            cue.rule.nominal and cue.verb is None and bool(self.objects.between(mentions, words, cue)[0])))
        if not objects and topic is None and mutual and len(subjects) > 1:
            objects = list(subjects)  # a talk with no topic named is a meeting; a clash "between X and Y" is mutual
        if cue.rule.relation in MUTUAL and len(subjects) > 1:
            ctx.last_parties = [ctx.state_of(k) or k for k in subjects]
        elif cue.rule.relation in MUTUAL - {"discusses"} and subjects and objects:  # "X در دیدار با Y": the two sides
            ctx.last_parties = list(dict.fromkeys(ctx.state_of(k) or k for k in subjects + objects))
        if topic is not None and cue.rule.relation in AGAINST:
            # "X criticized the withholding of X's assets by Y": the censure is of Y, X's own side is the victim
            own = {self._state(k, ctx) for k in subjects} | set(subjects)
            others = [k for k in topic["involves"] if k not in own and self._state(k, ctx) not in own]
            if others and len(others) < len(topic["involves"]):
                topic = {**topic, "involves": others}
        if topic is not None and set(topic["involves"]) <= set(subjects) and not reason:
            topic = None
        if topic is None and not objects:
            return None
        if any(w in HEDGES for w in words[start : cue.start]):
            return None
        subjects = [k for k in subjects if k not in self.kb.entities or self.kb.entities[k].kind not in NOT_AGENTS]
        if not subjects:
            return None
        if cue.rule.relation in PLACE_BOUND:  # one does not visit or send forces into one's own state
            own = {self._state(k, ctx) for k in subjects}
            objects = [k for k in objects if self._state(k, ctx) not in own]
            if not objects and topic is None:
                return None
        # an act noun takes the polarity of its clause's verb only when that verb states the act itself
        # ("دیداری صورت نگرفت"), a wish or intention to do it ("قصدی برای مذاکره نداریم") or denies it as a
        # predicate ("به معنی همکاری نیست"), not when the noun sits in a phrase of another verb ("در حمایت از ...
        # کوتاه نیامد")
        modality = self._modality(words, forms, sent, start, end, verb)
        stated = (cue.verb is not None or modality in ("intended", "desired") or (form is not None and form.past == "بود")
                  or self._impersonal(words, forms, cue, sent))
        negated = (bool(form and form.negated and stated) and not cue.rule.negative) != cue.rule.negates
        if modality in ("intended", "desired") and not negated and self._modal_denied(words, forms, start, cue.start):
            negated = True
        speaker = ctx.speaker if (cue.start >= content or ctx.speaker) else ""
        if (speaker and cue.rule.relation in SPEECH_ACTS and cue.verb is not None and len(subjects) == 1
                and subjects[0] != speaker and self.kb.entities.get(subjects[0]) is not None
                and (self._state(subjects[0], ctx) != self._state(speaker, ctx) or self._state(speaker, ctx) == speaker)
                and (form is None or form.person.startswith("3")) and content <= sent.start
                and not inside_quote(words, sent.start)):
            speaker = subjects[0]  # "X از Y خواست" in the outlet's voice: X speaks, not the side that spoke before
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

    def _state(self, key: str, ctx: Discourse) -> str:
        """The state an actor or institution stands for (itself for a state)."""
        entity = self.kb.entities.get(key)
        if entity is not None and entity.affiliation is not None:
            return entity.affiliation.key
        return ctx.state_of(key) or key

    def _frame_subject(self, frame: FrameMatch | None, mentions: list[Mention],
                       words: list[str]) -> tuple[list[str], int]:
        """The actors of the subject the parse gives the predicate, and where that subject ends."""
        if frame is None or frame.subject is None:
            return [], 0
        subjects, end = self.clauses.subject(mentions, words, *frame.subject)
        return subjects, end

    def _frame_objects(self, doc: Doc, frame: FrameMatch | None, words: list[str], mentions: list[Mention],
                       subjects: list[str], earlier: list[dict], ctx: Discourse
                       ) -> tuple[list[str], dict | None, tuple[int, int] | None]:
        """Object keys or topic of the first marked argument the parse gives that names someone."""
        for span in frame.objects if frame is not None else ():
            keys, topic = self.objects.phrase_object(doc, frame.cue, words, mentions, span, subjects, earlier, ctx)
            if keys or topic is not None:
                return keys, topic, span
        return [], None, None

    def _question(self, words: list[str], sent: Sentence, start: int, end: int) -> bool:
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

    def _governing_verb(self, forms: list[VerbForm | None], i: int, end: int) -> int | None:
        for j in range(i, end):
            if forms[j] is not None and not forms[j].future_auxiliary:
                return j
        return None

    def _roles_subject(self, cue: CueMatch, words: list[str], forms: list[VerbForm | None],
                       mentions: list[Mention], ctx: Discourse, start: int, form: VerbForm | None,
                       content: int, sent: Sentence) -> tuple[list[str], int]:
        """Subject keys and the index where the subject phrase ends."""
        if cue.rule.nominal and cue.verb is None and cue.rule.markers:
            parties, parties_end = self.objects.between(mentions, words, cue)
            if parties:
                return parties, parties_end
            agents, agents_end = self.objects.agents(mentions, words, cue)
            if agents:
                return agents, agents_end
        if cue.rule.markers == (("pred",),):
            return self._believer(words, forms, ctx, start, sent), start
        first = max(start, self.clauses.preamble_end(words, sent))
        subjects, subject_end = self.clauses.subject(mentions, words, first, subordinate_start(words, first, cue.start))
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
                          sent: Sentence, start: int) -> list[str]:
        """The subject of the clause before, when this one continues it after و or ، (pro-drop)."""
        for _ in range(MAX_CLAUSES_BACK):
            if start - 1 <= sent.start or words[start - 1] not in ("و", "،"):
                return []
            before, _, kind = self.clauses.around(words, forms, sent, start - 2)
            if kind == "condition":
                return []
            opener = subordinate_opener(words, before, sent.start)
            if opener is not None:  # the clause before is what X said "با بیان اینکه": X is the subject
                before = self.clauses.around(words, forms, sent, opener)[0]
                end = opener
            else:
                end = subordinate_start(words, before, start - 1)
            subjects, _ = self.clauses.subject(mentions, words, before, end)
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
            patients = self.objects.anaphoric(words, start, head, earlier, ctx)
        return agents, patients, None, (start, head)


    def _impersonal(self, words: list[str], forms: list[VerbForm | None], cue: CueMatch, sent: Sentence) -> bool:
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
                  start: int, sent: Sentence) -> list[str]:
        """Who holds a predicate ("X is legal") true: the person of the verb that embeds it."""
        for j in range(start - 1, sent.start - 1, -1):
            f = forms[j]
            if f is not None and f.past == "بود" and f.person == "1pl" or (f is not None and f.person == "1pl"):
                return ctx.resolve_pronoun("we")
            if f is not None and f.person == "1sg":
                return ctx.resolve_pronoun("speaker")
        return [ctx.speaker] if ctx.speaker else []


    def _modal_denied(self, words: list[str], forms: list[VerbForm | None], start: int, i: int) -> bool:
        """"قصد نداریم ... اعزام کنیم": a negated modal verb before the act denies the act."""
        for j in range(start, i):
            if modality_of(words[j]):
                for k in range(j + 1, min(i, j + 3)):
                    if forms[k] is not None:
                        return forms[k].negated
        return False


    def _modality(self, words: list[str], forms: list[VerbForm | None], sent: Sentence,
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
