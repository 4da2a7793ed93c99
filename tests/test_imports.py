"""The import direction of kg/ follows the data (guide/architecture.md): an AST scan keeps it so.

model/errors import nothing of ours (model none at all); ingest/webpage/normalise no spaCy or rdflib;
nlp no rdflib; rdf, sparql, diagram, remote and store no spaCy; cli only kg.api and kg.errors.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kg"


def module_name(path):
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def known_modules():
    return {module_name(p) for p in PACKAGE.rglob("*.py")}


def imports_of_source(source, module, is_package=False, modules=frozenset()):
    """Every module `source` imports (anywhere, also inside functions), relative imports made absolute.

    `from P import name` counts as importing P.name when that is a module (one of `modules`), else P.
    """
    package = module if is_package else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                found.add(submodule if node.module is None or submodule in modules else target)
    return found


def imports(relative):
    path = PACKAGE / relative
    return imports_of_source(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py",
                             known_modules())


def files(pattern):
    found = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.glob(pattern))
    assert found, f"no kg/{pattern}"
    return found


def ours(names):
    return {n for n in names if n == "kg" or n.startswith("kg.")}


def uses(names, top):
    return {n for n in names if n == top or n.startswith(top + ".")}


def test_the_scanner_resolves_relative_imports():
    source = "from . import api\nfrom .errors import KgError\nfrom ..model import Claim\nimport rdflib.namespace\n" \
             "def f():\n    from .nlp import make_nlp\n    import spacy\n"
    assert imports_of_source(source, "kg.rdf.build") == {
        "kg.rdf.api", "kg.rdf.errors", "kg.model", "rdflib.namespace", "kg.rdf.nlp", "spacy"}
    assert imports_of_source("from .vocab import DIP\n", "kg.rdf", is_package=True) == {"kg.rdf.vocab"}
    modules = {"kg", "kg.api", "kg.nlp"}
    assert imports_of_source("from kg import api, extract\n", "kg.cli", modules=modules) == {"kg.api", "kg"}
    assert imports_of_source("from . import nlp\n", "kg.cli", modules=modules) == {"kg.nlp"}


def test_the_scanner_sees_what_cli_imports():
    assert {"kg.api", "kg.errors"} <= imports("cli.py")


def test_model_imports_nothing_of_kg():
    assert ours(imports("model.py")) == set()


def test_errors_imports_at_most_model():
    assert ours(imports("errors.py")) <= {"kg.model"}


@pytest.mark.parametrize("relative", ["ingest.py", "webpage.py", "normalise.py"])
def test_reading_and_normalising_need_no_spacy_nor_rdflib(relative):
    found = imports(relative)
    assert not uses(found, "spacy") and not uses(found, "rdflib")
    assert not uses(found, "kg.nlp") and not uses(found, "kg.rdf"), "these pull in spaCy or rdflib"


@pytest.mark.parametrize("relative", files("nlp/*.py"))
def test_nlp_needs_no_rdflib(relative):
    found = imports(relative)
    assert not uses(found, "rdflib") and not uses(found, "kg.rdf") and not uses(found, "kg.sparql")


@pytest.mark.parametrize("relative", files("rdf/*.py") + ["sparql.py", "diagram.py", "remote.py", "store.py"])
def test_graph_modules_need_no_spacy(relative):
    found = imports(relative)
    assert not uses(found, "spacy") and not uses(found, "kg.nlp")


def test_cli_imports_only_api_and_errors_of_kg():
    assert ours(imports("cli.py")) <= {"kg.api", "kg.errors"}
