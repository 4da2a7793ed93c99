"""kg.api: extraction collects bad inputs, writes atomically, and the demo graph keeps the contract."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from kg import api
from kg.errors import InputError, UsageError
from kg.model import Article, Claim, Entity
from kg.rdf.build import add_article, add_claim
from kg.rdf.vocab import DIP, WD
from kg.queries.named import named_query
from kg.rdf.sparql import run_query

GOOD_TEXT = "سرگئی لاوروف، وزیر خارجه روسیه امروز گفت: روسیه از دولت سوریه حمایت می\u200cکند.\n"

RUS = Entity("RUS", "state", (("en", "Russia"), ("fa", "روسیه")), "Q159")
SYR = Entity("SYR", "state", (("en", "Syria"), ("fa", "سوریه")), "Q858")


def assert_isomorphic(first, second):
    if not isomorphic(first, second):
        _, only_first, only_second = graph_diff(to_isomorphic(first), to_isomorphic(second))
        pytest.fail("graphs differ:\n" + only_first.serialize(format="nt") + "---\n" + only_second.serialize(format="nt"))


def union_of_quads(dataset):
    g = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def small_extraction(lang="fa"):
    article = Article("invented-1", "corpus/invented-1.txt", "", "", (), lang=lang)
    claim = Claim("invented-1", "supports", (RUS,), (SYR,), quote="Russia supports Syria", start=0, end=21)
    return api.Extraction(articles=[article], claims=[claim])


def leftovers(folder, name):
    return [p.name for p in folder.iterdir() if p.name != name]


@pytest.mark.parametrize("bad", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\xd8\xb1\xd9\x88\xd8\xb3\xff\xfe\xd8\xa7"],
                         ids=["binary", "not-utf8"])
def test_extract_collects_a_bad_file_and_goes_on(tmp_path, bad):
    (tmp_path / "a-bad.txt").write_bytes(bad)
    (tmp_path / "b-good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    extraction = api.extract([tmp_path])
    assert [a.id for a in extraction.articles] == ["b-good"]
    assert len(extraction.failures) == 1
    failure = extraction.failures[0]
    assert isinstance(failure, InputError) and Path(failure.path).name == "a-bad.txt"
    assert any(c.relation == "supports" and c.article == "b-good" for c in extraction.claims)
    assert "a-bad.txt" in extraction.summary()
    assert "a-bad.txt" not in extraction.summary(failures=False)


def test_extract_of_a_missing_path_is_a_failure_not_an_exception(tmp_path):
    extraction = api.extract([tmp_path / "nowhere"])
    assert extraction.articles == [] and extraction.claims == []
    assert [Path(f.path).name for f in extraction.failures] == ["nowhere"]


def test_write_graph_leaves_the_old_file_when_serialising_fails(tmp_path, monkeypatch):
    out = tmp_path / "out.ttl"
    out.write_text("old content\n", encoding="utf-8")

    def broken(self, *args, **kwargs):
        raise RuntimeError("serialiser broke")

    monkeypatch.setattr(Graph, "serialize", broken)
    with pytest.raises(RuntimeError, match="serialiser broke"):
        api.write_graph(small_extraction(), out)
    assert out.read_text(encoding="utf-8") == "old content\n"
    assert leftovers(tmp_path, "out.ttl") == []


def test_write_graph_leaves_the_old_file_when_writing_fails_half_way(tmp_path, monkeypatch):
    out = tmp_path / "out.ttl"
    out.write_text("old content\n", encoding="utf-8")
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, data):
            self.f.write(data[: len(data) // 2])
            self.f.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(OSError, match="No space"):
        api.write_graph(small_extraction(), out)
    assert out.read_text(encoding="utf-8") == "old content\n"
    assert leftovers(tmp_path, "out.ttl") == []


def test_write_graph_replaces_the_old_file_and_leaves_no_temporary_file(tmp_path):
    out = tmp_path / "sub" / "out.ttl"
    out.parent.mkdir()
    out.write_text("old content\n", encoding="utf-8")
    api.write_graph(small_extraction(), out)
    assert_isomorphic(Graph().parse(out, format="turtle"), api.build_graph(small_extraction()))
    assert leftovers(out.parent, "out.ttl") == []


def test_write_graph_refuses_an_unknown_extension_and_writes_nothing(tmp_path):
    with pytest.raises(UsageError, match=r"\.xyz"):
        api.write_graph(small_extraction(), tmp_path / "out.xyz")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix, fmt", [(".trig", "trig"), (".nq", "nquads")])
def test_quad_files_hold_the_same_triples_as_the_graph_in_any_language(tmp_path, suffix, fmt):
    extraction = small_extraction(lang="en")
    out = api.write_graph(extraction, tmp_path / f"out{suffix}")
    ds = Dataset()
    ds.parse(out, format=fmt)
    assert_isomorphic(union_of_quads(ds), api.build_graph(extraction))
    assert {q.language for q in api.build_graph(extraction).objects(None, DIP.quote)} == {"en"}


def test_load_graph_names_a_missing_file(tmp_path):
    with pytest.raises(InputError, match="missing.ttl"):
        api.load_graph([tmp_path / "missing.ttl"])


def test_demo_graph_is_deterministic(demo_extraction, demo_graph):
    assert_isomorphic(api.build_graph(demo_extraction), demo_graph)
    again = api.extract([api.seed_article()])
    assert_isomorphic(api.build_graph(again), demo_graph)


def test_re_adding_the_demo_adds_no_triple(demo_extraction, demo_graph):
    g = api.build_graph(demo_extraction)
    size = len(g)
    assert size == len(demo_graph) > 0
    for article in demo_extraction.articles:
        add_article(g, article)
    for claim in demo_extraction.claims:
        add_claim(g, claim)
    assert len(g) == size
    g += api.build_graph(api.extract([api.seed_article()]))
    assert len(g) == size


def test_demo_negated_claims_assert_no_plain_triple_and_others_do(demo_graph):
    claims = set(demo_graph.subjects(RDF.type, DIP.Claim))
    negated = {c for c in claims if demo_graph.value(c, DIP.negated) == Literal(True)}
    assert negated and claims - negated
    plain_of_others = {
        (s, demo_graph.value(c, DIP.relation), o)
        for c in claims - negated
        for s in demo_graph.objects(c, DIP.subject)
        for o in demo_graph.objects(c, DIP.object)
        if o != s  # a joint act relates each party to the others, never to itself
    }
    for triple in plain_of_others:
        assert triple in demo_graph
    assert not [t for t in demo_graph if t[0] == t[2] and str(t[1]).startswith(str(DIP._NS))]
    for c in negated:
        relation = demo_graph.value(c, DIP.relation)
        for s in demo_graph.objects(c, DIP.subject):
            for o in demo_graph.objects(c, DIP.object):
                assert (s, relation, o) not in demo_graph or (s, relation, o) in plain_of_others


def test_demo_does_not_join_an_axis(demo_graph):
    joins = [c for c in demo_graph.subjects(DIP.relation, DIP.joins)]
    assert joins, "the demo article's 'we will not join an axis against Iran' was not extracted"
    assert all(demo_graph.value(c, DIP.negated) == Literal(True) for c in joins)
    assert run_query(demo_graph, "ASK { ?s dip:joins ?o }").boolean is False


def test_demo_iraq_supports_the_return_of_syria_to_the_arab_league(demo_graph):
    rows = run_query(demo_graph, """
        SELECT DISTINCT ?topic WHERE {
          ?iraq owl:sameAs wd:Q796 ; dip:supports ?topic .
          ?topic a dip:Topic .
        }""").rows
    involved = {topic: set(demo_graph.objects(topic, DIP.involves)) for (topic,) in rows}
    syria = set(demo_graph.subjects(OWL.sameAs, WD.Q858))
    league = set(demo_graph.subjects(RDFS.label, Literal("Arab League", lang="en")))
    assert syria and league
    assert any(nodes & syria and nodes & league for nodes in involved.values()), involved


def test_demo_keeps_the_contract(demo_graph):
    result = run_query(demo_graph, named_query("contract"))
    assert result.kind == "SELECT" and result.rows == []


def test_demo_conforms_to_the_shapes(demo_graph):
    conforms, text = api.validate(demo_graph)
    assert conforms, text
    assert text == ""


def test_demo_writes_its_graph_and_diagram(tmp_path, demo_graph):
    extraction, written = api.demo(tmp_path / "out")
    assert [p.name for p in written] == ["seed.ttl", "seed.png"]
    assert_isomorphic(Graph().parse(written[0], format="turtle"), demo_graph)
    assert written[1].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert extraction.claims and not extraction.failures


def test_the_demo_graph_uses_only_terms_the_ontology_declares(demo_graph):
    from kg.rdf.validate import undeclared_terms

    assert undeclared_terms(demo_graph) == set()


def test_the_package_exports_the_api_functions_even_after_every_stage_is_imported():
    import importlib

    import kg

    for stage in ("queries.named", "queries.formats", "diagrams.diagram", "eval.score", "run.batch", "store.oxigraph"):
        importlib.import_module(f"kg.{stage}")
    for name in kg.__all__:
        if name != "__version__":
            assert getattr(kg, name) is getattr(api, name), name


def readme_python_block() -> str:
    """The README's first Python example (the store one)."""
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = text.index("```python\nfrom kg import api\nreport = api.ingest(")
    return text[start + len("```python\n") : text.index("```", start + 10)]


