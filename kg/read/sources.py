"""Read articles from plain text, HTML and JSON Lines into `Article`s (stdlib only).

`Article.raw` is the text as read (HTML already stripped to text); `Article.text` is the
normalised article body without page furniture, and `Article.offsets` map it back into `raw`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import DataError, InputError, UsageError
from ..model import Article, Entity
from .dates import fars_date, iso_date
from .html import read_html
from .normalise import fold_key, normalise
from .translit import transliterate

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIX = ".jsonl"
GOLD_SUFFIX = ".gold.jsonl"
_NOT_ARTICLES = frozenset({"readme", "sources", "license", "licence", "changelog", "notice", "authors"})
_UNKEYED = re.compile(r"[\s«»\"'()]")
_SHORT = 200  # longer lines are article text, never furniture, a title or a news-id line
_NEWS_ID = re.compile(r"(?:کدخبر|شناسهخبر|کدمطلب|شمارهخبر):?(\d{3,})")
_LEDE = re.compile(r"([^\n:]{2,40}?)\s*(?::|\s[-–—]\s)")
_CUE = re.compile(r"\s*(?:و\s+)?(?:به گزارش|بنا ?بر گزارش|بنا به گزارش|به نقل از|به نوشته)\s+")
_DELIM = re.compile(r"[،,.:؛\n()]")
_STOP = frozenset("از در به و که با را طی ضمن نیز برای چاپ".split())
# A dateline opening the lead: "نیویورک – ایرنا- ...", "ایران پرس- ...", "گزارش بخش دری صدای آمریکا - ...".
_DATELINE = re.compile(r"([^\n\-–—:؛]{2,40}?)\s*[-–—]+(?=\s|[^\s\-–—])")
# A site name closing a page title: "... | Euronews", "... - ایسنا".
_SITE = re.compile(r"\s(?:\||[-–—])\s*([^|\-–—\n]{2,40})$")
_TYPES = ("خبرگزاری", "روزنامه", "شبکه", "هفته نامه", "نشریه", "مجله", "تلویزیون", "رادیو", "پایگاه خبری")


def _fold(name: str) -> str:
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
            other = labels.setdefault(_fold(name), entity)
            if other.key != entity.key:
                raise DataError(f"kg/data/agencies.tsv:{n}: label {name!r} already belongs to {other.key}")
        latin.extend((re.sub(r"[^a-z0-9]", "", s.lower()), entity) for s in names["en"])
    return labels, tuple(sorted(latin, key=lambda p: -len(p[0])))


def _lookup(name: str) -> Entity | None:
    """The agency a name (with or without خبرگزاری, روزنامه ...) stands for."""
    labels = _agencies()[0]
    key = _fold(name)
    if key in labels:
        return labels[key]
    for kind in map(_fold, _TYPES):
        if key.startswith(kind) and key[len(kind):] in labels:
            return labels[key[len(kind):]]
    return None


def _named_outlet(url: str | None, ident: str) -> Entity | None:
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


def _resolve(words: list[str]) -> Entity | None:
    """The agency named by a phrase after a citation cue: a known label, else خبرگزاری X etc."""
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            if entity := _lookup(" ".join(words[i:j])):
                return entity
    kinds = set(map(_fold, _TYPES))
    for i in range(len(words) - 1):
        if _fold(words[i]) in kinds or _fold(" ".join(words[i:i + 2])) in kinds:
            name = normalise(" ".join(words[i:i + 4]))[0]
            return Entity("agency:" + name, "agency", (("en", transliterate(name)), ("fa", name)))
    return None


def _dateline(paragraphs: list[str]) -> Entity | None:
    """The agency of a dateline opening one of the first paragraphs ("CITY – AGENCY –", "AGENCY –")."""
    for paragraph in paragraphs:
        at = 0
        for _ in range(2):  # the city, then the agency
            m = _DATELINE.match(paragraph, at)
            if m is None:
                break
            words = m.group(1).split()
            ends = (_lookup(" ".join(words[i:])) for i in range(len(words))) if len(words) <= 6 else ()
            if entity := next((e for e in ends if e is not None), None):
                return entity
            at = m.end()
    return None


def _site(title: str) -> Entity | None:
    """The outlet a page title names after "|" or a dash at its end."""
    m = _SITE.search(title.split("\n", 1)[0])
    return _lookup(m.group(1).strip()) if m else None


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


def _chain(text: str) -> list[Entity]:
    """Agencies cited in order: به گزارش X، به نقل از Y ... (the first cue that names one)."""
    for cue in _CUE.finditer(text):
        words, end = _phrase(text, cue.end())
        if first := _resolve(words):
            break
    else:
        return []
    chain = [first]
    while True:
        d = _DELIM.search(text, end)
        nxt = _CUE.search(text, end, d.start() if d else len(text))
        if nxt is None and d and d.group() in "،,":
            nxt = _CUE.match(text, d.end())
        if nxt is None:
            return chain
        words, end = _phrase(text, nxt.end())
        if (entity := _resolve(words)) is None:
            return chain
        chain.append(entity)


@lru_cache(maxsize=None)
def _furniture() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """fa/furniture.txt as one pattern for `cut` lines and one for `drop` lines."""
    kinds: dict[str, list[str]] = {"cut": [], "drop": []}
    text = resources.files("kg").joinpath("data", "fa", "furniture.txt").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, pattern = line.partition("\t")
        try:
            re.compile(pattern)
        except re.error as e:
            raise DataError(f"kg/data/fa/furniture.txt:{n}: bad pattern: {e}") from None
        if kind not in kinds or not pattern:
            raise DataError(f"kg/data/fa/furniture.txt:{n}: want 'cut' or 'drop', a tab and a pattern")
        kinds[kind].append(f"(?:{pattern})")
    return re.compile("|".join(kinds["cut"]) or "(?!)"), re.compile("|".join(kinds["drop"]) or "(?!)")


def _strip_furniture(raw: str) -> tuple[str, Sequence[int], str | None]:
    """`raw` less page furniture, the index in `raw` of each kept character, and a news id if seen."""
    cut, drop = _furniture()
    kept: list[tuple[int, int]] = []  # spans of raw
    news_id, body, pos = None, False, 0
    folded = fold_key(raw, keep_lines=True).splitlines()  # one pass folds every line's key
    for line, content, folded_line in zip(raw.splitlines(keepends=True), raw.splitlines(), folded):
        start, pos = pos, pos + len(line)
        key = _UNKEYED.sub("", folded_line).lower() if len(content) <= _SHORT else ""
        if key and news_id is None and (m := _NEWS_ID.search(key)):
            news_id = m.group(1)
        if key and cut.fullmatch(key) and body:
            break
        furniture = key and (cut.fullmatch(key) or drop.fullmatch(key))
        a = start + len(content) if furniture else start  # of furniture, the line break only
        if kept and kept[-1][1] == a:
            kept[-1] = (kept[-1][0], pos)
        elif pos > a:
            kept.append((a, pos))
        body = body or (not furniture and len(content.strip()) >= 80)
    if kept == [(0, len(raw))]:
        return raw, range(len(raw)), news_id
    return "".join(raw[a:b] for a, b in kept), [i for a, b in kept for i in range(a, b)], news_id


def _compose(outer: Sequence[int], inner: tuple[int, ...]) -> tuple[int, ...]:
    """`outer[i]` for each i of `inner`: offsets into the text that `outer` maps from."""
    # outer rises strictly from 0 or more: ending at len - 1 means it is the identity
    return inner if outer and outer[-1] == len(outer) - 1 else tuple(map(outer.__getitem__, inner))


def _article(ident: str, source: str, raw: str, *, title: str | None = None, when: str | None = None,
             url: str | None = None, where: tuple[str, str] | None = None) -> Article:
    """An Article from the text as read, with its outlet, cited agencies, date and news id."""
    kept, kept_offs, news_id = _strip_furniture(raw)
    text, offs = normalise(kept)
    if not text:
        path, line = where or (source, "")
        raise InputError(path, f"{line}no article text")
    paragraphs = text.split("\n\n")
    # the outlet of a lede ("همشهری آنلاین: ...") in the first paragraphs, and where it stands
    outlet, lede_at = next(((e, i) for i, p in enumerate(paragraphs[:3]) if (m := _LEDE.match(p))
                            and len(m.group(1).split()) <= 5 and (e := _lookup(m.group(1)))), (None, -1))
    if lede_at < 1:  # "X: ..." opening the text may be a headline quoting X: an id or URL says more
        outlet = _named_outlet(url, ident) or outlet
    outlet = outlet or _dateline(paragraphs[:3]) or _site(paragraphs[0])
    agencies: list[Entity] = []
    for agency in _chain("\n\n".join(paragraphs[:4])):
        if agency not in agencies and (outlet is None or agency.key != outlet.key):
            agencies.append(agency)
    cue = _CUE.search("\n\n".join(paragraphs[:4]))
    if outlet is None and agencies and "نقل" not in cue.group():
        outlet = agencies.pop(0)  # "به گزارش ایسنا، ..." and no other outlet named: the outlet cites itself
    if title:
        title = normalise(title)[0] or None
    elif lede_at != 0 and len(paragraphs) > 1 and "\n" not in paragraphs[0] and len(paragraphs[0]) < _SHORT:
        title = paragraphs[0]
    serial = re.search(r"[-_](\d{4,})$", ident) or re.search(r"/(\d{4,})(?=[/?#]|$)", url or "")
    if when is None and serial and outlet is not None and outlet.key == "FARS":
        when = fars_date(serial.group(1))
    return Article(id=ident, source=source, raw=raw, text=text, offsets=_compose(kept_offs, offs),
                   outlet=outlet, agencies=tuple(agencies), date=when, title=title,
                   news_id=news_id or (serial.group(1) if serial else None))


def _read_text(path: Path, source: str) -> str:
    """The UTF-8 text of a file, or InputError if it cannot be read, is binary, not UTF-8 or empty."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(source, f"cannot read: {e.strerror or e}") from None
    if b"\x00" in data:
        raise InputError(source, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(source, f"not UTF-8 text (bad byte at offset {e.start})") from None
    if not text.strip():
        raise InputError(source, "empty file")
    return text


def read_article(path: str | Path, *, date: str | None = None) -> Article:
    """One article from a plain-text (.txt, .text, .md) or HTML (.html, .htm) file."""
    when = iso_date(date) if date else None
    if date and when is None:
        raise UsageError(f"date {date!r} is not a yyyy-mm-dd date")
    p, source = Path(path), str(path)
    text = _read_text(p, source)
    title = url = None
    if p.suffix.lower() in HTML_SUFFIXES:
        page = read_html(text)
        text, url, title = page.text, page.url, page.title
        when = when or next((d for value in page.dates if (d := iso_date(value))), None)
        if not text.strip():
            raise InputError(source, "no text in the HTML page")
    return _article(p.stem, source, text, title=title, when=when, url=url)


def _jsonl_article(source: str, stem: str, n: int, line: bytes) -> Article:
    """The article of line `n` of a JSONL corpus."""
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(source, f"line {n}: not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise InputError(source, f"line {n}: not JSON ({e.msg})") from None
    if not isinstance(record, dict):
        raise InputError(source, f"line {n}: not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, f"line {n}: no text")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    stamp = record.get("date") or record.get("published")
    return _article(str(record.get("id") or f"{stem}-{n}"), url or source, text,
                    title=record.get("title") if isinstance(record.get("title"), str) else None,
                    when=iso_date(stamp) if isinstance(stamp, str) else None, url=url, where=(source, f"line {n}: "))


def _jsonl(path: Path, source: str) -> Iterator[Article | InputError]:
    """Articles of a JSONL corpus, with an InputError for each line that is not one."""
    seen = False
    try:
        with path.open("rb") as lines:
            for n, line in enumerate(lines, 1):
                if line.strip():
                    seen = True
                    try:
                        yield _jsonl_article(source, path.name.split(".")[0], n, line)
                    except InputError as e:
                        yield e
    except OSError as e:
        yield InputError(source, f"cannot read: {e.strerror or e}")
    else:
        if not seen:
            yield InputError(source, "empty file")


def read_jsonl(path: str | Path) -> Iterator[Article]:
    """Articles of a JSONL corpus (id, url, title, text, optional date); InputError at a bad line."""
    for item in _jsonl(Path(path), str(path)):
        if isinstance(item, InputError):
            raise item
        yield item


def _is_article_file(path: Path, root: Path) -> bool:
    """Whether a file met in a folder walk is an article or corpus (not hidden, gold, README...)."""
    name = path.name.lower()
    return (path.is_file() and name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + (JSONL_SUFFIX,))
            and not name.endswith(GOLD_SUFFIX) and name.split(".")[0] not in _NOT_ARTICLES
            and not any(part.startswith(".") for part in path.relative_to(root).parts))


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Articles from files and folders (recursively, sorted); an InputError for each input that fails."""
    for given in paths:
        root = Path(given)
        if not root.exists():
            yield InputError(str(given), "no such file or directory")
            continue
        walk = sorted(p for p in root.rglob("*") if _is_article_file(p, root)) if root.is_dir() else [root]
        for path in walk:
            source = str(path) if root.is_dir() else str(given)
            if path.name.lower().endswith(GOLD_SUFFIX):
                yield InputError(source, "a gold claims file, not articles")
            elif path.name.lower().endswith(JSONL_SUFFIX):
                yield from _jsonl(path, source)
            else:
                try:
                    yield read_article(source)
                except InputError as e:
                    yield e
