"""Read articles from plain text, HTML and JSON Lines files and folders into `Article`s.

`Article.raw` is the text as read (HTML already stripped to text); `Article.text` is the
normalised article body without page furniture, and `Article.offsets` map it back into `raw`.
"""
from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import DataError, InputError, UsageError
from ..model import Article, Entity
from .agencies import CUE, LEDE, cited_chain, dateline_outlet, header_outlet, lookup, named_outlet, site_outlet
from .dates import fars_date, iso_date
from .html import read_html
from .normalise import fold_key, normalise

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIX = ".jsonl"
GOLD_SUFFIX = ".gold.jsonl"
_NOT_ARTICLES = frozenset({"readme", "sources", "license", "licence", "changelog", "notice", "authors"})
_UNKEYED = re.compile(r"[\s«»\"'()]")
_SHORT = 200  # longer lines are article text, never furniture, a title or a news-id line
_NEWS_ID = re.compile(r"(?:کدخبر|شناسهخبر|کدمطلب|شمارهخبر):?(\d{3,})")


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
    outlet, lede_at = next(((e, i) for i, p in enumerate(paragraphs[:3]) if (m := LEDE.match(p))
                            and len(m.group(1).split()) <= 5 and (e := lookup(m.group(1)))), (None, -1))
    if lede_at < 1:  # "X: ..." opening the text may be a headline quoting X: an id or URL says more
        outlet = named_outlet(url, ident) or outlet
    outlet = outlet or dateline_outlet(paragraphs[:3]) or header_outlet(paragraphs[:3]) or site_outlet(paragraphs[0])
    agencies: list[Entity] = []
    for agency in cited_chain("\n\n".join(paragraphs[:4])):
        if agency not in agencies and (outlet is None or agency.key != outlet.key):
            agencies.append(agency)
    cue = CUE.search("\n\n".join(paragraphs[:4]))
    if outlet is None and agencies and "نقل" not in cue.group():
        outlet = agencies.pop(0)  # "به گزارش ایسنا، ..." and no other outlet named: the outlet cites itself
    if title:
        title = normalise(title)[0] or None
    elif lede_at != 0 and len(paragraphs) > 1 and "\n" not in paragraphs[0] and len(paragraphs[0]) < _SHORT:
        title = paragraphs[0]
    serial = re.search(r"[-_](\d{4,})$", ident) or re.search(r"/(\d{4,})(?=[/?#]|$)", url or "")
    if when is None and serial and outlet is not None and outlet.key == "FARS":
        when = fars_date(serial.group(1))
    return Article(id=ident, source=source, raw=raw, text=text, offsets=_compose(kept_offs, offs), lang=language(text),
                   outlet=outlet, agencies=tuple(agencies), date=when, title=title,
                   news_id=news_id or (serial.group(1) if serial else None))


def language(text: str) -> str:
    """"fa" when most letters of `text` are of the Arabic script, "en" when most are Latin (script statistics:
    enough to tell the languages kg meets apart), else "und"."""
    letters = [ch for ch in text[:20_000] if ch.isalpha()]
    arabic = sum("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" for ch in letters)
    latin = sum(ch.isascii() for ch in letters)
    if arabic * 2 > len(letters):
        return "fa"
    return "en" if latin * 2 > len(letters) else "und"