@pytest.mark.parametrize("how", ["script", "stdin"])
def test_the_readmes_python_example_runs_as_a_script_and_from_stdin(tmp_path, how):
    import subprocess
    import sys

    folder = tmp_path / "articles"
    folder.mkdir()
    for n, text in enumerate([GOOD_TEXT, "ولادیمیر پوتین گفت: روسیه از دولت ونزوئلا حمایت می\u200cکند.\n"]):
        (folder / f"invented-{n}.txt").write_text(text, encoding="utf-8")
    code = readme_python_block().replace("../shared/corpus/dev", str(folder))
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    command = [sys.executable, str(script)] if how == "script" else [sys.executable, "-"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          input=None if how == "script" else code)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("resource/actor/RU") >= 2 and "store: 2 articles" in done.stdout
    assert done.stderr.count("Traceback") == 0


def test_query_returns_rows_of_plain_values(demo_graph):
    rows = api.query(demo_graph, "SELECT ?s ?o WHERE { ?s dip:supports ?o } ORDER BY ?s ?o")
    assert len(rows) >= 1 and rows.variables == ["s", "o"]
    assert all(isinstance(row["s"], str) and row["s"].startswith("https://") for row in rows)
    assert str(rows).splitlines()[0].split() == ["s", "o"] and rows.to_csv().startswith("s,o\r\n")
    assert api.query(demo_graph, "ASK { ?s dip:supports ?o }").boolean is True


