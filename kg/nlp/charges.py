"""Charges: a speaker saying that another party did a wrongful act ("ظریف گفت آمریکا قوانین بین‌المللی را نقض
کرده است") accuses that party, and one saying it failed ("اروپایی‌ها موفق نشدند") criticizes it. The predicates
come from `fa/wrongdoing.tsv` and `fa/failings.tsv`; the party is the subject of the clause, by the word reading
or else by the parse. One's own side not doing a wrong denies it."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc

from .clauses import Clauses, Mention
from .cues import stem_pasts
from .discourse import Discourse
from .frames import SUBJECT_DEPS, parsed
from .lexicon import key_form, lexicon
from .tokens import Sentence
from .verbs import VerbForm

PROGRESSIVE = ("در", "حال")
COPULA = frozenset({"بود"})  # the past stem of بودن, which است، هست، باشد and می‌باشد read as
NOT_ACTORS = {"concept", "place"}
BLAME = {"accuses", "criticizes", "condemns"}


class Blame(NamedTuple):
    """A predicate a speaker blames another party with: its cue words, verb stems, relation, and whether it
    counts only negated ("موفق نشد": failed)."""

    cue: tuple[str, ...]
    stems: frozenset[str]
    relation: str
    negative: bool
    gap: int


@lru_cache(maxsize=1)
def wrongdoing() -> tuple[Blame, ...]:
    """The wrongful acts (kg/data/fa/wrongdoing.tsv, accuses) and failings (kg/data/fa/failings.tsv,
    criticizes) a speaker may say another party did."""
    acts = [Blame(tuple(key_form(w) for w in r["cue"].split()), frozenset(stem_pasts(r["stems"])), "accuses", False,
                  int(r["gap"])) for r in lexicon("fa/wrongdoing.tsv", ("cue", "stems", "gap"))]
    failings = [Blame(tuple(key_form(w) for w in r["cue"].split()), frozenset(stem_pasts(r["stems"])), "criticizes",
                      r["polarity"] == "neg", int(r["gap"]))
                for r in lexicon("fa/failings.tsv", ("cue", "stems", "polarity", "gap"))]
    return tuple(acts + failings)


def _acts(words: list[str], forms: list[VerbForm | None], start: int, end: int) -> list[tuple[int, int, Blame]]:
    """(first word, verb, predicate) of each blaming predicate in [start, end)."""
    found = []
    for i in range(start, end):
        for blame in wrongdoing():
            if not blame.cue:
                f = forms[i]
                if f is not None and f.past in blame.stems and not f.future_auxiliary:
                    found.append((i, i, blame))
                continue
            if tuple(words[i : i + len(blame.cue)]) != blame.cue:
                continue
            after = i + len(blame.cue)
            # "در حال نقض ... است": the progressive carries the act on a copula
            stems = blame.stems | COPULA if tuple(words[max(start, i - 2) : i]) == PROGRESSIVE else blame.stems
            verb = next((j for j in range(after, min(end, after + blame.gap + 1))
                         if forms[j] is not None and forms[j].past in stems), None)
            if verb is not None:
                found.append((i, verb, blame))
    return found


def charge_claims(doc: Doc, sent: Sentence, words: list[str], forms: list[VerbForm | None], mentions: list[Mention],
                  ctx: Discourse, content: int, found: list[dict], index: int, when: tuple,
                  clauses: Clauses) -> list[dict]:
    """accuses-claims of the speaker against the doers of the wrongful acts in the reported part of `sent`,
    where no claim of blame in the sentence covers that act already."""
    speaker = ctx.speaker
    if not speaker:
        return []
    own = {speaker, ctx.state_of(speaker)}
    # a claim of the doer's act itself ("X did not respect Y") leaves the speaker's accusation to be made;
    # an act inside a denial ("there is no evidence that X interfered") is denied, not charged
    taken = {i for c in found if c["relation"] in BLAME for i in range(*c["tokens"])}
    denied_from = min((c["tokens"][0] for c in found if c["relation"] == "denies" and c["sentence"] == index),
                      default=sent.end)
    out = []
    for at, verb, blame in _acts(words, forms, max(sent.start, content), sent.end):
        form = forms[verb]
        if at in taken or verb in taken or at > denied_from or form is None or form.person.startswith(("1", "2")):
            continue
        start, _, kind = clauses.around(words, forms, sent, at)
        if kind == "condition":
            continue
        doers = _doers(doc, clauses, words, mentions, max(start, content), at, verb, ctx)
        if blame.negative and not form.negated:
            continue  # "موفق شد" (succeeded) blames no one
        if form.negated and not blame.negative:
            # "روسیه هرگز در امور لیبی دخالت نکرده است" from a Russian: the speaker's side denies the act
            claim = _denial(doers, own, mentions, max(start, content), verb, ctx)
        else:
            others = [k for k in doers if k not in own and ctx.state_of(k) not in own - {""}]
            claim = {"relation": blame.relation, "subjects": [speaker], "objects": others} if others else None
        if claim is None:
            continue
        first = min(m.start for m in mentions if set(m.keys) & set(claim["subjects"] + claim["objects"]))
        claim.update({"nominal": False, "object_span": None, "topic": None, "speakers": [speaker],
                      "negated": False, "modality": "asserted", "start": doc[min(first, at)].idx,
                      "end": doc[verb].idx + len(doc[verb].text), "conditional": False, "cue": words[at],
                      "tokens": (min(first, at), verb + 1), "reason": False, "time": False, "cue_at": at,
                      "purpose": False, "sentence": index, "when": when, "how": "charge"})
        out.append(claim)
    return out


def _denial(doers: list[str], own: set[str], mentions: list[Mention], start: int, verb: int,
            ctx: Discourse) -> dict | None:
    """A denies-claim of the speaker's own side that did not do the act, against the other actors of the clause."""
    mine = [k for k in doers if k in own or ctx.state_of(k) in own - {""}]
    if not mine:
        return None
    others = [k for m in mentions if start <= m.start < verb for k in m.keys
              if k not in doers and k not in own and ctx.state_of(k) not in own - {""}]
    if not others:
        return None
    return {"relation": "denies", "subjects": mine, "objects": list(dict.fromkeys(others))}


def _doers(doc: Doc, clauses: Clauses, words: list[str], mentions: list[Mention], start: int, at: int, verb: int,
           ctx: Discourse) -> list[str]:
    """The actors of the clause's subject: leading mentions of the clause, else the verb's subject in the parse."""
    keys, _ = clauses.subject(mentions, words, start, at)
    if not keys and parsed(doc):
        for child in doc[verb].children:
            if child.dep_ in SUBJECT_DEPS:
                a, b = child.left_edge.i, child.right_edge.i + 1
                keys = [k for m in mentions if a <= m.start < b for k in m.keys]
                break
    entities = ctx.kb.entities
    return [k for k in dict.fromkeys(keys)
            if ctx.is_person(k) or (k in entities and entities[k].kind not in NOT_ACTORS)]
