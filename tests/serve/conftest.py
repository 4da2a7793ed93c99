"""A store ingested from the seed and dev corpora, the workbench served on it by `kg serve` on a free port of
127.0.0.1, and a headless Chromium (Debian's, through Selenium) to drive its pages."""
from __future__ import annotations

import os
import shutil
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


def missing(what: str) -> None:
    """A program the tests need is absent: skip, saying what to install; in CI a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(what)
    pytest.skip(what)


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


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """A headless Chromium driven by Selenium, downloading into its own folder (`browser.downloads`)."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        missing("Chromium is not installed: sudo apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                 "--lang=en-US"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    web = webdriver.Chrome(options=options, service=Service(executable_path=driver))
    web.downloads = downloads
    yield web
    web.quit()
