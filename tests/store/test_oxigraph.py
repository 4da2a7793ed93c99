"""kg.store.oxigraph and kg.api.ingest: one named graph per article, re-ingest adds nothing, changed articles are
replaced, the union equals what `kg extract` builds, queries and exports agree with the file path."""
from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import PROV, RDF, RDFS

from kg import api
from kg.errors import StoreError
from kg.rdf.iris import article_iri
from kg.rdf.vocab import DIP
from kg.store.oxigraph import article_count, open_store, stored_hash, triple_count, write_article

ZWNJ = "\u200c"
# Invented articles: Syria is named by the first and the third, so their graphs share its triples.
ARTICLES = {
    "lavrov.txt": "سرگئی لاوروف، وزیر خارجه روسیه امروز گفت: روسیه از دولت سوریه حمایت می" + ZWNJ + "کند.\n\n"
                  "وزیر خارجه ترکیه نیز حمله به سوریه را محکوم کرد.\n",
    "beijing.txt": "وزیر خارجه چین امروز گفت: چین از دولت ایران حمایت می" + ZWNJ + "کند.\n\n"
                   "رئیس جمهور ایران با همتای عراق دیدار کرد.\n",
    "paris.txt": "وزیر خارجه فرانسه حمله به سوریه را محکوم کرد.\n",
}
CHANGED = "وزیر خارجه چین گفت: چین از دولت عراق حمایت می" + ZWNJ + "کند.\n"
RESOURCE_RUSSIA = URIRef("https://w3id.org/dipkg/resource/actor/RU")


def assert_isomorphic(first, second):
    if not isomorphic(first, second):
        _, only_first, only_second = graph_diff(to_isomorphic(first), to_isomorphic(second))
        pytest.fail("graphs differ:\n" + only_first.serialize(format="nt") + "---\n" + only_second.serialize(format="nt"))


def write_folder(folder, articles=ARTICLES):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def quads(store, graph=None):
    """The store's quads (of one graph, if given) as a set of N-Quads lines: no blank nodes, so comparable."""
    return {str(q) for q in store.quads_for_pattern(None, None, None, graph)}


def claims_of(graph, article_id):
    return set(graph.subjects(PROV.wasDerivedFrom, article_iri(article_id))) & set(graph.subjects(RDF.type, DIP.Claim))


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_folder(tmp_path_factory.mktemp("articles"))


@pytest.fixture(scope="module")
def store_dir(folder, tmp_path_factory):
    """A store with the three invented articles."""
    path = tmp_path_factory.mktemp("store") / "kg"
    report = api.ingest([folder], path)
    assert (report.added, report.replaced, report.unchanged, report.failures) == (3, 0, 0, [])
    return path


def test_the_union_is_the_graph_extract_builds(folder, store_dir):
    assert_isomorphic(api.store_graph(store_dir), api.build_graph(api.extract([folder])))


def test_each_article_is_one_named_graph_holding_its_content_hash(folder, store_dir):
    expected = api.build_dataset(api.extract([folder]))
    store = open_store(store_dir)
    assert {g.value for g in store.named_graphs()} == {str(article_iri(n.split(".")[0])) for n in ARTICLES}
    for name in ARTICLES:
        iri = article_iri(name.split(".")[0])
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(iri))]
        in_store = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
        assert_isomorphic(in_store, expected.graph(iri))
        assert stored_hash(store, name.split(".")[0]) == str(in_store.value(iri, DIP.contentHash))


def test_a_shared_triple_is_seen_once(store_dir):
    """Two articles name Syria: a query sees each of its labels once (pyoxigraph 0.5's union graph would not)."""
    answer = api.query_store(store_dir, 'SELECT ?label WHERE { ?s a dip:State ; rdfs:label ?label '
                                        'FILTER(lang(?label) = "en" && STRSTARTS(?label, "Syria")) }')
    rows = [row["label"] for row in answer]
    assert rows and len(rows) == len(set(rows))


def test_ingesting_again_adds_nothing(folder, store_dir):
    before = len(open_store(store_dir))
    report = api.ingest([folder], store_dir)
    assert (report.added, report.replaced, report.unchanged, sum(report.claims.values())) == (0, 0, 3, 0)
    assert len(open_store(store_dir)) == before
    assert (report.store_articles, report.store_triples) == (3, len(api.store_graph(store_dir)))


def test_a_changed_article_replaces_its_claims_and_leaves_the_others(tmp_path):
    folder = write_folder(tmp_path / "in")
    path = tmp_path / "store"
    api.ingest([folder], path)
    before = api.store_graph(path)
    store = open_store(path)
    others = {n: quads(store, ox.NamedNode(article_iri(n))) for n in ("lavrov", "paris")}
    old_claims = claims_of(before, "beijing")
    del store

    (folder / "beijing.txt").write_text(CHANGED, encoding="utf-8")
    report = api.ingest([folder], path)
    assert (report.added, report.replaced, report.unchanged) == (0, 1, 2)

    after = api.store_graph(path)
    new_claims = claims_of(after, "beijing")
    assert old_claims and new_claims and not old_claims & new_claims
    assert not claims_of(after, "beijing") - claims_of(api.build_graph(api.extract([folder / "beijing.txt"])), "beijing")
    assert_isomorphic(after, api.build_graph(api.extract([folder])))
    store = open_store(path)
    assert {n: quads(store, ox.NamedNode(article_iri(n))) for n in others} == others
    assert triple_count(store) == len(after) and article_count(store) == 3


