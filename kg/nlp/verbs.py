"""Persian verb morphology: stem, person, negation, aspect and tense of one word."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from .lexicon import lexicon, strip_joiners, word_list

# Person endings: present and past share them, but the 3rd singular past has none.
_ENDINGS = {
    "م": "1sg", "ی": "2sg", "د": "3sg", "": "3sg", "یم": "1pl", "ید": "2pl", "ند": "3pl",
    "ییم": "1pl", "یید": "2pl", "یند": "3pl", "یی": "2sg",
}
# The perfect: participle in -ه followed by a clitic copula (written joined once ZWNJ is gone).
_ENDING_SIZES = sorted({len(e) for e in _ENDINGS}, reverse=True)
_PERFECT = {"هام": "1sg", "های": "2sg", "هایم": "1pl", "هاید": "2pl", "هاند": "3pl", "ه": "3sg"}
_COPULA = {
    "است": ("3sg", False), "هست": ("3sg", False), "نیست": ("3sg", True),
    "هستم": ("1sg", False), "هستی": ("2sg", False), "هستیم": ("1pl", False),
    "هستید": ("2pl", False), "هستند": ("3pl", False), "نیستم": ("1sg", True),
    "نیستی": ("2sg", True), "نیستیم": ("1pl", True), "نیستید": ("2pl", True),
    "نیستند": ("3pl", True), "ام": ("1sg", False), "ایم": ("1pl", False),
    "اند": ("3pl", False), "یم": ("1pl", False), "ند": ("3pl", False), "ست": ("3sg", False),
}


@dataclass(frozen=True)
class VerbForm:
    """What the morphology of one verb word says."""

    past: str
    person: str
    negated: bool = False
    imperfective: bool = False
    tense: str = "past"

    @property
    def future_auxiliary(self) -> bool:
        """True for a form of خواستن used as the future auxiliary (خواهم، نخواهد)."""
        return self.past == "خواست" and self.tense == "present" and not self.imperfective


@lru_cache(maxsize=1)
def _stems() -> tuple[dict[str, str], dict[str, str]]:
    past, present = {}, {}
    for row in lexicon("fa/verb_stems.tsv", ("past", "present", "gloss")):
        past[row["past"]] = row["past"]
        present.setdefault(row["present"], row["past"])
    return past, present


def _split(rest: str, negated: bool, imperfective: bool) -> VerbForm | None:
    past, present = _stems()
    for ending, suffix_person in _PERFECT.items():
        if rest.endswith(ending) and rest[: -len(ending)] in past:
            return VerbForm(past[rest[: -len(ending)]], suffix_person, negated, imperfective, "perfect")
    for size in _ENDING_SIZES:  # the longest ending first; one ending of each size can fit
        ending = rest[len(rest) - size:] if size else ""
        if size > len(rest) or ending not in _ENDINGS:
            continue
        stem = rest[: len(rest) - size]
        person = _ENDINGS[ending]
        if stem in past and ending != "د":
            return VerbForm(past[stem], person, negated, imperfective, "past")
        if stem in present and ending:
            return VerbForm(present[stem], person, negated, imperfective, "present")
    return None


@lru_cache(maxsize=65536)
def analyse(word: str) -> VerbForm | None:
    """The verb reading of `word`, or None when it is no verb form we know."""
    w = strip_joiners(word)
    if w in word_list("fa/not_verbs.txt"):
        return None
    if w in _COPULA:
        person, negated = _COPULA[w]
        return VerbForm("بود", person, negated, False, "present")
    candidates = []
    if w.startswith("نمی"):
        candidates.append((w[3:], True, True))
    if w.startswith("می"):
        candidates.append((w[2:], False, True))
    candidates.append((w, False, False))
    if w.startswith("ن") and len(w) > 2:
        candidates.append((w[1:], True, False))
    if w.startswith("ب") and len(w) > 2:
        candidates.append((w[1:], False, False))
    for rest, negated, imperfective in candidates:
        form = _split(rest, negated, imperfective)
        if form is not None:
            return form
    return None


def finite_form(forms: list[VerbForm | None], verb: int | None) -> VerbForm | None:
    """The form of the verb at `verb`, with person and polarity from a future auxiliary before it ("نخواهیم کرد")."""
    if verb is None:
        return None
    form = forms[verb]
    aux = forms[verb - 1] if verb > 0 else None
    if form is not None and aux is not None and aux.future_auxiliary:
        return replace(form, person=aux.person, negated=aux.negated or form.negated)
    return form
