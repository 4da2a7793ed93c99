"""Persian normalisation with a map back to the input: pure and idempotent (stdlib only).

`normalise` folds Arabic letter forms and digits, cleans spacing and zero-width non-joiners
(ZWNJ) and repairs missing ZWNJs, keeping for every output character the index of the input
character it came from (an inserted ZWNJ or space points at the character before it).
ة and ۀ are left as written: they are letters of their own in names and Arabic phrases, and
matching keys fold them elsewhere. Diacritics and hamza are kept; only tatweel is dropped.

Missing ZWNJs are repaired inside each letter run by the first rule that applies, then again
in each part: a compound of kg/data/fa/compounds.tsv; the prefix می/نمی before a plausible verb
(kg/data/fa/mi_exceptions.txt says when not); a participle ending (شدهاند -> شده+اند); a plural
or possessive ها/های...; ترین; تر/تری after a silent ه. Words listed in
kg/data/fa/suffix_exceptions.txt keep their ending.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Callable

from ..errors import DataError

ZWNJ = "\u200c"
ZWJ = "\u200d"
ZWSP = "\u200b"
BOM = "\ufeff"
TATWEEL = "\u0640"
NBSP = "\u00a0"

# Arabic-script letters and combining marks (no digits, punctuation or tatweel).
LETTERS = "\u0621-\u063a\u0641-\u065f\u066e\u066f\u0670-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
_LETTER = re.compile(f"[{LETTERS}]")
_MARK = re.compile("[\u064b-\u065f\u0670]")
# Letters that do not join the next letter: a ZWNJ after them changes nothing.
_NON_JOINING = frozenset("ءآأؤإاةدذرزژوۀٱە")

_PUNCT = "،؛؟!.:"
_MI_PREFIXES = ("نمی", "می")
_MI_ENDINGS = ("م", "د", "ت")  # -م -یم -د -ید -ند and bare past stems in -د/-ت; 2sg -ی is too ambiguous
_PARTICIPLE_SUFFIXES = ("اند", "ایم", "اید", "ام")
_PLURAL_SUFFIXES = ("هایمان", "هایتان", "هایشان", "هایی", "هایم", "هایت", "هایش", "های", "ها")
_ZERO_WIDTH = {ord(c): None for c in (ZWNJ, ZWJ, ZWSP, BOM, TATWEEL, "\u200e", "\u200f")}


def strip_zw(text: str) -> str:
    """`text` without zero-width characters and tatweel, for matching keys."""
    return text.translate(_ZERO_WIDTH)


def _char_map() -> dict[str, str]:
    """Single characters and what they become: letter forms, digits, spaces, invisible marks."""
    table = {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u06d4": ".",
             "\u066b": ".", "\u066c": ",", "\u066a": "%", "\t": " ", "\u2028": "\n", "\u2029": "\n",
             "\x85": "\n", TATWEEL: "", ZWJ: "", BOM: "", "\u00ad": "",
             ZWSP: ZWNJ, "\u200e": ZWNJ, "\u200f": ZWNJ}  # often typed for a ZWNJ; dropped unless between letters
    for cp in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0)):
        table.setdefault(chr(cp), " " if cp in (0x0B, 0x0C) else "")
    for cp in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        table[chr(cp)] = ""
    for space in (NBSP, *map(chr, range(0x2000, 0x200B)), "\u202f", "\u205f", "\u3000"):
        table[space] = " "
    for base in (0x0660, 0x06F0):
        for d in range(10):
            table[chr(base + d)] = str(d)
    for cp in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
        folded = unicodedata.normalize("NFKC", chr(cp))
        if folded != chr(cp):
            table[chr(cp)] = "".join(table.get(c, c) for c in folded)
    return table


_CHARS = _char_map()
# What each character becomes in a key (a regex finds them: str.translate is slower on Persian text).
_KEY_MAP = {c: strip_zw(t) for c, t in _CHARS.items()} | {chr(c): "" for c in _ZERO_WIDTH}
_KEY_CHARS = re.compile("[" + "".join(map(re.escape, sorted(_KEY_MAP))) + "]")
# the same less str.splitlines' line boundaries, which keep_lines leaves where they are
_KEY_CHARS_LINES = re.compile("[" + "".join(re.escape(c) for c in sorted(_KEY_MAP)
                                            if c not in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029") + "]")


def _key_char(m: re.Match[str]) -> str:
    return _KEY_MAP[m.group()]


def fold_key(text: str, keep_lines: bool = False) -> str:
    """`text` with letter forms and digits folded and zero-width characters dropped, for keys;
    with `keep_lines`, every line break stays where it is."""
    return (_KEY_CHARS_LINES if keep_lines else _KEY_CHARS).sub(_key_char, text)


def _data_lines(name: str) -> list[tuple[int, str]]:
    """(line number, stripped line) of a data file in kg/data/fa, less blanks and # comments."""
    text = resources.files("kg").joinpath("data", "fa", name).read_text(encoding="utf-8")
    return [(n, s) for n, line in enumerate(text.splitlines(), 1) if (s := line.strip()) and not s.startswith("#")]


