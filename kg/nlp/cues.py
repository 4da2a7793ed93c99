"""Match relation cues, speech verbs and modality words (lexicons under kg/data/fa) in a sentence."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count


from .lexicon import key_form, lexicon, word_list
from .tokens import LastDoc, Sentence
from .verbs import VerbForm, analyse, finite_form

# Suffixes a cue noun may carry: indefinite, plural, possessive ("محوری", "دیدارمان").
SUFFIXES = ("", "ی", "ای", "ها", "های", "هایی", "مان", "هایمان", "ش", "شان", "ات", "یم", "هایش",
            "هایشان", "ام", "ایم", "اند")


@dataclass(frozen=True)
class CueRule:
    """One row of relation_cues.tsv."""

    relation: str
    words: tuple[str, ...]
    stems: frozenset[str]
    markers: tuple[tuple[str, ...], ...]
    required: tuple[str, ...]
    nominal: bool
    negative: bool
    negates: bool
    gap: int


@dataclass(frozen=True)
class CueMatch:
    """A cue found in a sentence: token indices are relative to the Doc."""

    rule: CueRule
    start: int
    end: int
    verb: int | None
    form: VerbForm | None
    passive: bool = False


# A light verb at most this far from its noun belongs to no other cue noun in between.
SHORT_GAP = 4
# What follows a finite verb: Persian verbs end their clause ("خواست طالبان" is a noun phrase).
CLAUSE_FINAL = {".", "،", ":", "؛", "!", "؟", "»", "و", "که", "تا", "اما", ")", "؟"}


def _words(text: str) -> tuple[str, ...]:
    return tuple(key_form(w) for w in text.split())


@lru_cache(maxsize=1)
def relation_rules() -> tuple[CueRule, ...]:
    """The relation cue rules, from kg/data/fa/relation_cues.tsv."""
    rows = lexicon("fa/relation_cues.tsv",
                   ("relation", "cue", "stems", "object", "nominal", "polarity", "gap"))
    rules = []
    for r in rows:
        stems = frozenset() if r["stems"] in ("", "-") else frozenset(stem_pasts(r["stems"]))
        cells = r["object"].split("|") if r["object"] not in ("", "-") else []
        markers = tuple(_words(m.rstrip("!")) for m in cells)
        required = tuple(key_form(m.rstrip("!")) for m in cells if m.endswith("!"))
        rules.append(CueRule(r["relation"], _words(r["cue"]), stems, markers, required,
                             r["nominal"] == "yes", r["polarity"] == "neg",
                             r["polarity"] == "negates", int(r["gap"] or 2)))
    return tuple(rules)


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def cue_nouns() -> dict[str, frozenset[tuple[str, ...]]]:
    """The nominal cues by their last word: a light verb after a whole one belongs to it."""
    by_last: dict[str, set[tuple[str, ...]]] = {}
    for r in relation_rules():
        if r.words:
            by_last.setdefault(r.words[-1], set()).add(r.words)
    return {last: frozenset(cues) for last, cues in by_last.items()}


def _cue_ends_at(words: list[str], j: int) -> bool:
    """Whether a whole nominal cue ends at word `j` ("روابط عمیق", not "عمیق" alone)."""
    return any(tuple(words[j - len(cue) + 1 : j + 1]) == cue for cue in cue_nouns().get(words[j], ()))


def stem_pasts(stems: str) -> set[str]:
    """Past stems named by a `past|present|...` cell (present stems map to their past)."""
    out = set()
    for s in stems.split("|"):
        form = analyse(s + "یم") or analyse(s)
        out.add(form.past if form is not None else s)
    return out


SPEECH_COLUMNS = ("cue", "stems", "gloss", "before")


@lru_cache(maxsize=1)
def speech_rules() -> tuple[tuple[tuple[str, ...], frozenset[str]], ...]:
    """Speech verbs as (cue words, past stems), from kg/data/fa/speech_verbs.tsv."""
    rows = lexicon("fa/speech_verbs.tsv", SPEECH_COLUMNS)
    return tuple((_words(r["cue"]), frozenset(stem_pasts(r["stems"]))) for r in rows)


@lru_cache(maxsize=1)
def content_before() -> dict[tuple[str, ...], str]:
    """Speech constructions whose content may stand before the verb, and the preposition opening it
    ("تاکید کرد" -> "بر"), from the `before` column of kg/data/fa/speech_verbs.tsv."""
    return {_words(r["cue"]): key_form(r["before"]) for r in lexicon("fa/speech_verbs.tsv", SPEECH_COLUMNS)
            if r["before"]}


_speech_verbs: LastDoc[list[int]] = LastDoc()


def speech_verbs_in(forms: list[VerbForm | None], start: int, end: int) -> list[int]:
    """Tokens in [start, end) whose verb stem is a speech verb's (found once per Doc `forms` view)."""
    stems = _speech_cues_by_stem()
    found = _speech_verbs.get(forms, lambda: [j for j in compress(count(), forms) if forms[j].past in stems])
    return found[bisect_left(found, start) : bisect_left(found, end)]


