"""Gold claim files and the entity vocabulary they are written in, per shared/spec/claims.md section 4."""
from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..errors import DataError, InputError

_REMOVED_CHARS = dict.fromkeys(map(ord, "\u200c\u200d\u200e\u200f\u0640\u00a0 \t\n-_'’."))
_ARABIC_TO_PERSIAN = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و"}
)


@dataclass(frozen=True)
class Vocabulary:
    """The entity keys of entities.tsv by Wikidata id and by normalised label, and each key's labels."""

    key_by_qid: dict[str, str]
    keys_by_label: dict[str, frozenset[str]]
    labels_by_key: dict[str, frozenset[str]]


@dataclass(frozen=True)
class GoldClaim:
    """One gold claim as scored: its accepted relations, entity keys, polarity, modality and evidence."""

    id: str
    relations: tuple[str, ...]
    subjects: frozenset[str]
    object_groups: tuple[frozenset[str], ...]
    speakers: frozenset[str]
    negated: bool
    modality: str
    optional: bool
    evidence: str  # normalised
    note: str

    @classmethod
    def from_record(cls, record: dict) -> GoldClaim:
        """The claim of one record of `load_gold`, with the defaults of claims.md for absent fields."""
        return cls(
            id=record["id"],
            relations=tuple(record["relation"]),
            subjects=frozenset(record["subject"]),
            object_groups=tuple(frozenset(group) for group in record["object"]),
            speakers=frozenset(record.get("speaker", [])),
            negated=bool(record.get("negated")),
            modality=record.get("modality", "asserted"),
            optional=bool(record.get("optional")),
            evidence=normalize_label(record.get("evidence") or ""),
            note=record.get("note", ""),
        )


def normalize_label(text: str) -> str:
    """A label as compared: NFKC, Persian letters, no marks, spaces or joiners, lower case, no leading 'the'."""
    text = unicodedata.normalize("NFKC", text).translate(_ARABIC_TO_PERSIAN)
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("M"))
    text = text.translate(_REMOVED_CHARS).lower()
    if text.startswith("the") and len(text) > 6:
        text = text[3:]
    return text


def load_gold(dirs: Iterable[str | Path]) -> dict[str, list[dict]]:
    """Gold claims of every `*.gold.jsonl` in `dirs`, by article name."""
    golds: dict[str, list[dict]] = defaultdict(list)
    for directory in map(Path, dirs):
        if not directory.is_dir():
            raise InputError(str(directory), "not a directory of gold files")
        for path in sorted(directory.glob("*.gold.jsonl")):
            with path.open(encoding="utf-8") as lines:
                for number, line in enumerate(lines, start=1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as error:
                        raise InputError(str(path), f"line {number}: {error.msg}") from None
                    problem = _gold_problem(record)
                    if problem:
                        raise InputError(str(path), f"line {number}: {problem}")
                    golds[record["article"]].append(record)
    return dict(golds)


def _gold_problem(record: object) -> str | None:
    def strings(value: object) -> bool:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)

    if not isinstance(record, dict):
        return "not a JSON object"
    for name in ("id", "article"):
        if not isinstance(record.get(name), str) or not record[name]:
            return f"'{name}' must be a non-empty string"
    if not strings(record.get("relation")) or not record["relation"]:
        return "'relation' must be a non-empty list of strings"
    if not strings(record.get("subject")) or not strings(record.get("speaker", [])):
        return "'subject' and 'speaker' must be lists of strings"
    groups = record.get("object")
    if not isinstance(groups, list) or not all(strings(group) for group in groups):
        return "'object' must be a list of lists of strings"
    return None


def load_vocabulary(entities: Path | None = None, extra: Iterable[Path] = ()) -> Vocabulary:
    """The vocabulary of an entities.tsv (key, wikidata, en, fa, ar), the packaged one by default, with the keys
    and labels of `extra` files added (as the reference scorer's --extra-entities)."""
    key_by_qid: dict[str, str] = {}
    keys_by_label: dict[str, set[str]] = defaultdict(set)
    labels_by_key: dict[str, set[str]] = defaultdict(set)
    for source in [Path(entities) if entities else _packaged("entities.tsv"), *map(Path, extra)]:
        for number, row in enumerate(_read_tsv(source), start=2):
            key = row.get("key")
            if not key:
                raise DataError(f"{source}: line {number}: no key")
            if row.get("wikidata"):
                key_by_qid[row["wikidata"]] = key
            for column in ("en", "fa", "ar"):
                for label in (row.get(column) or "").split("|"):
                    if label.strip():
                        keys_by_label[normalize_label(label)].add(key)
                        labels_by_key[key].add(normalize_label(label))
    return Vocabulary(
        key_by_qid,
        {label: frozenset(keys) for label, keys in keys_by_label.items()},
        {key: frozenset(labels) for key, labels in labels_by_key.items()},
    )


def beside_gold(dirs: Iterable[str | Path]) -> list[Path]:
    """The entities.tsv files that gold folders hold beside their gold files (their extra entity keys)."""
    return [Path(d) / "entities.tsv" for d in dirs if (Path(d) / "entities.tsv").is_file()]


def _packaged(name: str) -> Traversable:
    return resources.files("kg") / "data" / name


def _read_tsv(source: Path | Traversable) -> list[dict[str, str]]:
    with source.open("r", encoding="utf-8") as lines:
        header = lines.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in lines if line.strip()]
