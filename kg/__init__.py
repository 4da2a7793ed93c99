"""kg: a knowledge graph of diplomatic statements read from news articles."""
from __future__ import annotations

__version__ = "0.1.0"

from .api import (  # noqa: E402
    Extraction,
    build_graph,
    demo,
    draw,
    evaluate,
    export_store,
    extract,
    extract_article,
    ingest,
    load_graph,
    open_store,
    query,
    query_store,
    read_articles,
    store_graph,
    validate,
    write_graph,
)

__all__ = [
    "Extraction", "build_graph", "demo", "draw", "evaluate", "extract", "extract_article",
    "load_graph", "query", "read_articles", "validate", "write_graph", "__version__",
    "export_store", "ingest", "open_store", "query_store", "store_graph",
]