@lru_cache(maxsize=None)
def _compounds() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """Compounds written with neither space nor ZWNJ, from compounds.tsv: a search pattern and repairs."""
    repairs: dict[str, str] = {}
    for n, line in _data_lines("compounds.tsv"):
        cols = line.split("\t")
        if cols == ["written", "repaired"]:
            continue
        repaired = cols[-1].replace("+", ZWNJ) if len(cols) == 2 else ""
        if (len(cols) != 2 or strip_zw(repaired) != cols[0] or ZWNJ * 2 in repaired
                or repaired.startswith(ZWNJ) or repaired.endswith(ZWNJ) or ZWNJ not in repaired):
            raise DataError(f"kg/data/fa/compounds.tsv:{n}: want 'written<TAB>repaired', the repaired form "
                            "being the written one with ZWNJs (or +) inserted between letters")
        repairs[cols[0]] = repaired
    if not repairs:
        return None, repairs
    return re.compile("|".join(map(re.escape, sorted(repairs, key=len, reverse=True)))), repairs


@lru_cache(maxsize=None)
def _mi_exceptions() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """Words that start with می but are no verb (exact, and prefixes marked *), and verb rests marked +."""
    lines = [s for _, s in _data_lines("mi_exceptions.txt")]
    exact = frozenset(s for s in lines if s[-1] != "*" and s[0] != "+")
    prefixes = tuple(s[:-1] for s in lines if s[-1] == "*")
    return exact, prefixes, frozenset(s[1:] for s in lines if s[0] == "+")


@lru_cache(maxsize=None)
def _suffix_exceptions() -> frozenset[str]:
    """Words whose ending looks like a suffix (ها، ترین، اند...) but is part of the word."""
    return frozenset(s for _, s in _data_lines("suffix_exceptions.txt"))


def _joins(stem: str) -> bool:
    """Whether the last letter of `stem` joins the next one (so a ZWNJ after it matters)."""
    letters = _MARK.sub("", stem)
    return bool(letters) and letters[-1] not in _NON_JOINING


def _is_mi_verb(rest: str) -> bool:
    """Whether می + `rest` reads as a verb with the imperfective prefix."""
    exact, prefixes, verbs = _mi_exceptions()
    word = "می" + rest
    if len(rest) < 2 or word in exact or word.startswith(prefixes):
        return False
    return rest in verbs or rest.endswith(_MI_ENDINGS)


_SUFFIX_RULES: tuple[tuple[tuple[str, ...], Callable[[str], bool]], ...] = (
    (_PARTICIPLE_SUFFIXES, lambda stem: len(stem) >= 3 and stem[-2:] in ("ده", "ته")),
    (_PLURAL_SUFFIXES, lambda stem: len(stem) >= 2 and _joins(stem)),
    (("ترین",), lambda stem: len(stem) >= 3 and _joins(stem)),
    (("تری", "تر"), lambda stem: len(stem) >= 3 and stem.endswith("ه")),
)


def _split_once(tok: str, initial: bool) -> str:
    """`tok` with the ZWNJs of the first repair rule that applies inserted (or `tok` itself)."""
    pattern, repairs = _compounds()
    m = pattern.search(tok) if pattern else None
    if m:
        return tok[: m.start()] + repairs[m.group()] + tok[m.end():]
    if initial:
        for prefix in _MI_PREFIXES:
            if tok.startswith(prefix) and _is_mi_verb(tok[len(prefix):]):
                return prefix + ZWNJ + tok[len(prefix):]
    if tok in _suffix_exceptions():
        return tok
    for suffixes, fits in _SUFFIX_RULES:
        if not tok.endswith(suffixes):
            continue
        for suffix in suffixes:
            if tok.endswith(suffix) and fits(tok[: -len(suffix)]):
                return tok[: -len(suffix)] + ZWNJ + suffix
    return tok


