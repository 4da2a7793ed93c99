"""kg.eval.gold: reading and checking gold claim files, label normalisation and the entity vocabulary."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import DataError, InputError
from kg.eval.gold import GoldClaim, load_gold, load_vocabulary, normalize_label

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PACKAGED_ENTITIES = Path(__file__).resolve().parents[2] / "kg" / "data" / "entities.tsv"

needs_shared = pytest.mark.skipif(not (SHARED / "spec" / "entities.tsv").exists(), reason="no /work/shared")


def test_labels_are_normalised():
    assert normalize_label("The Kremlin") == normalize_label("kremlin") == "kremlin"
    assert normalize_label("روسيه") == normalize_label("روسیه")  # Arabic yeh
    assert normalize_label("حزب\u200cالله") == normalize_label("حزب الله") == "حزبالله"


def test_gold_files_are_read_by_article(tmp_path: Path):
    (tmp_path / "a.gold.jsonl").write_text(
        '{"id": "a#1", "article": "a", "relation": ["meets"], "subject": ["RUS"], "object": [["IRQ"]]}\n\n'
        '{"id": "b#1", "article": "b", "relation": ["supports"], "subject": ["USA"], "object": [],'
        ' "speaker": ["LAVROV"], "negated": true, "modality": "future", "optional": true,'
        ' "evidence": "The  Kremlin"}\n',
        encoding="utf-8",
    )
    golds = load_gold([tmp_path])
    assert sorted(golds) == ["a", "b"]
    first, second = GoldClaim.from_record(golds["a"][0]), GoldClaim.from_record(golds["b"][0])
    assert (first.relations, first.subjects, first.object_groups) == (("meets",), {"RUS"}, (frozenset({"IRQ"}),))
    assert (first.speakers, first.negated, first.modality, first.optional) == (frozenset(), False, "asserted", False)
    assert (second.negated, second.modality, second.optional, second.evidence) == (True, "future", True, "kremlin")


def test_a_malformed_gold_line_names_file_and_line(tmp_path: Path):
    (tmp_path / "a.gold.jsonl").write_text('{"id": "a#1", "article": "a", "relation": ["meets"], '
                                           '"subject": [], "object": [["RUS"]]}\n\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 3: "):
        load_gold([tmp_path])
    (tmp_path / "a.gold.jsonl").write_text('{"id": "a#1", "article": "a", "relation": ["meets"], '
                                           '"subject": ["RUS"], "object": ["RUS"]}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 1: 'object'"):
        load_gold([tmp_path])


def test_a_gold_path_must_be_a_directory(tmp_path: Path):
    with pytest.raises(InputError, match="not a directory"):
        load_gold([tmp_path / "missing"])


def test_the_vocabulary_maps_ids_and_labels_to_keys(tmp_path: Path):
    entities = tmp_path / "entities.tsv"
    entities.write_text("key\ttype\twikidata\ten\tfa\tar\nRUS\tstate\tQ159\tRussia|Russian Federation\tروسیه\tروسيا\n"
                        "LAVROV\tperson\t\tSergey Lavrov\t\t\n", encoding="utf-8")
    vocabulary = load_vocabulary(entities)
    assert vocabulary.key_by_qid == {"Q159": "RUS"}
    assert vocabulary.keys_by_label["russianfederation"] == {"RUS"}
    assert vocabulary.labels_by_key["RUS"] == {"russia", "russianfederation", "روسیه", "روسیا"}
    assert vocabulary.labels_by_key["LAVROV"] == {"sergeylavrov"}


def test_a_vocabulary_row_without_a_key_is_a_data_error(tmp_path: Path):
    entities = tmp_path / "entities.tsv"
    entities.write_text("key\ttype\twikidata\ten\n\tstate\t\tNowhere\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 2: no key"):
        load_vocabulary(entities)


def test_the_packaged_vocabulary_is_the_default():
    assert load_vocabulary() == load_vocabulary(PACKAGED_ENTITIES)


@needs_shared
def test_packaged_entities_are_the_spec_entities():
    assert PACKAGED_ENTITIES.read_bytes() == (SHARED / "spec" / "entities.tsv").read_bytes()
