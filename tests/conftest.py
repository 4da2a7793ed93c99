"""Session-scoped fixtures: the pipeline's extraction of the bundled demo article and its graph.

Treat them as read-only: tests that add to a graph build their own with `kg.api.build_graph`.
"""
from __future__ import annotations

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
