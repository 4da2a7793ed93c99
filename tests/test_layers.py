"""The layout of kg/ follows the data flow: import-linter's contracts (setup.cfg) hold, and break on a wrong-way import."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kg"
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess:
    """Run lint-imports on the kg package under `root` with the contracts of `root`/setup.cfg."""
    env = os.environ | {"PYTHONPATH": str(root)}
    return subprocess.run([str(LINT), "--config", str(root / "setup.cfg"), "--no-cache"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_import_contracts_hold():
    run = lint(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout and "Contracts: 5 kept" in run.stdout


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the package and its setup.cfg to break on purpose."""
    shutil.copytree(PACKAGE, tmp_path / "kg", ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copy(ROOT / "setup.cfg", tmp_path / "setup.cfg")
    return tmp_path


@pytest.mark.parametrize(("module", "line", "broken"), [
    ("read/html.py", "from .. import api", "Stages import down the data flow only BROKEN"),
    ("rdf/iris.py", "from ..run import article", "Stages import down the data flow only BROKEN"),
    ("nlp/lexicon.py", "import rdflib", "The language pipeline knows nothing of RDF BROKEN"),
    ("read/dates.py", "import spacy", "Reading articles needs neither spaCy nor rdflib BROKEN"),
    ("diagrams/diagram.py", "from ..eval import score", "Stages import down the data flow only BROKEN"),
    ("cli.py", "from .store import oxigraph", "The CLI goes through the API BROKEN"),
])
def test_a_wrong_way_import_breaks_a_contract(copy, module, line, broken):
    path = copy / "kg" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    run = lint(copy)
    assert run.returncode != 0 and broken in run.stdout, run.stdout + run.stderr


def test_no_module_of_kg_imports_itself_back_through_others():
    graph = grimp.build_graph("kg")
    imports = nx.DiGraph()
    for module in graph.modules:
        imports.add_edges_from((module, other) for other in graph.find_modules_directly_imported_by(module)
                               if other.startswith("kg.") and other != module)
    assert list(nx.simple_cycles(imports)) == []


def test_the_top_level_is_the_public_surface_and_the_plain_data():
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert modules == ["__init__.py", "api.py", "cli.py", "errors.py", "model.py"]
    stages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert stages == ["diagrams", "eval", "nlp", "queries", "rdf", "read", "run", "serve", "store"]


def test_every_module_stays_under_400_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) >= 400}
    assert long == {}


def test_tests_mirror_the_package_layout():
    """Each stage has its test folder, and each test file there is named after a module (or folder) it tests."""
    stages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert stages <= {p.name for p in (ROOT / "tests").iterdir() if p.is_dir()}
    orphans = [str(t.relative_to(ROOT)) for t in (ROOT / "tests").glob("*/test_*.py")
               if not (PACKAGE / t.parent.name / t.stem.removeprefix("test_")).with_suffix(".py").is_file()
               and not (PACKAGE / t.parent.name / t.stem.removeprefix("test_")).is_dir()]
    assert orphans == []


@pytest.mark.parametrize("module", ["kg.rdf.build", "kg.store.oxigraph", "kg.queries.table", "kg.queries.directory",
                                    "kg.diagrams.diagram", "kg.serve.app", "kg.eval.score"])
def test_the_uses_run_without_loading_spacy(module):
    # import-linter sees the imports a module makes, not the package __init__ files Python runs on the way
    code = f"import sys, {module}; print('spacy' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0 and run.stdout.strip() == "False", run.stderr