@lru_cache(maxsize=1)
def modality_words() -> dict[str, str]:
    """Modality cue words (key form) -> modality."""
    return {key_form(r["word"]): r["modality"]
            for r in lexicon("fa/modality_cues.tsv", ("word", "modality"))}


def modality_of(word: str) -> str:
    """The modality a word signals, allowing the suffixes cue nouns take ("قصدی", "آماده‌ایم")."""
    cues = modality_words()
    if word in cues:
        return cues[word]
    for suffix in SUFFIXES[1:]:
        if word.endswith(suffix) and word[: -len(suffix)] in cues:
            return cues[word[: -len(suffix)]]
    return ""


def prepositions() -> frozenset[str]:
    """Prepositions in key form."""
    return word_list("fa/prepositions.txt")


_SUFFIX_SET = frozenset(SUFFIXES) | {""}


def _cue_at(words: list[str], i: int, cue: tuple[str, ...]) -> int:
    """End index when `cue` (its last word with an optional suffix) starts at `i`, else -1."""
    n = len(cue)
    if i + n > len(words) or tuple(words[i : i + n - 1]) != cue[:-1]:
        return -1
    last, head = words[i + n - 1], cue[-1]
    if last != head and last in not_cues():
        return -1
    return i + n if last.startswith(head) and last[len(head):] in _SUFFIX_SET else -1


def not_cues() -> frozenset[str]:
    """Words that look like a cue with a suffix but are other words ("مجازات" is not "مجاز" + ات)."""
    return word_list("fa/not_cues.txt")


def _verb_after(words: list[str], forms: list[VerbForm | None], end: int, stop: int,
                stems: frozenset[str], gap: int) -> int | None:
    for j in range(end, min(stop, end + gap + 1)):
        if words[j] in (":", ".", "؟", "!") or (gap <= SHORT_GAP and _cue_ends_at(words, j)):
            return None
        f = forms[j]
        if f is not None and f.past in stems:
            return j
    return None


# "ضمن محکوم کردن X، ..." / "ضمن ابراز خرسندی از X": an act after ضمن / با is done by the main clause's subject.
INFINITIVE_OPENERS = ("ضمن", "با")


def _adverbial_infinitive(words: list[str], i: int, end: int, sent: Sentence, stems: frozenset[str]) -> int | None:
    """The infinitive of the cue's light verb right after it, in a "ضمن / با ..." phrase ("ضمن محکوم کردن")."""
    if end < sent.end and words[end][:-1] in stems and words[end].endswith("ن") \
            and sent.start < i and words[i - 1] in INFINITIVE_OPENERS:
        return end
    return None


def _passive(words: list[str], forms: list[VerbForm | None], i: int, end: int, stop: int) -> bool:
    """"مورد استقبال قرار گرفت": the act is done to the clause's subject (by "از سوی X")."""
    return (i > 0 and words[i - 1] == "مورد" and end + 1 < stop and words[end] == "قرار"
            and forms[end + 1] is not None and forms[end + 1].past == "گرفت")


@lru_cache(maxsize=1)
def rule_index() -> tuple[dict[str, tuple[CueRule, ...]], dict[str, tuple[CueRule, ...]]]:
    """Rules by the surface forms their first word can take, and verb-only rules by past stem."""
    by_word: dict[str, list[CueRule]] = {}
    by_stem: dict[str, list[CueRule]] = {}
    for rule in relation_rules():
        if not rule.words:
            for stem in rule.stems:
                by_stem.setdefault(stem, []).append(rule)
            continue
        forms = [rule.words[0] + suffix for suffix in SUFFIXES] if len(rule.words) == 1 else [rule.words[0]]
        for form in forms:
            by_word.setdefault(form, []).append(rule)
    return ({k: tuple(v) for k, v in by_word.items()}, {k: tuple(v) for k, v in by_stem.items()})


@lru_cache(maxsize=1)
def _openings() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """The word forms one-word rules can be, and the first two word forms of longer rules."""
    singles: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for rule in relation_rules():
        if len(rule.words) == 1:
            singles.update(rule.words[0] + suffix for suffix in SUFFIXES)
        elif len(rule.words) == 2:  # the last word may take a suffix
            pairs.update((rule.words[0], rule.words[1] + suffix) for suffix in SUFFIXES)
        elif rule.words:
            pairs.add(rule.words[:2])
    return frozenset(singles), frozenset(pairs)


_rule_starts: LastDoc[list[int]] = LastDoc()


def _positions(words: list[str], forms: list[VerbForm | None]) -> list[int]:
    """Tokens a rule may start at (its first words or its verb's stem), for the Doc `words` views."""
    return _rule_starts.get(words, lambda: _find_positions(words, forms))


