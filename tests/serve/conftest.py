"""A store ingested from the seed and dev corpora and the workbench served on it by `kg serve` on a free port of
127.0.0.1 (the headless Chromium that drives its pages is tests/conftest.py's `browser`)."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kg import api

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def free_port() -> int:
    """A TCP port of 127.0.0.1 nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def bench_store(tmp_path_factory) -> Path:
    """A store of the bundled seed article and, when ../shared is here, the dev corpus."""
    store = tmp_path_factory.mktemp("workbench") / "store"
    paths = [api.seed_article()] + ([SHARED / "corpus" / "dev"] if (SHARED / "corpus" / "dev").is_dir() else [])
    report = api.ingest(paths, store)
    assert not report.failures
    return store


def start_server(store: Path, *options: str) -> tuple[subprocess.Popen, str]:
    """`kg serve` on `store` on a free port; (process, base URL) once it answers."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port),
                                *options], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"kg serve stopped: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(base + "/static/style.css", timeout=2):
                return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("kg serve did not answer within 60 s")


@pytest.fixture(scope="session")
def server(bench_store):
    """The base URL of the workbench on `bench_store`, queries stopped after 3 s, 50 rows at most."""
    process, base = start_server(bench_store, "--timeout", "3", "--row-cap", "50")
    yield base
    process.terminate()
    process.wait(timeout=10)


def store_from_graph(graph, folder: Path) -> Path:
    """A kg store in `folder` holding `graph` (its default graph, as kg reads stores)."""
    import pyoxigraph as ox

    store = ox.Store(str(folder))
    store.load(graph.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    return folder


@pytest.fixture(scope="session")
def reports_store(tmp_path_factory) -> Path:
    """A store of the invented reports of tests/queries/claimgraph.py (four articles, three outlets)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "queries"))
    from claimgraph import reports_graph

    return store_from_graph(reports_graph(), tmp_path_factory.mktemp("reports") / "store")
