"""kg.eval.calibrate: the confidence table from judged claims."""
from __future__ import annotations

from kg.eval.calibrate import MIN_CLAIMS, table, write_table
from kg.rdf.confidence import buckets


def test_each_group_gets_its_smoothed_share_of_right_claims_and_small_groups_none(tmp_path):
    judgements = ([(buckets("meets", "words"), True)] * 8 + [(buckets("meets", "words"), False)] * 2
                  + [(buckets("fights", "parse"), False)] * (MIN_CLAIMS - 1))
    rows = {group: (total, right, round(score, 3)) for group, total, right, score in table(judgements)}
    assert rows["all"] == (10 + MIN_CLAIMS - 1, 8, round(9 / (10 + MIN_CLAIMS + 1), 3))
    assert rows["meets"] == rows["meets, words"] == (10, 8, 0.75)
    assert "fights" not in rows and "fights, parse" not in rows
    text = write_table(table(judgements), tmp_path / "confidence.tsv", "invented").read_text(encoding="utf-8")
    assert text.splitlines()[1] == "group\tclaims\tright\tconfidence" and text.splitlines()[2].startswith("all\t")


def test_a_missing_input_is_one_line(tmp_path, capsys):
    from kg.eval.calibrate import main

    assert main(["--gold", str(tmp_path), "--data", str(tmp_path / "none.ttl"), "-o", str(tmp_path / "c.tsv")]) != 0
    assert capsys.readouterr().err.count("\n") == 1 and not (tmp_path / "c.tsv").exists()
