"""Attribution: the speech frame of a sentence ("X گفت:", "به گفته X", "X: ...") and its speaker."""
from __future__ import annotations


from .clauses import HARD_STOPS, Clauses, Mention
from .cues import content_before, is_speech_verb, speech_verbs_in
from .discourse import Discourse
from .lexicon import word_list
from .tokens import Sentence
from .verbs import VerbForm

AUXILIARIES = ("بود", "است", "شد", "بودند", "اند")
# Words after "گفت،" that go on with the frame's own sentence rather than open what was said.
COMMA_CONJUNCTIONS = frozenset({"و", "اما", "ولی", "که", "تا", "سپس", "همچنین"})
# Phrases naming an agent: "از سوی کاخ الیزه" (by the Élysée).
AGENT_MARKERS = (("از", "سوی"), ("از", "طرف"), ("توسط",), ("به", "دست"))


class Attribution:
    """Finds who speaks in a sentence, and where the spoken content starts."""

    def __init__(self, clauses: Clauses) -> None:
        self.clauses = clauses

    def frame(self, sent: Sentence, words: list[str], forms: list[VerbForm | None],
               mentions: list[Mention], ctx: Discourse, quote_speaker: str) -> tuple[str, int] | None:
        """(speaker, index where the content starts) of a speech frame in `sent`."""
        for j, start, k in self._frames(sent, words, forms):
            first = self.clauses.preamble_end(words, sent)
            subject, _ = self.clauses.subject(mentions, words, first, start)
            lead = next((m for m in mentions if first <= m.start < start), None)
            if lead is not None and lead.how in ("pronoun:we", "pronoun:speaker") and quote_speaker:
                subject = [quote_speaker]
            elif lead is not None and lead.how == "pronoun:last-person" and ctx.is_person(ctx.speaker) \
                    and _continues(words, forms, lead.end, start, j):
                subject = [ctx.speaker]  # "وی افزود": the speaker goes on, whoever he named in between
            if not subject:
                subject = [m.keys[0] for m in mentions if first <= m.start < start
                           and any(tuple(words[m.start - len(a) : m.start]) == a for a in AGENT_MARKERS)]
            speaker = subject[0] if subject else (ctx.speaker or ctx.last_person)
            if subject and ctx.speaks_for(ctx.speaker, speaker):
                speaker = ctx.speaker  # "the Kremlin says" after its spokesman was quoted: he goes on
            if speaker and not ctx.is_person(speaker) and not ctx.state_of(speaker) and not subject:
                speaker = ""
            addressee = [m.keys[0] for m in mentions if sent.start < m.start < start
                         and words[m.start - 1] == "با" and m.keys[0] != speaker]
            if addressee:
                ctx.addressee = addressee[0]
            elif speaker and speaker == ctx.addressee and ctx.speaker:
                ctx.addressee = ctx.speaker
            if k < start:
                return speaker, k
            return speaker, k + (1 if k < sent.end and words[k] in (":", "که", "،") else 0)
        for m in mentions:
            if m.start >= sent.start + 2 and words[m.start - 2 : m.start] == ["به", "گفته"]:
                return m.keys[0], sent.start
        headline = [m for m in mentions if m.start <= sent.start + 1 and m.end < sent.end and words[m.end] == ":"]
        if headline:
            return headline[0].keys[0], headline[0].end + 1
        return None

    def _frames(self, sent: Sentence, words: list[str], forms: list[VerbForm | None]) -> list[tuple[int, int, int]]:
        """(verb, construction start, first word after it) of the speech verbs that open content: those
        followed by ":", "که", "«" or a condition first, then the first one followed straight by its clause
        ("گفت آمریکا ...")."""
        marked, open_frames, stressed = [], [], []
        for j in speech_verbs_in(forms, sent.start, sent.end):
            start = is_speech_verb(words, forms, j)
            if start is None:
                continue
            k = j + 1
            while k < sent.end and words[k] in AUXILIARIES:
                k += 1
            after = words[k] if k < sent.end else ":"
            if after in (":", "که", "«") or self._opens_condition(words, k) or self._comma_opens(words, k, sent):
                marked.append((j, start, k))
            elif (after not in HARD_STOPS and after not in ("و", "،", "تا") and forms[j] is not None
                  and not (start > sent.start and words[start - 1] == "به")):  # "به گفته / به نوشته X"
                open_frames.append((j, start, k))
            elif (before := content_before().get(tuple(words[start:j]))) \
                    and (on := _content_on(words, before, sent.start, start)) is not None:
                stressed.append((j, start, on))  # "X بر ... تاکید کرد": the content stands before the verb
        return marked + open_frames[:1] + stressed[:1]

    def _comma_opens(self, words: list[str], k: int, sent: Sentence) -> bool:
        """"X اعلام کرد، Y ...": a comma after the speech verb opens its content, unless a conjunction follows."""
        return (k + 1 < sent.end and words[k] == "،" and words[k + 1] not in COMMA_CONJUNCTIONS
                and words[k + 1] not in HARD_STOPS)

    def _opens_condition(self, words: list[str], k: int) -> bool:
        opened = self.clauses.opens(words, k)
        return opened is not None and opened[1] == "condition"


def _continues(words: list[str], forms: list[VerbForm | None], after: int, start: int, verb: int) -> bool:
    """Whether the speech construction [start, verb], its subject ending at `after`, goes on with the previous
    speaker ("وی افزود", "وی ادامه داد", "وی همچنین گفت")."""
    marks = word_list("fa/continuations.txt")
    form = forms[verb]
    spoken = " ".join(words[start:verb] + [form.past if form is not None else words[verb]])
    return spoken in marks or (form is not None and form.past in marks) or any(w in marks for w in words[after:verb])


def _content_on(words: list[str], marker: str, lo: int, start: int) -> int | None:
    """The first word after the `marker` ("بر") that a speech verb's content opens with ("بر لزوم ... تاکید کرد")."""
    for i in range(start - 1, lo, -1):
        if words[i] in HARD_STOPS:
            return None
        if words[i] == marker:
            return i + 1
    return None
