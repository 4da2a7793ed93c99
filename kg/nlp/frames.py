"""Relation frames read off the dependency parse: a predicate of the frame lexicon and its arguments.

A predicate is a cue word of `fa/relation_cues.tsv` tied to its verb by the parse (a light-verb
construction "حمایت کردن", an adjective with its copula "نگران بودن", the noun of a support verb
"تحریم وضع کردن"), a simple verb ("پذیرفتن"), or an act noun standing alone ("سفر X به Y"). Its
arguments are the parse's dependents: the subject (`nsubj`, shared across coordinated verbs), and
each object marker of the rule: a preposition opening a dependent, را (`obj`), the genitive of the
cue noun, or the clause that follows. Which predicate with which markers means which relation stays
in the lexicon; this module only reads trees.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from .attribution import AGENT_MARKERS
from .cues import SUFFIXES, CueMatch, CueRule, not_cues, relation_rules, rule_index
from .lexicon import key_form, lexicon
from .tokens import Sentence
from .verbs import VerbForm

# How a cue word hangs on its verb ("حمایت" compound:lvc of "کرد"; a misparsed noun as obj or nsubj).
CUE_TO_VERB = {"compound:lvc", "compound", "obj", "nsubj", "nsubj:pass", "xcomp", "obl:arg"}
# How a verb hangs on its cue word (an adjectival predicate heads its copula: "نگران است").
VERB_TO_CUE = {"cop", "compound", "compound:lvc", "aux", "aux:pass", "xcomp"}
SUBJECT_DEPS = {"nsubj", "nsubj:pass"}
ARGUMENT_DEPS = {"obl", "obl:arg", "nmod", "obj", "advmod", "iobj", "xcomp", "ccomp", "conj", "appos"}
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "parataxis", "csubj"}
# A simple verb heads a clause; one hanging as a noun or modifier is a noun spelled like a verb ("خواست طالبان").
CLAUSE_HEADS = CLAUSE_DEPS | {"ROOT", "conj", "acl", "acl:relcl"}
_SUFFIXES = frozenset(SUFFIXES)


# The light verb of the passive of a construction with کردن ("تحریم شد": was sanctioned), and who does it.
PASSIVE_OF = {"کرد": "شد", "نمود": "شد", "داد": "شد"}


@dataclass(frozen=True)
class FrameMatch:
    """A predicate found in the parse: the cue (rule, cue tokens, verb), its subject's and its marked
    objects' token spans ([start, end), markers in the rule's order); a passive's subject is its agent
    ("از سوی X") and its object the grammatical subject."""

    cue: CueMatch
    subject: tuple[int, int] | None
    objects: tuple[tuple[int, int], ...]
    passive: bool = False


def parsed(doc: Doc) -> bool:
    """True when a dependency parser has run on `doc`."""
    return doc.has_annotation("DEP")


@lru_cache(maxsize=1)
def support_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """Support verbs that carry an act noun as their object ("حمایت خود را اعلام کرد"): the nouns of
    their light-verb constructions and their simple-verb past stems (kg/data/fa/support_verbs.tsv)."""
    nouns, stems = set(), set()
    for row in lexicon("fa/support_verbs.tsv", ("noun", "past", "gloss")):
        (nouns if row["noun"] else stems).add(key_form(row["noun"]) if row["noun"] else row["past"])
    return frozenset(nouns), frozenset(stems)


@lru_cache(maxsize=1)
def _rules_by_last_word() -> dict[str, tuple[CueRule, ...]]:
    by_word: dict[str, list[CueRule]] = {}
    for rule in relation_rules():
        if rule.words:
            by_word.setdefault(rule.words[-1], []).append(rule)
    return {word: tuple(rules) for word, rules in by_word.items()}


def _bare(word: str) -> list[str]:
    """`word` and the words it is with a suffix of a cue noun taken off ("حمایت‌های" -> "حمایت")."""
    if word in not_cues():
        return [word]
    return [word] + [word[: -len(s)] for s in _SUFFIXES if s and word.endswith(s) and len(word) > len(s) + 1]


def find_frames(doc: Doc, sent: Sentence, words: list[str], forms: list[VerbForm | None]) -> list[FrameMatch]:
    """The frames whose predicate lies in `sent`, by the parse of `doc` (none when it has no parse)."""
    if not parsed(doc):
        return []
    found: dict[tuple[str, int], FrameMatch] = {}
    by_word, by_stem = _rules_by_last_word(), rule_index()[1]
    for i in range(sent.start, sent.end):
        token = doc[i]
        for bare in _bare(words[i]):
            for rule in by_word.get(bare, ()):
                start = i - len(rule.words) + 1
                if start < sent.start or tuple(words[start:i]) != rule.words[:-1]:
                    continue
                match = _noun_frame(doc, rule, start, i, forms)
                if match is not None:
                    found.setdefault((rule.relation, start), match)
        form = forms[i]
        if form is not None and not form.future_auxiliary and token.dep_ in CLAUSE_HEADS:
            if not any(c.dep_ == "compound:lvc" for c in token.children):
                for rule in by_stem.get(form.past, ()):
                    cue = CueMatch(rule, i, i + 1, i, _verb_form(doc, i, forms))
                    match = _arguments(doc, cue, token, None)
                    if match is not None:
                        found.setdefault((rule.relation, i), match)
    return [m for m in found.values() if _polarity_fits(m)]


def _noun_frame(doc: Doc, rule: CueRule, start: int, last: int, forms: list[VerbForm | None]) -> FrameMatch | None:
    """The frame of a cue word at `last` (its rule's words from `start`): with its verb, or alone."""
    cue_token = doc[last]
    verb = _linked_verb(cue_token, rule, forms)
    if verb is not None:
        cue = CueMatch(rule, start, last + 1, verb.i, _verb_form(doc, verb.i, forms))
        return _arguments(doc, cue, verb, cue_token)
    passive = _passive_verb(cue_token, rule, forms)
    if passive is not None:
        cue = CueMatch(rule, start, last + 1, passive.i, _verb_form(doc, passive.i, forms), passive=True)
        return _passive_arguments(doc, cue, passive, cue_token)
    if rule.nominal or not rule.stems:
        return _arguments(doc, CueMatch(rule, start, last + 1, None, None), None, cue_token)
    return None


def _linked_verb(cue: Token, rule: CueRule, forms: list[VerbForm | None]) -> Token | None:
    """The verb the parse ties the cue word to, when its stem is one of the rule's (or a support verb's,
    for an act noun)."""
    support_nouns, support_stems = support_verbs()
    candidates = []
    if cue.dep_ in CUE_TO_VERB and cue.head.i != cue.i:
        candidates.append(cue.head)
    candidates += [c for c in cue.children if c.dep_ in VERB_TO_CUE]
    for verb in candidates:
        form = forms[verb.i]
        if form is None or form.future_auxiliary:
            continue
        if form.past in rule.stems:
            return verb
        if rule.nominal and cue.dep_ in ("obj", "nsubj", "nsubj:pass") and (
                form.past in support_stems
                or any(c.dep_ == "compound:lvc" and key_form(c.text) in support_nouns for c in verb.children)):
            return verb
    return None


def _passive_verb(cue: Token, rule: CueRule, forms: list[VerbForm | None]) -> Token | None:
    """The شدن that makes a passive of the rule's construction ("X تحریم شد"), when the rule's object is را:
    the cue's head, or its auxiliary where the parse heads the passive with the cue."""
    if ("را",) not in rule.markers:
        return None
    passives = {PASSIVE_OF[stem] for stem in rule.stems if stem in PASSIVE_OF}
    candidates = [c for c in cue.children if c.dep_ in VERB_TO_CUE]
    if cue.dep_ in CUE_TO_VERB and cue.head.i != cue.i:
        candidates.append(cue.head)
    return next((v for v in candidates if forms[v.i] is not None and forms[v.i].past in passives), None)


def _passive_arguments(doc: Doc, cue: CueMatch, verb: Token, noun: Token) -> FrameMatch:
    """The agent ("از سوی X") as subject and the grammatical subject as object of a passive."""
    heads = [verb, noun]
    taken = set(range(cue.start, cue.end)) | {verb.i}
    patient = _subject(heads, taken)
    agent = None
    for child in (c for head in heads for c in head.children if c.i not in taken):
        left = child.left_edge.i
        for marker in AGENT_MARKERS:
            if tuple(key_form(t.text) for t in doc[left : left + len(marker)]) == marker:
                agent = left + len(marker), child.right_edge.i + 1
    return FrameMatch(cue, agent, (patient,) if patient else (), passive=True)


def _verb_form(doc: Doc, i: int, forms: list[VerbForm | None]) -> VerbForm | None:
    """The verb's form, negated when an auxiliary of it is ("نخواهد کرد")."""
    form = forms[i]
    if form is None:
        return None
    for child in doc[i].children:
        aux = forms[child.i]
        if child.dep_.startswith("aux") and aux is not None and aux.negated and not form.negated:
            return replace(form, negated=True, person=aux.person)
    return form


def _polarity_fits(match: FrameMatch) -> bool:
    """A negative-polarity cue ("تمایلی نداشتن") counts only with a negated verb."""
    rule, form = match.cue.rule, match.cue.form
    return not rule.negative or (form is not None and form.negated)


def _arguments(doc: Doc, cue: CueMatch, verb: Token | None, noun: Token | None) -> FrameMatch | None:
    """The subject span and the object spans of each of the rule's markers; None when a marker the rule
    requires ("از X خواست": asks X) is absent."""
    heads = [t for t in (verb, noun) if t is not None]
    taken = set(range(cue.start, cue.end)) | {t.i for t in heads}
    subject = _subject(heads, taken) if verb is not None else _agent(noun, cue.rule, taken)
    objects = []
    for marker in cue.rule.markers:
        span = _marked(doc, marker, heads, noun, taken, subject)
        if span is not None:
            objects.append(span)
        elif " ".join(marker) in cue.rule.required:
            return None
    return FrameMatch(cue, subject, tuple(objects))


def _subject(heads: list[Token], taken: set[int]) -> tuple[int, int] | None:
    """The span of the predicate's subject: its own, or that of the verb it is coordinated with."""
    for head in heads:
        for child in head.children:
            if child.dep_ in SUBJECT_DEPS and child.i not in taken:
                return child.left_edge.i, child.right_edge.i + 1
    verb = heads[0]
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        for child in verb.head.children:
            if child.dep_ in SUBJECT_DEPS and child.i < verb.i:
                return child.left_edge.i, _before_conjunct(child, verb)
    if verb.dep_ in ("acl", "acl:relcl") and verb.head.i < verb.i:  # "کشورهایی که از X حمایت می‌کنند"
        return verb.head.left_edge.i, verb.left_edge.i
    return None


def _agent(noun: Token, rule: CueRule, taken: set[int]) -> tuple[int, int] | None:
    """The doer of an act noun standing alone: its genitive ("سفر ظریف به مسکو"), unless the rule's object
    is the genitive."""
    if ("gen",) in rule.markers:
        return None
    for child in noun.children:
        if child.dep_ == "nmod" and child.i > noun.i and child.i not in taken \
                and not any(g.dep_ == "case" for g in child.children):
            return child.left_edge.i, child.right_edge.i + 1
    return None


def _before_conjunct(child: Token, verb: Token) -> int:
    """The subject's end, cut before the second conjunct when the parse hangs it inside."""
    return min(child.right_edge.i + 1, verb.left_edge.i)


def _marked(doc: Doc, marker: tuple[str, ...], heads: list[Token], noun: Token | None, taken: set[int],
            subject: tuple[int, int] | None) -> tuple[int, int] | None:
    """The span of the argument a marker introduces, without the marker itself."""
    kind = marker[0] if len(marker) == 1 else ""
    dependents = [c for head in heads for c in head.children if c.i not in taken
                  and (subject is None or not subject[0] <= c.i < subject[1])]
    if kind == "را":
        for child in dependents:
            if child.dep_ == "obj" or any(g.dep_ == "case" and key_form(g.text) == "را" for g in child.children):
                return child.left_edge.i, _without_ra(doc, child)
        return None
    if kind == "gen":
        for child in noun.children if noun is not None else ():
            if child.dep_ == "nmod" and child.i > noun.i and child.i not in taken \
                    and not any(g.dep_ == "case" for g in child.children):
                return child.left_edge.i, child.right_edge.i + 1
        return None
    if kind == "after":
        for child in dependents:
            if child.dep_ in CLAUSE_DEPS and child.i > heads[0].i:
                return child.left_edge.i, child.right_edge.i + 1
        return None
    if kind in ("pred", "-"):
        return None
    for child in dependents:
        if child.dep_ not in ARGUMENT_DEPS:
            continue
        left = child.left_edge.i
        if tuple(key_form(t.text) for t in doc[left : left + len(marker)]) == marker:
            return left + len(marker), child.right_edge.i + 1
    return None


def _without_ra(doc: Doc, child: Token) -> int:
    """The end of an object phrase without its را."""
    end = child.right_edge.i + 1
    return end - 1 if key_form(doc[end - 1].text) == "را" else end
