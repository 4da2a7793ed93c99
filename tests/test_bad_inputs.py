"""Hostile inputs end to end: each bad file is one line naming it and the problem, the batch goes on and
writes every good file's claims, nothing ends in a traceback or a hang (issue 10)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

KG = Path(sys.executable).parent / "kg"
GOOD = "سرگئی لاوروف گفت: روسیه از دولت سوریه حمایت می\u200cکند.\n"
OTHER = "وزیر خارجه ترکیه گفت: ترکیه از دولت عراق حمایت می\u200cکند.\n"


def bad_files(folder: Path) -> dict[str, str]:
    """Write one good article and one file of each bad kind; bad file name -> words its error line holds."""
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "deep.jsonl").write_text('{"text": "x", "n": ' + "[" * 50000 + "]" * 50000 + "}\n", encoding="utf-8")
    (folder / "surrogate.jsonl").write_text('{"id": "s\\ud800", "text": "متن"}\n', encoding="utf-8")
    (folder / "url.jsonl").write_text(json.dumps({"url": "http://[::1", "text": "متن خبر"}) + "\n", encoding="utf-8")
    (folder / "page.html").write_text('<meta property="og:url" content="http://[::1"><p>متن</p>', encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "tags.html").write_text("<p>" + "<a " * 30000, encoding="utf-8")  # quadratic for html.parser
    (folder / "rules.txt").write_text(GOOD + "=" * 50000 + "\n", encoding="utf-8")  # quadratic for spaCy's tokenizer
    (folder / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    os.mkfifo(folder / "fifo.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / os.fsdecode(b"\xff.txt")).write_text(GOOD, encoding="utf-8")
    (folder / "two").mkdir()
    (folder / "two" / "good.txt").write_text(OTHER, encoding="utf-8")
    return {"deep.jsonl": "nested too deeply", "surrogate.jsonl": "lone surrogate", "url.jsonl": "not a valid URL",
            "page.html": "not a valid URL", "binary.txt": "binary", "tags.html": "no text", "latin1.txt": "not UTF-8",
            "fifo.txt": "not a regular file", "dangling.txt": "link to nothing", "loop.txt": "loops",
            "\\udcff.txt": "not UTF-8", "two/good.txt": "already that of"}


def kg(*args) -> subprocess.CompletedProcess:
    return subprocess.run([str(KG), *map(str, args)], capture_output=True, text=True, timeout=600)


def check_report(run: subprocess.CompletedProcess, folder: Path, expected: dict[str, str]) -> None:
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    lines = [line for line in (run.stderr + run.stdout).splitlines() if line.startswith("kg: ")]
    for name, words in expected.items():
        mine = [line for line in lines if f"{folder}/{name}:" in line]
        assert len(mine) == 1 and words in mine[0], (name, mine)
    assert len(lines) == len(expected)


def test_extract_reports_each_bad_file_on_one_line_and_writes_the_good_ones(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    expected = bad_files(folder)
    run = kg("extract", folder, "-o", tmp_path / "out.ttl")
    check_report(run, folder, expected)
    assert "resource/actor/RU>" in (tmp_path / "out.ttl").read_text(encoding="utf-8")


def test_ingest_reports_the_same_and_a_second_run_changes_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    expected = bad_files(folder)
    first = kg("ingest", folder, "--store", tmp_path / "store", "--quiet")
    check_report(first, folder, expected)
    dump1 = kg("export", "--store", tmp_path / "store", "-o", tmp_path / "one.nq")
    second = kg("ingest", folder, "--store", tmp_path / "store", "--quiet")
    check_report(second, folder, expected)
    assert "0 added" in second.stdout
    kg("export", "--store", tmp_path / "store", "-o", tmp_path / "two.nq")
    assert dump1.returncode == 0 and (tmp_path / "one.nq").read_bytes() == (tmp_path / "two.nq").read_bytes()


@pytest.mark.parametrize("name", ["line\nbreak.txt", "tab\tname.txt"])
def test_a_file_name_with_a_control_character_still_gives_one_line(tmp_path, name):
    (tmp_path / name).write_bytes(b"\x00\x01")
    run = kg("extract", tmp_path / name, "-o", tmp_path / "out.ttl")
    (line,) = [line for line in run.stderr.splitlines() if line.startswith("kg: ")]
    assert run.returncode == 1 and "binary" in line and name.replace("\n", "\\n").replace("\t", "\\t") in line


def test_utf16_text_is_read_as_utf16(tmp_path):
    (tmp_path / "a.txt").write_bytes(GOOD.encode("utf-16"))
    run = kg("extract", tmp_path / "a.txt", "-o", tmp_path / "out.ttl")
    assert run.returncode == 0, run.stderr
    assert "resource/actor/RU>" in (tmp_path / "out.ttl").read_text(encoding="utf-8")