def test_a_jsonl_corpus_with_a_bad_line_ingests_the_good_ones(tmp_path):
    import json

    lines = [json.dumps({"id": "good-1", "text": ARTICLES["lavrov.txt"]}, ensure_ascii=False), "{not json",
             json.dumps({"id": "good-2", "text": ARTICLES["paris.txt"]}, ensure_ascii=False)]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = api.ingest([corpus], tmp_path / "store")
    assert (report.added, report.store_articles) == (2, 2)
    (failure,) = report.failures
    assert "line 2" in str(failure) and "not JSON" in str(failure)
    assert "1 failed:\n  " in report.summary() and "line 2" in report.summary()


def test_a_write_is_one_transaction(tmp_path):
    """A write that fails half-way (bad N-Triples at the end) leaves the article as it was."""
    path = tmp_path / "store"
    api.ingest([write_folder(tmp_path / "in", {"paris.txt": ARTICLES["paris.txt"]})], path)
    store = open_store(path, write=True)
    before = quads(store)
    good = f"<{article_iri('paris')}> <{RDFS.label}> \"x\" .\n"
    with pytest.raises(StoreError, match="paris"):
        write_article(store, "paris", good + "<broken .\n")
    assert quads(store) == before


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
@pytest.mark.parametrize("sparql", [
    "SELECT ?s ?o WHERE { ?s dip:supports ?o } ORDER BY ?s ?o",
    'SELECT ?claim ?quote WHERE { ?claim a dip:Claim ; dip:quote ?quote ; dip:charStart ?start } ORDER BY ?start ?claim',
    "ASK { ?s dip:condemns ?o }",
    "CONSTRUCT { ?s dip:supports ?o } WHERE { ?s dip:supports ?o }",
    "SELECT DISTINCT ?p WHERE { ?s ?p ?o } ORDER BY ?p",
], ids=["select", "literals", "ask", "construct", "prefixes"])
def test_a_store_query_answers_like_the_file_query(folder, store_dir, sparql, fmt):
    graph = api.build_graph(api.extract([folder]))
    assert api.query_store(store_dir, sparql).format(fmt) == api.query(graph, sparql).format(fmt)


def test_a_named_query_answers_like_the_file_query(folder, store_dir):
    graph = api.build_graph(api.extract([folder]))
    for name in ("claims", "provenance", "relation-counts"):
        sparql = api.named_query(name)
        assert api.query_store(store_dir, sparql).rows == api.query(graph, sparql).rows, name


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".rdf", ".trig", ".nq"])
def test_export_writes_what_extract_writes(folder, store_dir, tmp_path, suffix):
    out = api.export_store(store_dir, tmp_path / f"export{suffix}")
    fmt = api.format_of(out)
    if fmt in ("trig", "nquads"):
        exported, expected = Dataset(), api.build_dataset(api.extract([folder]))
        exported.parse(out, format=fmt)
        graphs = lambda ds: {str(g.identifier) for g in ds.graphs() if len(g)}  # noqa: E731
        assert graphs(exported) == graphs(expected) and len(graphs(expected)) == 3
        assert set(exported.quads((None, None, None, None))) == set(expected.quads((None, None, None, None)))
    else:
        assert_isomorphic(Graph().parse(out, format=fmt), api.build_graph(api.extract([folder])))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_json_ld_export_has_kgs_context_and_every_triple(store_dir, tmp_path):
    import json

    out = api.export_store(store_dir, tmp_path / "export.jsonld")
    document = json.loads(out.read_text(encoding="utf-8"))
    assert {"dip", "res", "prov", "dcterms", "rdfs", "owl", "wd"} <= set(document["@context"])
    assert document["@context"]["dip"] == str(DIP._NS) and "@graph" in document
    assert '"dip:Claim"' in out.read_text(encoding="utf-8")  # compacted, not full IRIs
    assert len(Graph().parse(out, format="json-ld")) == triple_count(open_store(store_dir)) > 0


def test_errors_name_the_folder(tmp_path, store_dir):
    with pytest.raises(StoreError, match="no store"):
        api.query_store(tmp_path / "missing", "ASK { ?s ?p ?o }")
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match="not a kg store"):
        api.store_graph(tmp_path / "empty")
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="papers: not a kg store"):
        api.ingest([tmp_path / "missing"], tmp_path / "papers")
    assert [p.name for p in (tmp_path / "papers").iterdir()] == ["notes.txt"]
    copy = tmp_path / "copy"
    shutil.copytree(store_dir, copy)
    writer = open_store(copy, write=True)
    with pytest.raises(StoreError, match="copy.*writing"):
        api.ingest([tmp_path / "missing"], copy)
    del writer
    assert api.query_store(copy, "ASK { ?s dip:supports ?o }").boolean is True


def test_a_damaged_store_is_reported_as_damaged_in_one_line(tmp_path):
    store = open_store(tmp_path / "s", write=True)
    store.update('INSERT DATA { <https://x.org/a> <https://x.org/b> "c" }')
    store.flush()
    del store
    for manifest in (tmp_path / "s").glob("MANIFEST-*"):
        manifest.write_bytes(b"\x00garbage\xff" * 3)
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path / "s")
    message = str(caught.value)
    assert "damaged" in message and "try again" not in message and "\n" not in message


def test_a_store_another_process_writes_to_says_so(tmp_path):
    import subprocess
    import sys

    open_store(tmp_path / "s", write=True)
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time, pyoxigraph as ox; "
                               f"s = ox.Store({str(tmp_path / 's')!r}); print('ready', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="another process is writing"):
            open_store(tmp_path / "s", write=True)
    finally:
        holder.kill()
        holder.wait()