@lru_cache(maxsize=65536)
def _repair(tok: str, initial: bool) -> str:
    """A ZWNJ-free letter run with every missing ZWNJ inserted; `initial` if it starts a word."""
    fixed = _split_once(tok, initial)
    if fixed == tok:
        return tok
    return ZWNJ.join(_repair(part, initial and k == 0) for k, part in enumerate(fixed.split(ZWNJ)))


def _is_letter(text: str, i: int) -> bool:
    """Whether `text[i]` exists and is an Arabic-script letter or mark."""
    return 0 <= i < len(text) and _LETTER.match(text, i) is not None


def _zwnj(m: re.Match[str]) -> str:
    """One ZWNJ between two letters, none elsewhere."""
    return ZWNJ if _is_letter(m.string, m.start() - 1) and _is_letter(m.string, m.end()) else ""


def _space(m: re.Match[str]) -> str:
    """A run of spaces and newlines: one space, one newline or one blank line; none at the edges."""
    run = m.group()
    if m.start() == 0 or m.end() == len(m.string):
        return ""
    return "\n\n" if run.count("\n") > 1 else "\n" if "\n" in run else " "


def _mi_spaced(m: re.Match[str]) -> str:
    """می / نمی written apart from its verb, joined with a ZWNJ."""
    return m[1] + ZWNJ + m[2] if _is_mi_verb(strip_zw(m[2])) else m.group()


def _participle_spaced(m: re.Match[str]) -> str:
    """A participle and its ending (شده اند), joined with a ZWNJ."""
    return m[1] + ZWNJ + m[2] if len(strip_zw(m[1])) >= 3 else m.group()


def _token(m: re.Match[str]) -> str:
    """A letter run with its missing ZWNJs; it starts a word unless a ZWNJ precedes it."""
    if _is_letter(m.string, m.start() - 1) or _is_letter(m.string, m.end()):
        return m.group()  # part of a longer run
    return _repair(m.group(), m.start() == 0 or m.string[m.start() - 1] != ZWNJ)


_FINE_RUNS: set[str] = set()  # letter runs known to need no ZWNJ; grows up to _FINE_MAX entries
_FINE_MAX = 500_000


def _runs_to_repair(text: str) -> re.Pattern[str] | None:
    """A pattern for the letter runs of `text` that miss a ZWNJ; None when none does (most texts)."""
    broken = []
    for run in set(_RUN.findall(text)) - _FINE_RUNS:
        if _repair(run, True) != run:  # a run a word-start reading leaves alone, no reading changes
            broken.append(run)
        elif len(_FINE_RUNS) < _FINE_MAX:
            _FINE_RUNS.add(run)
    if not broken:
        return None
    # no letter classes around the words: compiling those for every text costs more than the step
    return re.compile("|".join(map(re.escape, sorted(broken, key=len, reverse=True))))


_W = f"[{LETTERS}{ZWNJ}]"
_L = f"[{LETTERS}]"
_RUN = re.compile(f"{_L}+")
_SAME_LENGTH = {c: t for c, t in _CHARS.items() if len(t) == 1}
# In order: line breaks; single characters (first those that map to one, keeping offsets, then the
# rest); ZWNJ runs; spaces and blank lines; no space before punctuation; one after; "شده اند";
# "می گذاریم"; then ZWNJs missing inside words (_runs_to_repair). Each step only creates what the
# earlier ones keep, so a second run changes nothing. The patterns match only what may change (a
# ZWNJ between two letters or one space between words stays) and start with a literal character
# where they can, which Python's re skips ahead to fast; a step with a guard runs only when the
# guard says the text needs it; a same-length step replaces characters one for one.
_Step = tuple[re.Pattern[str], Callable[[re.Match[str]], str], Callable[[str], bool] | None, bool]
_PARTICIPLE = "|".join(_PARTICIPLE_SUFFIXES)
_PARTICIPLE_HINT = re.compile(f"ه (?:{_PARTICIPLE})(?!{_W})")
# Longer runs of punctuation and symbols ("==========" rules, "!!!!") are cut to this many characters: they
# mean nothing to the extractor, and spaCy's tokenizer takes time quadratic in the length of such a token.
PUNCTUATION_RUN = 8

