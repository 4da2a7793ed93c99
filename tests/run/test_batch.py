"""kg.run.batch: --jobs N gives the store --jobs 1 gives, work in flight stays bounded, progress shows on a
terminal only, and an ingest killed midway then run again ends with the store of one clean run."""
from __future__ import annotations

import itertools
import json
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import api
from kg.run.batch import imap_bounded
from kg.store.oxigraph import article_count, open_store

KG = Path(sys.executable).parent / "kg"
ZWNJ = "\u200c"
STATES = ["روسیه", "چین", "ترکیه", "ایران", "عراق", "مصر", "قطر", "فرانسه", "سوریه", "اردن"]
PEOPLE = ["احمدی", "کریمی", "رضایی", "موسوی", "حسینی", "جعفری", "نوری", "صادقی"]


def invented_text(i: int, paragraphs: int = 3) -> str:
    """An invented article: a few stock sentences with the states and names turned by `i`."""
    parts = []
    for k in range(paragraphs):
        a, b, c, d = (STATES[(i + k + j) % len(STATES)] for j in (0, 1, 3, 5))
        who = PEOPLE[(i + k) % len(PEOPLE)]
        parts += [
            f"آقای {who}، وزیر خارجه {a} امروز گفت: {a} از دولت {b} حمایت می{ZWNJ}کند.",
            f"وزیر خارجه {c} نیز حمله به {d} را محکوم کرد.",
            f"رئیس جمهور {b} با همتای {c} دیدار کرد.",
        ]
    return "\n\n".join(parts) + "\n"


def write_corpus(path: Path, n: int, paragraphs: int = 3) -> Path:
    """A JSONL corpus of `n` invented articles with ids gen-0...gen-(n-1)."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"gen-{i}", "text": invented_text(i, paragraphs)}, ensure_ascii=False) + "\n")
    return path


def dump(store_dir) -> list[str]:
    """Every quad of a store (article graphs and the union graph), as sorted N-Quads lines."""
    store = open_store(store_dir)
    assert not any(isinstance(t, ox.BlankNode) for q in store for t in (q.subject, q.object))
    return sorted(store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())


def kg(*args, **kwargs):
    return subprocess.run([str(KG), *map(str, args)], capture_output=True, text=True, timeout=120, **kwargs)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "gen.jsonl", 24)


@pytest.fixture(scope="module")
def clean_store(corpus, tmp_path_factory):
    """The store of one clean `--jobs 1` run over the corpus."""
    path = tmp_path_factory.mktemp("clean") / "store"
    report = api.ingest([corpus], path)
    assert (report.added, report.failures) == (24, [])
    return path


def test_two_jobs_give_the_store_one_job_gives(corpus, clean_store, tmp_path):
    report = api.ingest([corpus], tmp_path / "store", jobs=2)
    assert (report.added, report.failures) == (24, [])
    assert sum(report.claims.values()) >= 24
    assert dump(tmp_path / "store") == dump(clean_store)


def test_work_in_flight_is_bounded():
    """The pool reads at most 2 x jobs chunks ahead of the results taken: memory does not grow with the corpus."""
    taken = itertools.count()
    items = (next(taken) for _ in range(10_000))
    results = imap_bounded(sorted, items, jobs=2, chunk=4)
    assert list(itertools.islice(results, 4)) == [0, 1, 2, 3]
    assert next(taken) <= (2 * 2 + 1) * 4 + 1
    results.close()


def test_the_summary_lists_claims_by_relation_and_the_store(clean_store, corpus):
    report = api.ingest([corpus], clean_store)
    text = report.summary()
    assert text.startswith("24 articles (0 added, 0 replaced, 24 unchanged), 0 claims")
    assert f"store: 24 articles, {report.store_triples} triples" in text


def test_progress_shows_on_a_terminal_and_not_in_a_pipe(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", 4)
    piped = kg("ingest", corpus, "--store", tmp_path / "a")
    assert piped.returncode == 0, piped.stderr
    assert "articles/s" not in piped.stderr and "\r" not in piped.stderr
    assert piped.stdout.startswith("4 articles (4 added, 0 replaced, 0 unchanged)")

    leader, follower = pty.openpty()
    try:
        run = subprocess.run([str(KG), "ingest", corpus, "--store", tmp_path / "b"], stdout=subprocess.PIPE,
                             stderr=follower, text=True, timeout=120)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once the child has gone
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert run.returncode == 0
    assert b"articles/s" in shown and b"claims=" in shown, shown
    quiet = kg("ingest", corpus, "--store", tmp_path / "c", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""


def count_articles(store_dir) -> int | None:
    """Articles committed so far, read while another process writes; None when the read fails (it may)."""
    try:
        return article_count(ox.Store.read_only(str(store_dir)))
    except (OSError, RuntimeError):
        return None


def children(pid: int) -> set[int]:
    """The child processes of `pid` (Linux /proc)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(c) for c in (task / "children").read_text().split())
    return found


def running(pid: int) -> bool:
    """Whether `pid` is a live process (not gone, not a zombie)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


def test_an_ingest_killed_midway_and_run_again_ends_as_one_clean_run(tmp_path):
    """SIGKILL `kg ingest --jobs 2` once a third of the articles are in: whole articles only, no worker
    left behind; the same command again completes the store, equal to one clean run's quad for quad."""
    total = 60
    corpus = write_corpus(tmp_path / "gen.jsonl", total, paragraphs=6)
    clean = tmp_path / "clean"
    assert api.ingest([corpus], clean).added == total

    store = tmp_path / "killed"
    run = subprocess.Popen([str(KG), "ingest", corpus, "--store", store, "--quiet", "--jobs", "2"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    committed, workers = None, set()
    deadline = time.monotonic() + 60
    try:
        while run.poll() is None and time.monotonic() < deadline:
            committed = count_articles(store) if (store / "CURRENT").exists() else None
            if committed and committed >= total // 3:
                workers = children(run.pid)
                run.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
    finally:
        if run.poll() is None and not workers:
            run.kill()
        run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL, f"the ingest ended before it was killed: {run.stderr.read()}"
    run.stderr.close()
    assert workers, "no worker processes seen"
    deadline = time.monotonic() + 10
    while any(running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphans = {pid for pid in workers if running(pid)}
    for pid in orphans:  # clean up before failing
        os.kill(pid, signal.SIGKILL)
    assert not orphans, "worker processes outlived the killed ingest"

    # what the killed run committed: whole articles only, each exactly as the clean run wrote it
    left = open_store(store)
    done = {g.value for g in left.named_graphs()}
    assert 0 < len(done) < total, len(done)
    reference = open_store(clean)
    for graph in done:
        mine = {str(q) for q in left.quads_for_pattern(None, None, None, ox.NamedNode(graph))}
        assert mine == {str(q) for q in reference.quads_for_pattern(None, None, None, ox.NamedNode(graph))}, graph
    del left, reference

    again = kg("ingest", corpus, "--store", store, "--quiet")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"{total} articles ({total - len(done)} added, 0 replaced, {len(done)} unchanged)")
    assert dump(store) == dump(clean)
