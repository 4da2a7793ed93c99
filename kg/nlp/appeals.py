"""Appeals: a speaker saying what another party must, must not or should do ("طالبان باید ... متوقف کنند",
"امیدواریم کره جنوبی ... جبران کند"). The modal word and the clause it governs are found; the party is
the subject of that clause, the relation and modality come from `fa/appeals.tsv`."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from .clauses import Mention
from .discourse import Discourse
from .frames import CLAUSE_DEPS, SUBJECT_DEPS, parsed
from .lexicon import key_form, lexicon
from .tokens import Sentence
from .verbs import VerbForm

REACH = 12  # the furthest a governed verb stands from its modal word
# Copula clitics the tokenizer splits off ("امیدواریم" -> "امیدوار" + "یم").
CLITICS = ("م", "یم")


@dataclass(frozen=True)
class Appeal:
    """A modal word at `at`, the verb it governs, the parties its clause names, what it means."""

    at: int
    verb: int
    parties: tuple[Mention, ...]
    relation: str
    modality: str


@lru_cache(maxsize=1)
def appeal_words() -> dict[tuple[str, ...], tuple[str, str]]:
    """Modal words and phrases (key-form words) -> (relation, modality), from kg/data/fa/appeals.tsv."""
    return {tuple(key_form(w) for w in r["word"].split()): (r["relation"], r["modality"])
            for r in lexicon("fa/appeals.tsv", ("word", "relation", "modality"))}


def _longest(table: dict[tuple[str, ...], tuple[str, str]], words: list[str], i: int, end: int) -> int:
    """How many words of the longest modal phrase start at `i` (0 when none); a copula clitic the tokenizer split
    off ("امیدوار" + "یم") joins the word before it."""
    for n in sorted({len(k) for k in table}, reverse=True):
        if i + n > end:
            continue
        phrase = tuple(words[i : i + n])
        if phrase in table:
            return n
        if i + n < end and words[i + n] in CLITICS and phrase[:-1] + (phrase[-1] + words[i + n],) in table:
            return n + 1
    return 0


def _meaning(table: dict[tuple[str, ...], tuple[str, str]], words: list[str], i: int, n: int) -> tuple[str, str]:
    phrase = tuple(words[i : i + n])
    return table.get(phrase) or table[phrase[:-2] + (phrase[-2] + phrase[-1],)]


def find_appeals(doc: Doc, sent: Sentence, words: list[str], forms: list[VerbForm | None],
                 mentions: list[Mention], content: int) -> list[Appeal]:
    """The appeals in the reported part of a sentence (from `content` on)."""
    table = appeal_words()
    found = []
    i = max(sent.start, content)
    while i < sent.end:
        n = _longest(table, words, i, sent.end)
        if not n:
            i += 1
            continue
        tokens = tuple(range(i, i + n))
        verb = _governed_verb(doc, tokens, sent, forms)
        if verb is not None:
            # "the two sides must ..." speaks to both parties of a talk at once, not to one party
            parties = [m for m in _parties(doc, tokens, verb, sent, mentions, words) if m.how != "pronoun:pair"]
            if parties:
                found.append(Appeal(i, verb, tuple(parties), *_meaning(table, words, i, n)))
        i += n
    return found


def _governed_verb(doc: Doc, tokens: tuple[int, ...], sent: Sentence, forms: list[VerbForm | None]) -> int | None:
    """The verb the modal word (its tokens) governs: in the parse, the clause it heads ("امیدواریم [که ...]") or
    the verb it is the auxiliary of ("باید [متوقف کنند]"); else the next verb form after it."""
    i = tokens[-1]
    if parsed(doc):
        clause = next((c.i for t in tokens for c in doc[t].children if c.dep_ in CLAUSE_DEPS and c.i > i), None)
        if clause is not None:
            return clause
        if doc[i].head.i not in tokens and forms[doc[i].head.i] is not None:
            return doc[i].head.i
    for j in range(i + 1, min(sent.end, i + REACH)):
        if forms[j] is not None and not forms[j].future_auxiliary:
            return j
    return None


def _parties(doc: Doc, tokens: tuple[int, ...], verb: int, sent: Sentence, mentions: list[Mention],
             words: list[str]) -> list[Mention]:
    """The actors of the governed clause's subject: by the parse, else those just before the modal word ("X
    باید ...") or right after the phrase and its "که" ("زمان آن است که X ...")."""
    i, last = tokens[0], tokens[-1]
    if parsed(doc):
        for child in doc[verb].children:
            if child.dep_ in SUBJECT_DEPS:
                a, b = child.left_edge.i, child.right_edge.i + 1
                return [m for m in mentions if a <= m.start < b]
    before = [m for m in mentions if sent.start <= m.start and m.end <= i]
    if before and before[-1].end >= i - 1:
        return before[-1:]
    after = last + 1 + (last + 1 < sent.end and words[last + 1] == "که")
    return [m for m in mentions if m.start == after and m.end <= verb]


def appeal_claims(doc: Doc, sent: Sentence, words: list[str], forms: list[VerbForm | None], mentions: list[Mention],
                  ctx: Discourse, content: int, found: list[dict], index: int, when: tuple) -> list[dict]:
    """What the speaker says another party must (not) or should do, as claims (the claim finder's dicts),
    where no claim has that verb already."""
    own = {ctx.speaker, ctx.state_of(ctx.speaker)}
    taken = {c["cue_at"] for c in found} | {i for c in found for i in range(*c["tokens"])}
    out = []
    for appeal in find_appeals(doc, sent, words, forms, mentions, content):
        parties = list(dict.fromkeys(k for m in appeal.parties for k in m.keys))
        if not parties or set(parties) <= own or appeal.verb in taken:
            continue
        start = min(appeal.at, min(m.start for m in appeal.parties))
        end = max(appeal.verb, appeal.at) + 1
        out.append({"relation": appeal.relation, "subjects": [ctx.speaker], "objects": parties, "nominal": False,
                    "object_span": None, "topic": None, "speakers": [ctx.speaker], "negated": False,
                    "modality": appeal.modality, "start": doc[start].idx,
                    "end": doc[end - 1].idx + len(doc[end - 1].text), "conditional": False,
                    "cue": words[appeal.at], "tokens": (start, end), "reason": False, "time": False,
                    "cue_at": appeal.at, "purpose": False, "sentence": index, "when": when, "how": "appeal"})
    return out