def _find_positions(words: list[str], forms: list[VerbForm | None]) -> list[int]:
    by_stem = rule_index()[1]
    singles, pairs = _openings()
    firsts = frozenset(first for first, _ in pairs)
    # compress/map run in C: most tokens are no candidate and cost no Python step
    found = set(compress(count(), map(singles.__contains__, words)))
    found.update(i for i in compress(count(), map(firsts.__contains__, words))
                 if i + 1 < len(words) and (words[i], words[i + 1]) in pairs)
    found.update(i for i in compress(count(), forms) if forms[i].past in by_stem)
    return sorted(found)


def _candidates(words: list[str], forms: list[VerbForm | None],
                positions: list[int]) -> Iterator[tuple[int, CueRule]]:
    """(token, rule) for every rule whose first word or verb stem is at one of `positions`."""
    by_word, by_stem = rule_index()
    for i in positions:
        rules = by_word.get(words[i], ())
        f = forms[i]
        if f is not None and f.past in by_stem:
            rules += by_stem[f.past]
        for rule in rules:
            yield i, rule


def rule_starts_in(words: list[str], forms: list[VerbForm | None], start: int, end: int) -> list[int]:
    """Tokens in [start, end) a relation rule may start at."""
    positions = _positions(words, forms)
    return positions[bisect_left(positions, start) : bisect_left(positions, end)]


def find_cues(sent: Sentence, words: list[str], forms: list[VerbForm | None]) -> list[CueMatch]:
    """Relation cues in a sentence, a negative-polarity reading winning over the plain one."""
    starts = rule_starts_in(words, forms, sent.start, sent.end)
    if not starts:
        return []
    found: dict[tuple[int, int], list[CueMatch]] = {}
    for i, rule in _candidates(words, forms, starts):
        if rule.words:
            end = _cue_at(words, i, rule.words)
            if end < 0:
                continue
            verb = _verb_after(words, forms, end, sent.end, rule.stems, rule.gap) if rule.stems else None
            if verb is None and rule.stems:
                verb = _adverbial_infinitive(words, i, end, sent, rule.stems)
            passive = verb is None and _passive(words, forms, i, end, sent.end)
            if passive:
                verb = end + 1
            # "ضمن ابراز نگرانی از X، ...": an act named after ضمن / با is the main clause subject's
            if verb is None and not rule.nominal and not (sent.start < i and words[i - 1] in INFINITIVE_OPENERS):
                continue
        else:
            passive = False
            f = forms[i]
            if f is None or f.past not in rule.stems or f.future_auxiliary:
                continue
            if not f.imperfective and i + 1 < sent.end and words[i + 1] not in CLAUSE_FINAL \
                    and "از" not in words[max(sent.start, i - 3) : i]:
                continue
            end, verb = i + 1, i
        form = finite_form(forms, verb)
        if rule.negative and (form is None or not form.negated):
            continue
        found.setdefault((i, verb if verb is not None else -1), []).append(
            CueMatch(rule, i, end, verb, form, passive))
    out, seen = [], set()
    for matches in found.values():
        negative = [m for m in matches if m.rule.negative]
        for m in negative or matches:
            if (m.rule.relation, m.start, m.verb) not in seen:
                seen.add((m.rule.relation, m.start, m.verb))
                out.append(m)
    # a reading without a verb gives way to one with its verb at the same place ("ضمن محکوم کردن")
    verbal = {(m.rule.relation, m.start) for m in out if m.verb is not None}
    out = [m for m in out if m.verb is not None or m.rule.nominal or (m.rule.relation, m.start) not in verbal]
    # a cue inside a longer one of the same relation is part of it ("نگرانی" in "ابراز نگرانی")
    out = [m for m in out if not any(n.rule.relation == m.rule.relation and n.start <= m.start and m.end <= n.end
                                     and n.end - n.start > m.end - m.start for n in out)]
    out.sort(key=lambda m: (m.start, m.end))
    return out


def is_speech_verb(words: list[str], forms: list[VerbForm | None], j: int) -> int | None:
    """Start index of the speech-verb construction whose verb is token `j`, else None."""
    f = forms[j]
    if f is None:
        return None
    for cue in _speech_cues_by_stem().get(f.past, ()):
        if not cue:
            if words[j] != "است" and f.past != "بود":
                return j
            continue
        n = len(cue)
        if j - n >= 0 and tuple(words[j - n : j]) == cue:
            return j - n
    return None


@lru_cache(maxsize=1)
def _speech_cues_by_stem() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The cue words of the speech rules of each past stem, in file order."""
    by_stem: dict[str, list[tuple[str, ...]]] = {}
    for cue, stems in speech_rules():
        for stem in stems:
            by_stem.setdefault(stem, []).append(cue)
    return {stem: tuple(cues) for stem, cues in by_stem.items()}