def test_the_demo_counts_its_claims_as_the_graph_does(demo_extraction, demo_graph):
    assert len(demo_extraction.claims) == len(set(demo_graph.subjects(RDF.type, DIP.Claim)))


def test_the_demo_chain_reads_from_the_outlet_back_to_the_first_source(demo_graph):
    rows = api.query(demo_graph, named_query("provenance"))
    assert {row["chain"] for row in rows} == {"Hamshahri Online ← ISNA ← Sputnik"}


def _dated_claims_graph():
    russia = Entity("RU", "state", (("en", "Russia"),))
    lavrov = Entity("LAVROV", "person", (("en", "Sergey Lavrov"),), affiliation=russia)
    syria = Entity("SY", "state", (("en", "Syria"),))
    iran = Entity("IR", "state", (("en", "Iran"),))
    g = api.build_graph(api.Extraction(
        articles=[Article("d-1", "d-1.txt", "x", "x", (0,), date="2020-01-01"),
                  Article("d-2", "d-2.txt", "x", "x", (0,), date="2020-06-01")],
        claims=[Claim("d-1", "supports", (lavrov,), (syria,), start=1), Claim("d-2", "opposes", (russia,), (syria,), start=1),
                Claim("d-2", "meets", (russia,), (iran,), start=5)]))
    return g


def test_stance_draws_a_states_claims_with_its_ministers_by_party(tmp_path):
    figure = api.stance(_dated_claims_graph(), "https://w3id.org/dipkg/resource/actor/RU")
    assert sorted(t.get_text() for t in figure.axes[0].get_yticklabels()) == ["Iran", "Syria"]
    assert len([line for line in figure.axes[0].get_lines() if line.get_gid()]) == 3
    assert api.stance(_dated_claims_graph(), "actor:RU", tmp_path / "s.svg").read_text().startswith("<?xml")
