"""kg.rdf.files: formats named by extension, whole files or nothing, RDF files parsed into one graph."""
from __future__ import annotations

import json
import os

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import InputError, UsageError
from kg.rdf.files import atomic_write, format_of, load_graph, serialise

S, P = URIRef("https://example.org/s"), URIRef("https://w3id.org/dipkg/ontology#quote")


@pytest.mark.parametrize(("name", "fmt"), [("a.ttl", "turtle"), ("a.NT", "nt"), ("a.jsonld", "json-ld"),
                                           ("a.trig", "trig"), ("a.nq", "nquads"), ("a.rdf", "xml")])
def test_the_extension_names_the_format(name, fmt):
    assert format_of(name) == fmt


def test_an_unknown_extension_is_a_usage_error_naming_it():
    with pytest.raises(UsageError, match=r"\.xyz"):
        format_of("out.xyz")


def test_json_ld_is_compacted_with_kgs_context():
    g = Graph()
    g.add((S, P, Literal("نقل قول", lang="fa")))
    document = json.loads(serialise(g, "json-ld"))
    assert document["@context"]["dip"] == "https://w3id.org/dipkg/ontology#"
    assert "dip:quote" in json.dumps(document, ensure_ascii=False)


def test_atomic_write_replaces_the_file_whole_and_leaves_nothing_beside_it(tmp_path):
    out = tmp_path / "sub" / "x.ttl"
    atomic_write(out, "first\n")
    atomic_write(out, b"second\n")
    assert out.read_text(encoding="utf-8") == "second\n"
    assert [p.name for p in out.parent.iterdir()] == ["x.ttl"]
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def test_atomic_write_that_fails_keeps_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "x.ttl"
    out.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(OSError):
        atomic_write(out, "new\n")
    assert out.read_text(encoding="utf-8") == "old\n" and [p.name for p in tmp_path.iterdir()] == ["x.ttl"]


def test_load_graph_flattens_quads_and_merges_files(tmp_path):
    (tmp_path / "a.nq").write_text(f'<{S}> <{P}> "a" <https://example.org/g1> .\n', encoding="utf-8")
    (tmp_path / "b.nt").write_text(f'<{S}> <{P}> "b" .\n', encoding="utf-8")
    g = load_graph([tmp_path / "a.nq", tmp_path / "b.nt"])
    assert set(g.objects(S, P)) == {Literal("a"), Literal("b")}


def test_load_graph_names_the_file_and_the_problem(tmp_path):
    (tmp_path / "bad.ttl").write_text("<not turtle\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl: not valid turtle"):
        load_graph([tmp_path / "bad.ttl"])
    with pytest.raises(InputError, match=r"missing\.ttl: no such file"):
        load_graph([tmp_path / "missing.ttl"])


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
