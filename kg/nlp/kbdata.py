"""Reading and checking the knowledge-base data: CLDR states plus the actors, Persian names and titles in kg/data.

`read_kb_data()` reads, validates and indexes:

- every CLDR territory with an alpha-2 code as an entity keyed by that code (kind ``state`` for the
  sovereign states listed in ``states_wikidata.tsv``, ``place`` for dependencies such as HK or PR),
  labelled from Babel's en, fa and ar territory names plus ``fa/state_names.tsv``;
- every row of ``actors.tsv`` (and of user files in the same format) as an entity; a ``capital``
  row becomes a ``place`` whose Persian labels match with ``how == "capital"``;
- the office titles of ``fa/titles.tsv``.

Malformed data raises :class:`kg.errors.DataError` naming the file and line. Stdlib and Babel only.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from ..errors import DataError
from ..model import Entity

ACTOR_COLUMNS = ("key", "kind", "wikidata", "affiliation", "role", "en", "fa", "ar")
ACTOR_KINDS = ("organization", "armed-group", "institution", "person", "capital", "place", "group", "concept")
TITLE_COLUMNS = ("title", "role", "kind", "takes_state", "state")
TITLE_KINDS = ("person", "officials", "expert", "counterpart")
STATE_NAME_COLUMNS = ("code", "names", "demonyms")
STATE_ID_COLUMNS = ("code", "wikidata")

# Persian words that are never an entity label on their own (spec section 5, and words found
# while writing the data: مالی "financial", چک "cheque", کرد "did", ترک "leaving", آستانه
# "threshold", دوشنبه "Monday", کیف "bag", غنی "rich", مبارک "blessed", برادر "brother" ...).
UNSPECIFIC_LABELS = frozenset(
    "روحانی صدر عزیز آژانس الجزیره گل اسد مالی چک موریس کرد ترک آستانه دوشنبه کیف غنی مبارک مرسی "
    "برادر عباس مقداد موسوی قاسمی سلامی باقری سلیمانی خاتمی لاریجانی صالحی جلیلی امیر ملک رئیس "
    "دولت مجلس کنگره سپاه بسیج فتح امان".split()
)

# English names that CLDR does not give but news and the gold keys use.
_EN_EXTRA = {
    "US": ("United States of America", "USA"),
    "GB": ("UK", "Britain", "Great Britain"),
    "RU": ("Russian Federation",),
    "TR": ("Turkey",),
    "PS": ("Palestine", "State of Palestine"),
    "IR": ("Islamic Republic of Iran",),
    "SY": ("Syrian Arab Republic",),
    "KR": ("Republic of Korea",),
    "KP": ("Democratic People's Republic of Korea", "DPRK"),
    "CZ": ("Czech Republic",),
    "MM": ("Myanmar", "Burma"),
    "CI": ("Ivory Coast",),
    "CD": ("Democratic Republic of the Congo",),
    "CG": ("Republic of the Congo",),
    "VA": ("Holy See",),
    "TL": ("East Timor",),
    "SZ": ("Swaziland",),
    "AE": ("UAE",),
}

# CLDR codes that are not countries: unknown region, groupings, pseudo-locales and the
# exceptionally reserved codes for parts of other territories.
_NOT_COUNTRIES = frozenset({"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"})

_KEY = re.compile(r"[A-Z][A-Z0-9_]*\Z")
_QID = re.compile(r"Q[1-9][0-9]*\Z")
_CODE = re.compile(r"[A-Z]{2}\Z")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u0640"), None)
_ARABIC_TO_PERSIAN = str.maketrans({"\u064a": "\u06cc", "\u0643": "\u06a9", "\u0629": "\u0647", "\u06c0": "\u0647"})


def label_key(text: str) -> str:
    """The form two labels are compared in: NFKC, Persian ی ک ه, no ZWNJ, tatweel or combining marks
    (harakat, and the madda and hamza of آ أ ۀ, so آمریکا and امریکا compare equal).

    Spaces are kept (collapsed): the matcher ignores ZWNJ but not spaces.
    """
    text = unicodedata.normalize("NFKC", text).translate(_ARABIC_TO_PERSIAN).translate(_ZERO_WIDTH)
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    text = unicodedata.normalize("NFC", text).translate(_ARABIC_TO_PERSIAN)
    return " ".join(text.split()).lower()


@dataclass(frozen=True)
class Title:
    """A Persian office title: "وزیر امور خارجه" → foreign minister, followed by a state name."""

    title: str
    role: str
    kind: str
    takes_state: bool
    takes_org: bool = False
    state: str | None = None


class KbData(NamedTuple):
    """The parts of a knowledge base, in the order `KnowledgeBase` takes them."""

    entities: dict[str, Entity]
    labels: dict[str, list[tuple[str, str]]]
    titles: list[Title]
    demonyms: dict[str, str]
    capitals: frozenset[str]


# ----------------------------------------------------------------------------- reading TSV


@dataclass
class _Row:
    path: str
    lineno: int
    cells: dict[str, str]

    def where(self) -> str:
        return f"{self.path}:{self.lineno}"


def _read_tsv(path: str, text: str, columns: tuple[str, ...], required: tuple[str, ...]) -> list[_Row]:
    """Rows of a TSV with one header line; `#` lines and blank lines are skipped."""
    rows: list[_Row] = []
    header: list[str] | None = None
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            unknown = [c for c in cells if c not in columns]
            if unknown:
                raise DataError(f"{path}:{lineno}: unknown column(s) {', '.join(unknown)}; expected {', '.join(columns)}")
            missing = [c for c in required if c not in cells]
            if missing:
                raise DataError(f"{path}:{lineno}: missing column(s) {', '.join(missing)}")
            if len(set(cells)) != len(cells):
                raise DataError(f"{path}:{lineno}: a column is named twice")
            header = cells
            continue
        if len(cells) > len(header):
            raise DataError(f"{path}:{lineno}: {len(cells)} cells, but the header has {len(header)} columns")
        cells += [""] * (len(header) - len(cells))
        rows.append(_Row(path, lineno, dict(zip(header, cells))))
    if header is None:
        raise DataError(f"{path}:1: no header line")
    return rows


def _split(row: _Row, column: str) -> list[str]:
    value = row.cells.get(column, "")
    if not value:
        return []
    parts = [p.strip() for p in value.split("|")]
    if any(not p for p in parts):
        raise DataError(f"{row.where()}: empty label in column {column!r}")
    out: list[str] = []
    for p in parts:
        if p not in out:
            out.append(p)
    return out


def _read_packaged(name: str) -> tuple[str, str]:
    resource = resources.files("kg").joinpath("data", *name.split("/"))
    try:
        return str(resource), resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{resource}:1: cannot read: {exc}") from exc


def _read_file(path: Path) -> tuple[str, str]:
    try:
        return str(path), Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}:1: cannot read: {exc}") from exc


# ----------------------------------------------------------------------------- building


@dataclass
class _Draft:
    """An entity being built, with where each of its Persian labels came from."""

    key: str
    kind: str
    en: list[str]
    fa: list[tuple[str, str]]  # (label, origin)
    ar: list[str]
    wikidata: str | None = None
    affiliation: str | None = None
    role: str | None = None
    capital: bool = False
    origin: str = ""


def _states() -> dict[str, _Draft]:
    from babel import Locale

    en, fa, ar = (Locale(code).territories for code in ("en", "fa", "ar"))
    drafts: dict[str, _Draft] = {}
    for code in sorted(en):
        if not _CODE.match(code) or code in _NOT_COUNTRIES:
            continue
        drafts[code] = _Draft(
            key=code,
            kind="place",
            en=[en[code], *(x for x in _EN_EXTRA.get(code, ()) if x != en[code])],
            fa=[(fa[code], "CLDR fa")] if code in fa else [],
            ar=[ar[code]] if code in ar else [],
            origin="CLDR",
        )
    return drafts


def _apply_state_ids(drafts: dict[str, _Draft], path: str, text: str) -> None:
    seen: set[str] = set()
    for row in _read_tsv(path, text, STATE_ID_COLUMNS, STATE_ID_COLUMNS):
        code, qid = row.cells["code"], row.cells["wikidata"]
        if code not in drafts:
            raise DataError(f"{row.where()}: {code!r} is not a CLDR country code")
        if code in seen:
            raise DataError(f"{row.where()}: {code} is listed twice")
        if qid and not _QID.match(qid):
            raise DataError(f"{row.where()}: bad Wikidata id {qid!r}")
        seen.add(code)
        drafts[code].kind = "state"
        drafts[code].wikidata = qid or None


def _apply_state_names(drafts: dict[str, _Draft], path: str, text: str) -> dict[str, tuple[str, str]]:
    """Add extra Persian names to the states; return demonym → (state code, origin)."""
    demonyms: dict[str, tuple[str, str]] = {}
    owners: dict[str, tuple[str, str]] = {}  # folded demonym → (code, origin)
    seen: set[str] = set()
    for row in _read_tsv(path, text, STATE_NAME_COLUMNS, STATE_NAME_COLUMNS):
        code = row.cells["code"]
        if code not in drafts:
            raise DataError(f"{row.where()}: {code!r} is not a CLDR country code")
        if code in seen:
            raise DataError(f"{row.where()}: {code} is listed twice")
        seen.add(code)
        draft = drafts[code]
        for name in _split(row, "names"):
            if name.startswith("-"):
                name = name[1:].strip()
                kept = [(t, o) for t, o in draft.fa if t != name]
                if len(kept) == len(draft.fa):
                    raise DataError(f"{row.where()}: cannot remove {name!r}: CLDR has no such name for {code}")
                draft.fa = kept
            elif all(t != name for t, _ in draft.fa):
                draft.fa.append((name, row.where()))
        for demonym in _split(row, "demonyms"):
            folded = label_key(demonym)
            if folded in owners and owners[folded][0] != code:
                other, where = owners[folded]
                raise DataError(f"{row.where()}: demonym {demonym!r} already belongs to {other} ({where})")
            owners.setdefault(folded, (code, row.where()))
            demonyms[demonym] = (code, row.where())
    return demonyms


def _actor_drafts(path: str, text: str, states: dict[str, _Draft]) -> list[_Draft]:
    drafts: list[_Draft] = []
    seen: dict[str, str] = {}
    for row in _read_tsv(path, text, ACTOR_COLUMNS, ACTOR_COLUMNS):
        c = row.cells
        key, kind = c["key"], c["kind"]
        if not _KEY.match(key):
            raise DataError(f"{row.where()}: bad key {key!r}: use UPPER_SNAKE letters, digits and _")
        if key in seen:
            raise DataError(f"{row.where()}: key {key} is already defined at {seen[key]}")
        if key in states:
            raise DataError(f"{row.where()}: key {key} is a CLDR territory code; states come from CLDR")
        if kind not in ACTOR_KINDS:
            raise DataError(f"{row.where()}: unknown kind {kind!r}; expected one of {', '.join(ACTOR_KINDS)}")
        if c["wikidata"] and not _QID.match(c["wikidata"]):
            raise DataError(f"{row.where()}: bad Wikidata id {c['wikidata']!r}")
        affiliation = c["affiliation"] or None
        if affiliation is not None and affiliation not in states:
            raise DataError(f"{row.where()}: affiliation {affiliation!r} is not a CLDR country code")
        if kind == "capital" and affiliation is None:
            raise DataError(f"{row.where()}: a capital needs the affiliation of its state")
        en = _split(row, "en")
        if not en:
            raise DataError(f"{row.where()}: {key} has no English label")
        seen[key] = row.where()
        drafts.append(
            _Draft(
                key=key,
                kind="place" if kind == "capital" else kind,
                en=en,
                fa=[(t, row.where()) for t in _split(row, "fa")],
                ar=_split(row, "ar"),
                wikidata=c["wikidata"] or None,
                affiliation=affiliation,
                role=c["role"] or None,
                capital=kind == "capital",
                origin=row.where(),
            )
        )
    return drafts


def _titles(path: str, text: str, states: dict[str, _Draft]) -> list[Title]:
    titles: list[Title] = []
    seen: dict[str, str] = {}
    for row in _read_tsv(path, text, TITLE_COLUMNS, TITLE_COLUMNS[:4]):
        c = row.cells
        if c["kind"] not in TITLE_KINDS:
            raise DataError(f"{row.where()}: unknown kind {c['kind']!r}; expected one of {', '.join(TITLE_KINDS)}")
        if c["takes_state"] not in ("yes", "no", "org"):
            raise DataError(f"{row.where()}: takes_state must be yes, no or org, not {c['takes_state']!r}")
        if not c["role"]:
            raise DataError(f"{row.where()}: a title needs a role")
        state = c.get("state") or None
        if state is not None and state not in states:
            raise DataError(f"{row.where()}: state {state!r} is not a CLDR country code")
        forms = _split(row, "title")
        if not forms:
            raise DataError(f"{row.where()}: empty title")
        for form in forms:
            folded = label_key(form)
            if folded in seen and seen[folded] != row.where():
                raise DataError(f"{row.where()}: title {form!r} is already defined at {seen[folded]}")
            seen[folded] = row.where()
            titles.append(Title(form, c["role"], c["kind"], c["takes_state"] == "yes", c["takes_state"] == "org", state))
    return titles


def _index(drafts: dict[str, _Draft], demonyms: dict[str, tuple[str, str]]) -> tuple[dict, dict]:
    """Persian labels → (key, how), checking that no name label belongs to two keys."""
    owner: dict[str, tuple[str, str]] = {}  # folded label → (key, origin) for names and capitals
    labels: dict[str, list[tuple[str, str]]] = {}
    for draft in drafts.values():
        how = "capital" if draft.capital else "name"
        for text, origin in draft.fa:
            folded = label_key(text)
            if not folded:
                raise DataError(f"{origin}: label {text!r} is empty once normalised")
            if folded in UNSPECIFIC_LABELS:
                raise DataError(f"{origin}: label {text!r} of {draft.key} is a common word, not a specific name")
            if folded in owner and owner[folded][0] != draft.key:
                other, where = owner[folded]
                raise DataError(f"{origin}: label {text!r} of {draft.key} already belongs to {other} ({where})")
            owner.setdefault(folded, (draft.key, origin))
            pairs = labels.setdefault(text, [])
            if (draft.key, how) not in pairs:
                pairs.append((draft.key, how))
    demonym_index: dict[str, str] = {}
    for text, (code, origin) in demonyms.items():
        if label_key(text) in UNSPECIFIC_LABELS:
            raise DataError(f"{origin}: demonym {text!r} is a common word")
        demonym_index[text] = code
        pairs = labels.setdefault(text, [])
        if (code, "demonym") not in pairs:
            pairs.append((code, "demonym"))
    return labels, demonym_index


def read_kb_data(extra: tuple[Path, ...]) -> KbData:
    """CLDR states, the packaged actors and titles, and the actors of the user files `extra`, checked."""
    states = _states()
    _apply_state_ids(states, *_read_packaged("states_wikidata.tsv"))
    demonyms = _apply_state_names(states, *_read_packaged("fa/state_names.tsv"))

    drafts: dict[str, _Draft] = dict(states)
    for draft in _actor_drafts(*_read_packaged("actors.tsv"), states):
        drafts[draft.key] = draft
    for path in extra:
        # a user file may add actors or replace packaged ones by key; states come from CLDR
        for draft in _actor_drafts(*_read_file(Path(path)), states):
            drafts[draft.key] = draft

    labels, demonym_index = _index(drafts, demonyms)
    titles = _titles(*_read_packaged("fa/titles.tsv"), states)

    entities: dict[str, Entity] = {}
    for key, d in sorted(drafts.items(), key=lambda kv: kv[1].affiliation is not None):
        # states and other affiliation-free entities first: an affiliation is the state's Entity
        entities[key] = Entity(
            key=key,
            kind=d.kind,
            labels=tuple(("en", t) for t in d.en) + tuple(("fa", t) for t, _ in d.fa) + tuple(("ar", t) for t in d.ar),
            wikidata=d.wikidata,
            affiliation=entities[d.affiliation] if d.affiliation else None,
            role=d.role,
        )
    entities = {key: entities[key] for key in drafts}  # back to file order: CLDR, then actors
    capitals = frozenset(k for k, d in drafts.items() if d.capital)
    return KbData(entities, labels, titles, demonym_index, capitals)