def _spaced_compounds() -> re.Pattern[str]:
    """Compounds written with spaces between their parts (fa/spaced_compounds.txt), also with a plural or
    ezafe ending ("گفت و گوها"): their spaces become ZWNJs."""
    parts = [line.split() for _, line in _data_lines("spaced_compounds.txt")]
    alternatives = (" ?".join(map(re.escape, words)) for words in sorted(parts, key=len, reverse=True))
    return re.compile(f"(?<!{_W})(?:{'|'.join(alternatives)})(?=(?:{ZWNJ}?(?:های|ها|ی))?(?!{_W}))")


_STEPS: tuple[_Step, ...] = (
    (re.compile("\r\n?"), lambda m: "\n", lambda text: "\r" in text, False),
    (re.compile(f"[^\\w\\s]{{{PUNCTUATION_RUN + 1},}}"), lambda m: m.group()[:PUNCTUATION_RUN], None, False),
    (re.compile("[" + "".join(map(re.escape, sorted(_SAME_LENGTH))) + "]"),
     lambda m: _SAME_LENGTH[m.group()], None, True),
    (re.compile("[" + "".join(re.escape(c) for c in sorted(set(_CHARS) - set(_SAME_LENGTH))) + "]"),
     lambda m: _CHARS[m.group()], None, False),
    (re.compile(f"{ZWNJ}(?:{ZWNJ}+|(?<!{_L}{ZWNJ})|(?!{_L}))"), _zwnj, None, False),
    (re.compile("[ \n](?:[ \n]+|(?<=\\A[ \n])|\\Z)"), _space, None, False),
    (re.compile(f" (?=[{_PUNCT}])(?<=\\S )"), lambda m: "", None, False),
    (re.compile(f"[،؛؟.!:](?:(?<=[،؛؟])(?=[^\\s{_PUNCT}»)\\]}}\"'…])|(?<=[{LETTERS}][{LETTERS}][.!])(?=[{LETTERS}«])"
                f"|(?<=:)(?=[{LETTERS}«]))"), lambda m: m.group() + " ", None, False),
    (_spaced_compounds(), lambda m: m.group().replace(" ", ZWNJ), None, True),
    (re.compile(f"(?<!{_W})({_W}*[دت]ه) ({_PARTICIPLE})(?!{_W})"), _participle_spaced,
     lambda text: _PARTICIPLE_HINT.search(text) is not None, False),
    (re.compile(f"(?<!{_W})(ن?می) ({_W}+)"), _mi_spaced, lambda text: "می " in text, False),
)


def _align(old: str, old_offs: list[int], new: str, before: int) -> list[int]:
    """Offsets for `new`, a rewrite of `old` by insertions, deletions or substitutions."""
    if len(old) == len(new):
        return old_offs
    if len(old) == 1:
        return old_offs * len(new)
    out: list[int] = []
    i = 0
    for j, ch in enumerate(new):
        while i < len(old) and old[i] != ch and len(old) - i > len(new) - j:
            i += 1
        if i < len(old) and (old[i] == ch or len(old) - i >= len(new) - j):
            out.append(old_offs[i])
            i += 1
        else:
            out.append(old_offs[i - 1] if i else old_offs[0] if old_offs else before)
    return out


def _sub(pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], text: str,
         offs: list[int]) -> tuple[str, list[int]]:
    """`pattern.sub(repl, text)` that carries the offsets along."""
    out: list[str] = []
    new_offs: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        new = repl(m)
        if new == m.group():
            continue
        s, e = m.span()
        out.append(text[pos:s])
        new_offs.extend(offs[pos:s])
        out.append(new)
        new_offs.extend(_align(m.group(), offs[s:e], new, offs[s - 1] if s else offs[0] if offs else 0))
        pos = e
    if not out:
        return text, offs
    out.append(text[pos:])
    new_offs.extend(offs[pos:])
    return "".join(out), new_offs


def normalise(text: str) -> tuple[str, tuple[int, ...]]:
    """Normalised `text` and, for each of its characters, the index in `text` it came from."""
    offs = list(range(len(text)))
    for pattern, repl, guard, same_length in _STEPS:
        if guard is not None and not guard(text):
            continue
        if same_length:
            text = pattern.sub(repl, text)
        else:
            text, offs = _sub(pattern, repl, text, offs)
    if (broken := _runs_to_repair(text)) is not None:
        text, offs = _sub(broken, _token, text, offs)
    return text, tuple(offs)
