"""The user guide (docs/, MkDocs) builds without a warning and covers every command and relation."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import parser

ROOT = Path(__file__).resolve().parents[1]


def test_the_docs_site_builds_strictly(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "commands" / "index.html").is_file()


def subcommands() -> list[str]:
    return sorted(parser()._subparsers._group_actions[0].choices)


@pytest.mark.parametrize("name", subcommands())
def test_every_command_has_an_example_in_the_guide(name):
    text = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert f"## kg {name}" in text and re.search(rf"```sh\nkg {name}\b", text), f"docs/commands.md lacks kg {name}"


def test_every_relation_is_in_the_vocabulary_page():
    relations = [line.split("\t")[0] for line in
                 (ROOT / "kg" / "data" / "relations.tsv").read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    page = (ROOT / "docs" / "relations.md").read_text(encoding="utf-8")
    assert relations and all(f"`{r}`" in page for r in relations)
