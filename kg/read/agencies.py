"""News agencies and outlets: the outlet of an article (lede, id or URL, dateline, site name) and the chain
of agencies it cites ("به گزارش ایسنا، به نقل از خبرگزاری اسپوتنیک"), from kg/data/agencies.tsv."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from ..errors import DataError
from ..model import Entity
from .normalise import fold_key, normalise
from .translit import transliterate

_UNKEYED = re.compile(r"[\s«»\"'()]")
LEDE = re.compile(r"([^\n:]{2,40}?)\s*(?::|\s[-–—]\s)")
CUE = re.compile(r"\s*(?:و\s+)?(?:به گزارش|بنا ?بر گزارش|بنا به گزارش|به نقل از|به نوشته)\s+")
_DELIM = re.compile(r"[،,.:؛\n()]")
_STOP = frozenset("از در به و که با را طی ضمن نیز برای چاپ".split())
# A dateline opening the lead: "نیویورک – ایرنا- ...", "ایران پرس- ...", "گزارش بخش دری صدای آمریکا - ...".
_DATELINE = re.compile(r"([^\n\-–—:؛]{2,40}?)\s*[-–—]+(?=\s|[^\s\-–—])")
# A site name closing a page title: "... | Euronews", "... - ایسنا".
_SITE = re.compile(r"\s(?:\||[-–—])\s*([^|\-–—\n]{2,40})$")
_TYPES = ("خبرگزاری", "روزنامه", "شبکه", "هفته نامه", "نشریه", "مجله", "تلویزیون", "رادیو", "پایگاه خبری", "سایت",
          "پایگاه خبری تحلیلی")


def fold_name(name: str) -> str:
    """A lookup key: letters folded, without spaces, quotes or zero-width characters, lower case."""
    # normalise() beyond fold_key only moves spaces and ZWNJs, which the key drops anyway
    return _UNKEYED.sub("", fold_key(name)).lower()


@lru_cache(maxsize=None)
def _agencies() -> tuple[dict[str, Entity], tuple[tuple[str, Entity], ...]]:
    """agencies.tsv as folded label -> agency, and folded Latin labels (longest first) for ids and URLs."""
    labels: dict[str, Entity] = {}
    latin: list[tuple[str, Entity]] = []
    text = resources.files("kg").joinpath("data", "agencies.tsv").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        cols = line.split("\t")
        if n == 1 or not line.strip():
            continue
        if len(cols) != 5 or not cols[0] or not cols[2]:
            raise DataError(f"kg/data/agencies.tsv:{n}: want key, wikidata, en, fa, ar (tab-separated)")
        names = {lang: [s.strip() for s in col.split("|") if s.strip()]
                 for lang, col in zip(("en", "fa", "ar"), cols[2:])}
        entity = Entity(cols[0], "agency", tuple((lang, ns[0]) for lang, ns in names.items() if ns), cols[1] or None)
        for name in (n_ for ns in names.values() for n_ in ns):
            other = labels.setdefault(fold_name(name), entity)
            if other.key != entity.key:
                raise DataError(f"kg/data/agencies.tsv:{n}: label {name!r} already belongs to {other.key}")
        latin.extend((re.sub(r"[^a-z0-9]", "", s.lower()), entity) for s in names["en"])
    return labels, tuple(sorted(latin, key=lambda p: -len(p[0])))


def lookup(name: str) -> Entity | None:
    """The agency a name (with or without خبرگزاری, روزنامه ...) stands for."""
    labels = _agencies()[0]
    key = fold_name(name)
    if key in labels:
        return labels[key]
    for kind in sorted(map(fold_name, _TYPES), key=len, reverse=True):
        if key.startswith(kind) and (rest := key[len(kind):]):
            if found := labels.get(rest) or _short_names().get(rest):
                return found
    return None


def named_outlet(url: str | None, ident: str) -> Entity | None:
    """The outlet an URL host (www.isna.ir) or id prefix (fars-...) names."""
    names = []
    if url and (host := urlsplit(url).hostname):
        parts = host.lower().split(".")
        names.append(parts[-3] if len(parts) > 2 and parts[-2] in ("co", "com", "org", "net", "ac")
                     else parts[-2] if len(parts) > 1 else parts[0])
    if m := re.match(r"([a-z]+)[-_]", ident.lower()):
        names.append(m.group(1))
    for name in names:
        for label, entity in _agencies()[1]:
            if name == label or (len(label) >= 4 and name.startswith(label)):
                return entity
    return None


@lru_cache(maxsize=None)
def _short_names() -> dict[str, Entity]:
    """Outlets by their name without its kind ("مشرق" for "پایگاه خبری مشرق"): how a citation names them."""
    kinds = sorted(map(fold_name, _TYPES), key=len, reverse=True)
    short: dict[str, Entity] = {}
    for key, entity in _agencies()[0].items():
        kind = next((k for k in kinds if key.startswith(k) and len(key) > len(k)), None)
        if kind is not None:
            short.setdefault(key[len(kind):], entity)
    return short


def _resolve(words: list[str]) -> Entity | None:
    """The agency named by a phrase after a citation cue: a known label, the name of a known outlet without
    its kind ("به گزارش مشرق"), else خبرگزاری X etc."""
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            if entity := lookup(" ".join(words[i:j])):
                return entity
    for j in range(min(len(words), 3), 0, -1):  # the name opens the phrase
        if entity := _short_names().get(fold_name(" ".join(words[:j]))):
            return entity
    kinds = set(map(fold_name, _TYPES))
    for i in range(len(words) - 1):
        if fold_name(words[i]) in kinds or fold_name(" ".join(words[i:i + 2])) in kinds:
            name = normalise(" ".join(words[i:i + 4]))[0]
            return Entity("agency:" + name, "agency", (("en", transliterate(name)), ("fa", name)))
    return None


def dateline_outlet(paragraphs: list[str]) -> Entity | None:
    """The agency of a dateline opening one of the first paragraphs ("CITY – AGENCY –", "AGENCY –")."""
    for paragraph in paragraphs:
        at = 0
        for _ in range(2):  # the city, then the agency
            m = _DATELINE.match(paragraph, at)
            if m is None:
                break
            words = m.group(1).split()
            ends = (lookup(" ".join(words[i:])) for i in range(len(words))) if len(words) <= 6 else ()
            if entity := next((e for e in ends if e is not None), None):
                return entity
            at = m.end()
    return None


# A site's header before its lead: "پایگاه خبری تحلیلی انتخاب (Entekhab.ir) : ..."
_HEADER = re.compile(r"\(\s*((?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})\s*\)\s*:")


def header_outlet(paragraphs: list[str]) -> Entity | None:
    """The outlet a site header names by its domain in brackets before a colon, in the first paragraphs."""
    for paragraph in paragraphs:
        if (m := _HEADER.search(paragraph)) and (entity := named_outlet("http://" + m.group(1).lower(), "")):
            return entity
    return None


def site_outlet(title: str) -> Entity | None:
    """The outlet a page title names after "|" or a dash at its end."""
    m = _SITE.search(title.split("\n", 1)[0])
    return lookup(m.group(1).strip()) if m else None


def _phrase(text: str, pos: int) -> tuple[list[str], int]:
    """The words of a name that starts at `pos`, up to punctuation or a preposition, and its end."""
    d = _DELIM.search(text, pos)
    end = d.start() if d else len(text)
    words: list[str] = []
    for m in re.finditer(r"\S+", text[pos:end]):
        word = m.group().strip("«»\"'")
        if word in _STOP or len(words) == 8:
            return words, pos + m.start()
        if word:
            words.append(word)
    return words, end


def cited_chain(text: str) -> list[Entity]:
    """Agencies cited in order: به گزارش X، به نقل از Y ... (the first cue that names one)."""
    for cue in CUE.finditer(text):
        words, end = _phrase(text, cue.end())
        if first := _resolve(words):
            break
    else:
        return []
    chain = [first]
    while True:
        d = _DELIM.search(text, end)
        nxt = CUE.search(text, end, d.start() if d else len(text))
        if nxt is None and d and d.group() in "،,":
            nxt = CUE.match(text, d.end())
        if nxt is None:
            return chain
        words, end = _phrase(text, nxt.end())
        if (entity := _resolve(words)) is None:
            return chain
        chain.append(entity)
