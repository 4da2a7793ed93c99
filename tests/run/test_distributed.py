"""kg.run.distributed on a real two-process LocalCluster: the partitions together are the graph kg.api builds,
and `kg ingest --dask` fills a store exactly as a normal ingest does."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg import api
from kg.errors import UsageError

distributed = pytest.importorskip("distributed")

from kg.run.distributed import SUMMARY_NAME, batches, extract_on_dask, map_partitions  # noqa: E402
from kg.store.oxigraph import open_store  # noqa: E402

INVENTED = [
    "سرگئی لاوروف، وزیر خارجه روسیه امروز گفت: روسیه از دولت سوریه حمایت می\u200cکند.",
    "وزیر امور خارجه عراق گفت: عراق وارد محوری که علیه ایران باشد، نمی\u200cشود.",
    "رئیس جمهور ترکیه گفت: ترکیه با اقدام نظامی آمریکا در سوریه مخالف است.",
]


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes of one thread each, started for this module and closed after it."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as c:
        yield c


@pytest.fixture
def corpus(tmp_path):
    """A JSONL corpus: the demo article under four ids, three invented articles and one bad line."""
    seed = api.seed_article().read_text(encoding="utf-8")
    records = [{"id": f"seed-copy-{i}", "text": seed} for i in range(4)]
    records += [{"id": f"invented-{i}", "url": f"https://example.org/news/{i}", "text": text}
                for i, text in enumerate(INVENTED)]
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(3, json.dumps({"id": "no-text"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_partitions(folder):
    ds = Dataset()
    for part in sorted(folder.glob("part-*.nq")):
        ds.parse(part, format="nquads")
    return ds


def quads(dataset):
    return {(s, p, o, g.identifier if hasattr(g, "identifier") else g)
            for s, p, o, g in dataset.quads((None, None, None, None))}


def flat(dataset):
    g = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def assert_isomorphic(first, second):
    if not isomorphic(first, second):
        _, only_first, only_second = graph_diff(to_isomorphic(first), to_isomorphic(second))
        pytest.fail("graphs differ:\n" + only_first.serialize(format="nt") + "---\n" + only_second.serialize(format="nt"))


def test_the_partitions_together_are_the_dataset_of_one_process(client, corpus, tmp_path):
    out = tmp_path / "parts"
    report = extract_on_dask([corpus], client, out, partition_size=2)
    expected = api.extract([corpus])
    assert len(report.partitions) == 4
    assert sorted(p.name for p in out.glob("part-*.nq")) == [f"part-0000{i}.nq" for i in range(4)]
    assert not list(out.glob(".*")), "a temporary file was left behind"
    got = read_partitions(out)
    want = api.build_dataset(expected)
    assert quads(got) == quads(want)
    assert_isomorphic(flat(got), flat(want))
    assert report.articles == len(expected.articles) == 7
    assert report.claims == expected.by_relation()
    assert report.failures == [str(e) for e in expected.failures]
    assert "line 4" in report.failures[0]


def test_every_article_is_one_named_graph(client, corpus, tmp_path):
    extract_on_dask([corpus], client, tmp_path / "parts", partition_size=3)
    graphs = {g for *_, g in quads(read_partitions(tmp_path / "parts"))}
    assert {str(g).rsplit("/", 1)[-1] for g in graphs} == {f"seed-copy-{i}" for i in range(4)} | {
        f"invented-{i}" for i in range(3)}


def test_a_scheduler_address_works_and_the_summary_is_written(cluster, corpus, tmp_path):
    seen = []
    report = extract_on_dask([corpus], cluster.scheduler_address, tmp_path / "parts", partition_size=100,
                             on_partition=lambda r: seen.append(r.articles))
    assert seen == [7] and len(report.partitions) == 1
    summary = json.loads((tmp_path / "parts" / SUMMARY_NAME).read_text(encoding="utf-8"))
    assert summary["articles"] == 7 and summary["claims"] == sum(report.claims.values()) > 0
    assert summary["by_relation"] == dict(report.claims) and len(summary["failures"]) == 1
    assert "claims" in report.summary() and "1 failed" in report.summary()


def test_an_earlier_runs_partitions_are_kept_unless_overwritten(client, corpus, tmp_path):
    out = tmp_path / "parts"
    extract_on_dask([corpus], client, out, partition_size=2)
    with pytest.raises(UsageError, match="already holds 4 partition files"):
        extract_on_dask([corpus], client, out, partition_size=5)
    report = extract_on_dask([corpus], client, out, partition_size=5, overwrite=True)
    assert sorted(p.name for p in out.glob("part-*.nq")) == ["part-00000.nq", "part-00001.nq"]
    assert [p.name for p in report.partitions] == ["part-00000.nq", "part-00001.nq"]


def test_a_bad_partition_size_is_a_usage_error(client, corpus, tmp_path):
    with pytest.raises(UsageError, match="at least 1"):
        extract_on_dask([corpus], client, tmp_path / "parts", partition_size=0)


def test_an_article_that_fails_is_reported_and_its_partition_kept(client, corpus):
    good = [a for a in api.read_articles([corpus]) if not isinstance(a, Exception)]
    broken = replace(good[0], id="broken", offsets=())  # a claim's span cannot be mapped back: IndexError
    results = list(map_partitions([good[0], broken, good[1]], client, partition_size=2))
    assert sorted(r.index for r in results) == [0, 1] and not any(r.failed for r in results)
    assert sum(r.articles for r in results) == 2
    failures = [": ".join(f) for r in results for f in r.failures]
    assert len(failures) == 1 and "(broken): extraction failed: IndexError" in failures[0]
    graphs = Dataset()
    for r in results:
        graphs.parse(data=r.nquads, format="nquads")
    assert {str(g).rsplit("/", 1)[-1] for *_, g in quads(graphs)} == {good[0].id, good[1].id}


def test_the_cli_extracts_on_a_scheduler_address(cluster, corpus, tmp_path):
    kg = Path(sys.executable).parent / "kg"
    out = tmp_path / "parts"
    run = subprocess.run([str(kg), "extract", str(corpus), "--dask", cluster.scheduler_address,
                          "--partitions", str(out)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "partitions" in run.stderr.splitlines()[0]
    expected = api.build_graph(api.extract([corpus]))
    assert len(flat(read_partitions(out))) == len(expected)


def test_the_cli_asks_for_a_partition_folder_with_dask(corpus):
    kg = Path(sys.executable).parent / "kg"
    run = subprocess.run([str(kg), "extract", str(corpus), "--dask", "tcp://127.0.0.1:1"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and "--partitions" in run.stderr


def store_quads(path):
    """Every quad of a store, the union in the default graph included, as N-Quads lines (no blank nodes)."""
    return {str(q) for q in open_store(path)}


def counts(report):
    return report.added, report.replaced, report.unchanged, sum(report.claims.values())


def test_a_partition_never_holds_one_article_id_twice(corpus):
    articles = [a for a in api.read_articles([corpus]) if not isinstance(a, Exception)]
    parts = list(batches([articles[0], articles[1], replace(articles[0], title="again"), articles[2]], 3))
    assert [[a.id for a in part] for part in parts] == [[articles[0].id, articles[1].id],
                                                         [articles[0].id, articles[2].id]]


def test_ingest_on_dask_fills_the_store_as_a_normal_ingest_and_again_adds_nothing(client, corpus, tmp_path):
    normal = api.ingest([corpus], tmp_path / "normal")
    report = api.ingest([corpus], tmp_path / "dask", dask=client, partition_size=2)
    assert counts(report) == counts(normal) and report.added == 7 and sum(report.claims.values()) > 0
    assert report.claims == normal.claims
    assert [str(f) for f in report.failures] == [str(f) for f in normal.failures]
    assert "line 4" in str(report.failures[0])
    assert (report.store_articles, report.store_triples) == (normal.store_articles, normal.store_triples)
    assert store_quads(tmp_path / "dask") == store_quads(tmp_path / "normal")

    again = api.ingest([corpus], tmp_path / "dask", dask=client, partition_size=2)
    assert counts(again) == (0, 0, 7, 0)
    assert store_quads(tmp_path / "dask") == store_quads(tmp_path / "normal")


def test_ingest_on_dask_replaces_a_changed_article(client, corpus, tmp_path):
    api.ingest([corpus], tmp_path / "dask", dask=client, partition_size=3)
    shutil.copytree(tmp_path / "dask", tmp_path / "normal")
    lines = corpus.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[-1])
    lines[-1] = json.dumps(record | {"text": INVENTED[0]}, ensure_ascii=False)
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = api.ingest([corpus], tmp_path / "dask", dask=client, partition_size=3)
    assert (report.added, report.replaced, report.unchanged) == (0, 1, 6)
    normal = api.ingest([corpus], tmp_path / "normal")
    assert counts(normal) == counts(report)
    assert store_quads(tmp_path / "dask") == store_quads(tmp_path / "normal")


def test_the_cli_ingests_on_a_scheduler_address(cluster, corpus, tmp_path):
    kg = Path(sys.executable).parent / "kg"
    run = subprocess.run([str(kg), "ingest", str(corpus), "--store", str(tmp_path / "store"), "--dask",
                          cluster.scheduler_address], capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr  # one bad line: the batch goes on and says so by its status
    assert run.stdout.startswith("7 articles (7 added, 0 replaced, 0 unchanged)") and "line 4" in run.stderr
    api.ingest([corpus], tmp_path / "normal")
    assert store_quads(tmp_path / "store") == store_quads(tmp_path / "normal")


def test_jobs_and_dask_together_are_refused(corpus, tmp_path):
    with pytest.raises(UsageError, match="--jobs and --dask"):
        api.ingest([corpus], tmp_path / "store", jobs=2, dask="tcp://127.0.0.1:1")