def _read_text(path: Path, source: str) -> str:
    """The text of a file (UTF-8, or UTF-16 with its byte-order mark), or InputError if it is no regular
    file, cannot be read, is binary, in another encoding or empty."""
    _regular(path, source)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(source, f"cannot read: {e.strerror or e}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(source, data.decode("utf-16"))
        except UnicodeDecodeError:
            raise InputError(source, "UTF-16 text that does not decode") from None
    if b"\x00" in data:
        raise InputError(source, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(source, f"not UTF-8 text (bad byte at offset {e.start})") from None
    if not text.strip():
        raise InputError(source, "empty file")
    return text


def _regular(path: Path, source: str) -> None:
    """InputError unless `path` is a regular file (a FIFO or device would be read for ever)."""
    try:
        mode = path.stat().st_mode
    except OSError as e:
        problem = "a symbolic link that loops" if e.errno == errno.ELOOP else \
            "a symbolic link to nothing" if path.is_symlink() else (e.strerror or str(e))
        raise InputError(source, problem) from None
    if not stat.S_ISREG(mode):
        raise InputError(source, "not a regular file (a FIFO, socket or device)")


def _checked(source: str, text: str, what: str = "the text") -> str:
    """`text` if it can be written as UTF-8; InputError for a lone surrogate (from JSON) or an undecodable
    byte (of a file name)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        code = ord(text[e.start])
        problem = f"byte 0x{code - 0xDC00:02x} that is not UTF-8" if 0xDC80 <= code <= 0xDCFF else \
            f"a lone surrogate ({text[e.start]!a}), not Unicode text"
        raise InputError(source, f"{what} holds {problem}") from None
    return text


def read_article(path: str | Path, *, date: str | None = None) -> Article:
    """One article from a plain-text (.txt, .text, .md) or HTML (.html, .htm) file."""
    when = iso_date(date) if date else None
    if date and when is None:
        raise UsageError(f"date {date!r} is not a yyyy-mm-dd date")
    p, source = Path(path), str(path)
    _checked(source, source, "the file name")
    text = _read_text(p, source)
    title = url = None
    if p.suffix.lower() in HTML_SUFFIXES:
        page = read_html(text)
        text, url, title = page.text, page.url, page.title
        if url is not None and not _valid_url(url):
            raise InputError(source, f"its og:url {url!r} is not a valid URL")
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
    except RecursionError:
        raise InputError(source, f"line {n}: JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise InputError(source, f"line {n}: not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, f"line {n}: no text")
    for field in ("id", "url", "title", "text"):
        if isinstance(record.get(field), str):
            _checked(source, record[field], f"line {n}: its {field!r}")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    if url is not None and not _valid_url(url):
        raise InputError(source, f"line {n}: url {url!r} is not a valid URL")
    stamp = record.get("date") or record.get("published")
    return _article(str(record.get("id") or f"{stem}-{n}"), url or source, text,
                    title=record.get("title") if isinstance(record.get("title"), str) else None,
                    when=iso_date(stamp) if isinstance(stamp, str) else None, url=url, where=(source, f"line {n}: "))


def _jsonl(path: Path, source: str) -> Iterator[Article | InputError]:
    """Articles of a JSONL corpus, with an InputError for each line that is not one."""
    seen = False
    try:
        _checked(source, source, "the file name")
        _regular(path, source)
    except InputError as e:
        yield e
        return
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


def _valid_url(url: str) -> bool:
    """Whether `url` parses as a URL (urllib refuses "http://[::1")."""
    try:
        urlsplit(url).hostname
    except ValueError:
        return False
    return True


def _is_article_file(path: Path, root: Path) -> bool:
    """Whether a name met in a folder walk is an article or corpus (not hidden, gold, README...): a FIFO or
    a broken link of such a name is one too, to be reported, not passed over."""
    name = path.name.lower()
    return (name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + (JSONL_SUFFIX,))
            and not name.endswith(GOLD_SUFFIX) and name.split(".")[0] not in _NOT_ARTICLES
            and not any(part.startswith(".") for part in path.relative_to(root).parts))


def _walk(root: Path) -> tuple[list[Path], list[InputError]]:
    """The article files under a folder, sorted, and an InputError for each folder that cannot be read."""
    found, errors = [], []

    def unreadable(e: OSError) -> None:
        errors.append(InputError(e.filename or str(root), f"cannot read the folder: {e.strerror or e}"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs.sort()
        found += [p for name in files if _is_article_file(p := Path(folder) / name, root)]
        found += [p for name in dirs if (p := Path(folder) / name).is_symlink() and _is_article_file(p, root)]
    return sorted(found), errors


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Articles from files and folders (recursively, sorted); an InputError for each input that fails, and for
    an article whose id an earlier one with another text has (two `same.txt` in two folders): one id, one
    article. An article read twice with the same text passes again (it adds nothing)."""
    seen: dict[str, tuple[int, str]] = {}
    for item in _articles(paths):
        if isinstance(item, Article):
            text_hash, first = seen.setdefault(item.id, (hash(item.raw), item.source))
            if text_hash != hash(item.raw):
                item = InputError(item.source, f"its id {item.id!r} is already that of {first}, with another "
                                               "text: give one of them another name or id")
        yield item


def _articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    for given in paths:
        root = Path(given)
        if not root.exists() and not root.is_symlink():
            yield InputError(str(given), "no such file or directory")
            continue
        walk, unreadable = _walk(root) if root.is_dir() else ([root], [])
        yield from unreadable
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
