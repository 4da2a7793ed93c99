"""Session-scoped fixtures: the pipeline's extraction of the bundled demo article and its graph.

Treat them as read-only: tests that add to a graph build their own with `kg.api.build_graph`.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg import api

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def demo_extraction() -> api.Extraction:
    """The claims the pipeline extracts from the bundled seed article hamshahri-430267."""
    return api.extract([api.seed_article()])


@pytest.fixture(scope="session")
def demo_graph(demo_extraction):
    """The RDF graph of `demo_extraction`."""
    return api.build_graph(demo_extraction)


@pytest.fixture(scope="session")
def shared_corpus_extraction():
    """Extract a folder of ../shared/corpus once per session: `shared_corpus_extraction("dev")`."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"{SHARED} is not here")
    done: dict[str, api.Extraction] = {}

    def extraction(name: str) -> api.Extraction:
        if name not in done:
            done[name] = api.extract([SHARED / "corpus" / name])
        return done[name]

    return extraction


def missing(what: str) -> None:
    """A program the tests need is absent: skip, saying what to install; in CI a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(what)
    pytest.skip(what)


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
