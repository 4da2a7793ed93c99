"""Generic loader of the TSV lexicons under kg/data: rows as dicts, errors naming file and line."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import DataError

ZWNJ = "\u200c"
ZWJ = "\u200d"
# Zero-width joiners, tatweel and the short-vowel marks (harakat) that writers add now and then ("کُرد").
_INVISIBLE = dict.fromkeys(map(ord, ZWNJ + ZWJ + "\u0640" + "".join(map(chr, range(0x064B, 0x0653)))), None)


def key_form(text: str) -> str:
    """The form words are matched on: no zero-width joiners, tatweel or short-vowel marks."""
    return text.translate(_INVISIBLE)


_JOINERS = dict.fromkeys(map(ord, ZWNJ + ZWJ + "\u0640"), None)


def strip_joiners(text: str) -> str:
    """Text without zero-width joiners and tatweel, short-vowel marks kept (they tell "کُرد" from "کرد")."""
    return text.translate(_JOINERS)


def is_word(text: str) -> bool:
    """True for a token made of letters (ZWNJ allowed, which spaCy's is_alpha rejects)."""
    return text.replace(ZWNJ, "").replace(ZWJ, "").isalpha()


def data_path(name: str) -> Path:
    """Path of a file under kg/data."""
    return Path(str(resources.files("kg").joinpath("data", name)))


def read_tsv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a TSV file with exactly `columns` as header; `#` lines are comments."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                if tuple(header) != columns:
                    raise DataError(f"{path}:{lineno}: header {header} is not {list(columns)}")
                continue
            if len(cells) > len(columns):
                raise DataError(f"{path}:{lineno}: {len(cells)} cells, expected {len(columns)}")
            cells += [""] * (len(columns) - len(cells))
            rows.append(dict(zip(columns, (c.strip() for c in cells))))
    if header is None:
        raise DataError(f"{path}:1: empty lexicon")
    return rows


@lru_cache(maxsize=None)
def lexicon(name: str, columns: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    """Cached rows of the packaged lexicon `name` (a path under kg/data)."""
    return tuple(read_tsv(data_path(name), columns))


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """A packaged list of words, one a line, in key form; `#` lines are comments."""
    words = set()
    with open(data_path(name), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                words.add(key_form(line))
    return frozenset(words)
