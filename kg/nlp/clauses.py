"""Clause structure of a Persian sentence: clause bounds, the subject phrase, object phrase ends."""
from __future__ import annotations

from dataclasses import dataclass


from .cues import CLAUSE_FINAL, modality_words, prepositions, relation_rules, speech_rules
from .lexicon import is_word, key_form, lexicon, word_list
from .tokens import Sentence
from .verbs import VerbForm

HARD_STOPS = {":", ".", "؟", "!", "؛"}
# Prepositions that open a complement inside a noun phrase ("بازگشت سوریه به اتحادیه عرب").
INNER_PREPOSITIONS = {"به", "از", "میان", "بین", "در", "علیه", "با", "ضد", "نزد"}
# Words in front of a subject that do not stop it being the clause's subject.
MAX_LEAD = 2
MAX_APPOSITION = 10
MAX_RELATIVE = 12
QUOTE_MARKS = {"«", "»", '"'}
PREAMBLES = (["به", "گزارش"], ["به", "نقل"], ["بنا", "بر"], ["به", "نوشته"])
# Compound prepositions of time that open a fronted adverbial phrase ("پیش از سخنان X، ...").
ADVERBIAL_OPENERS = (["پیش", "از"], ["پس", "از"], ["قبل", "از"], ["بعد", "از"])
MAX_ADVERBIAL = 10  # words a fronted adverbial phrase may take before its comma


def _finite(form: VerbForm | None) -> bool:
    """A verb form that ends a phrase (an inflected or imperfective verb, not a bare stem)."""
    return form is not None and (form.imperfective or form.negated or form.person != "3sg"
                                 or form.tense == "perfect" or form.future_auxiliary)


@dataclass
class Mention:
    """An actor reference in the text and the keys it resolves to."""

    start: int
    end: int
    keys: list[str]
    how: str


class Clauses:
    """Clause-level helpers driven by the clause-word, preposition and function-word lexicons."""

    def __init__(self) -> None:
        rows = lexicon("fa/clause_words.tsv", ("word", "kind"))
        kinds = {tuple(key_form(w) for w in r["word"].split()): r["kind"] for r in rows}
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # in file order
        for phrase, kind in kinds.items():
            self._by_first.setdefault(phrase[0], []).append((phrase, kind))
        self.preps = prepositions()
        self.function_words = word_list("fa/function_words.txt")
        self.verbal_nouns = {w for rule in relation_rules() for w in rule.words[-1:]}
        self.verbal_nouns |= {w for cue, _ in speech_rules() for w in cue[-1:]} | set(modality_words())

    def opens(self, words: list[str], j: int) -> tuple[int, str] | None:
        """(length, kind) of a clause word starting at token `j`."""
        if j >= len(words):
            return None
        for phrase, kind in self._by_first.get(words[j], ()):
            if len(phrase) == 1 or tuple(words[j : j + len(phrase)]) == phrase:
                return len(phrase), kind
        return None

    def around(self, words: list[str], forms: list[VerbForm | None], sent: Sentence,
               i: int) -> tuple[int, int, str]:
        """(start, end, kind of the opening word) of the clause around token `i`."""
        start, kind = sent.start, ""
        skip_to = None
        for j in range(i - 1, sent.start - 1, -1):
            if skip_to is not None:
                if j >= skip_to:
                    continue
                skip_to = None
            w = words[j]
            if w in HARD_STOPS:
                start = j + 1
                break
            opened = self.opens(words, j)
            if opened and opened[1] != "time":
                start, kind = j + opened[0], opened[1]
                break
            if w in ("و", "،") and j > sent.start and forms[j - 1] is not None:
                relative = self._relative_start(words, forms, sent.start, j - 1)
                if relative is None:
                    start = j + 1
                    break
                skip_to = relative
        end = sent.end
        for j in range(i + 1, sent.end):
            opened = self.opens(words, j)
            if words[j] in HARD_STOPS or (opened and opened[1] != "time"):
                end = j
                break
            if words[j] in ("و", "،") and forms[j - 1] is not None:
                end = j
                break
        return start, end, kind

    def _relative_start(self, words: list[str], forms: list[VerbForm | None], lo: int, verb: int) -> int | None:
        """Start of a relative clause ("توافقی که فاجعه بود،") ending at `verb`, which the main clause
        continues after; None when the clause before `verb` is a clause of its own."""
        for j in range(verb - 1, max(lo, verb - MAX_RELATIVE) - 1, -1):
            if words[j] == "که":
                head = j - 1
                return j if head >= lo and forms[head] is None and words[head] not in HARD_STOPS else None
            if words[j] in HARD_STOPS or words[j] in ("و", "،") or forms[j] is not None:
                return None
        return None

    def phrase_end(self, words: list[str], forms: list[VerbForm | None], k: int, hi: int,
                   topic: bool = False) -> int:
        """Where an object phrase starting at `k` ends: a verb, a preposition, a clause word or `hi`."""
        for n in range(k, hi):
            opened = self.opens(words, n)
            if opened and topic and words[n] == "که":
                opened = None
            if words[n] in HARD_STOPS or opened or self._verb_at(words, forms, n, hi):
                return n
            if n + 1 < hi and self._verb_at(words, forms, n + 1, hi) and words[n] in self.verbal_nouns:
                return n
            if topic:
                continue
            if words[n] in self.preps and words[n] not in INNER_PREPOSITIONS \
                    and not (n + 1 < hi and words[n + 1] == "ضد"):
                return n
            if words[n] in INNER_PREPOSITIONS and n + 1 < hi and words[n + 1] in ("خاطر", "دلیل", "علت"):
                return n
        return hi

    def _verb_at(self, words: list[str], forms: list[VerbForm | None], n: int, hi: int) -> bool:
        """True when token `n` is a finite verb (a bare 3sg past only when its clause ends there)."""
        return _finite(forms[n]) or (forms[n] is not None and (n + 1 >= hi or words[n + 1] in CLAUSE_FINAL))

    def subject(self, mentions: list, words: list[str], start: int, end: int) -> tuple[list[str], int]:
        """Keys of the clause subject (leading mentions in [start, end) not governed by a preposition)."""
        keys: list[str] = []
        last_end = None
        for m in mentions:
            if not (start <= m.start < end):
                continue
            if last_end is not None:
                between = [w for w in words[last_end : m.start] if w not in QUOTE_MARKS]
                if m.how == "title" and set(m.keys) <= set(keys) and not between:
                    last_end = self._apposition_end(words, m.end, end)
                    continue
                if between and all(w in ("و", "،") for w in between):
                    keys += m.keys
                    last_end = m.end
                    continue
                break
            lead = [w for w in words[start : m.start] if w not in self.function_words and is_word(w)]
            if len(lead) > MAX_LEAD or self._inside_phrase(words, start, m.start):
                break
            governed = m.start > start and words[m.start - 1] in self.preps
            marked = m.end < len(words) and words[m.end] == "را"
            if governed or marked:
                continue
            keys += m.keys
            last_end = m.end
        return list(dict.fromkeys(keys)), (last_end if last_end is not None else start)

    def _apposition_end(self, words: list[str], i: int, end: int) -> int:
        """Where the complement of an appositive title ends: before the و or ، that joins the next party."""
        for j in range(i, min(end, i + MAX_APPOSITION)):
            if words[j] in HARD_STOPS:
                return i
            if words[j] in ("و", "،"):
                return j
        return i

    def _inside_phrase(self, words: list[str], start: int, i: int) -> bool:
        """True when token `i` is inside a prepositional phrase opened after `start`.

        A bare plural in -ها takes no ezafe, so it closes the phrase ("در طی این سال‌ها دولت افغانستان")."""
        for j in range(i - 1, start - 1, -1):
            if words[j] in self.preps:
                return True
            if words[j] == "،" or (words[j].endswith("ها") and j < i - 1):
                return False
        return False

    def preamble_end(self, words: list[str], sent: Sentence) -> int:
        """Skip "به گزارش X، به نقل از Y،" at the start of a sentence, and a fronted adverbial phrase closed by a
        comma ("پیش از سخنان X، ...", "در دیدار با X، ..."): the clause's subject stands after them."""
        i = sent.start
        if words[i : i + 2] in PREAMBLES:
            for j in range(i, sent.end):
                if words[j] == "،" and words[j + 1 : j + 3] not in PREAMBLES:
                    i = j + 1
                    break
        if i < sent.end and (words[i] in self.preps or words[i : i + 2] in ADVERBIAL_OPENERS):
            for j in range(i + 1, min(sent.end, i + MAX_ADVERBIAL + 1)):
                if words[j] in HARD_STOPS or words[j] in (":", "«"):
                    break
                if words[j] == "،":
                    return j + 1
        return i

    def conditional(self, words: list[str], sent: Sentence) -> bool:
        """True when the sentence states a condition (چنانچه، اگر، به شرط آنکه)."""
        for j in range(sent.start, sent.end):
            opened = self.opens(words, j)
            if opened and opened[1] == "condition":
                return True
        return False


# "X با بیان اینکه Y ...، Z کرد": a clause opened by "با / ضمن / بدون" + a noun or two + "اینکه" is said of
# X, whose own verb follows it; Y is not X.
SUBORDINATORS = {"با", "ضمن", "بدون"}
THAT = {"اینکه", "آنکه"}


def subordinate_start(words: list[str], start: int, end: int) -> int:
    """Where a subordinate "با بیان اینکه ..." clause begins in [start, end), else `end`."""
    for i in range(start, end):
        if words[i] in THAT or (words[i] in ("این", "آن") and i + 1 < end and words[i + 1] == "که"):
            opener = next((j for j in range(i - 1, max(start, i - 4) - 1, -1) if words[j] in SUBORDINATORS), None)
            if opener is not None:
                return opener
    return end


def subordinate_opener(words: list[str], clause: int, stop: int) -> int | None:
    """The "با / ضمن" of a "با بیان اینکه" that opens the clause starting at `clause`, if one does."""
    that = clause - 1 if clause - 1 >= stop and words[clause - 1] in THAT else None
    if that is None and clause - 2 >= stop and words[clause - 2 : clause] in (["این", "که"], ["آن", "که"]):
        that = clause - 2
    if that is None:
        return None
    return next((j for j in range(that - 1, max(stop, that - 4) - 1, -1) if words[j] in SUBORDINATORS), None)


def inside_quote(words: list[str], i: int) -> bool:
    """Whether word `i` stands inside «...» opened earlier in its paragraph."""
    for j in range(i - 1, -1, -1):
        if words[j] == "«":
            return True
        if words[j] == "»" or "\n" in words[j]:
            return False
    return False
