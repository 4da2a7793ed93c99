"""The spaCy side of kg: make_nlp builds the pipeline, doc_claims reads claims off a Doc.

Both load lazily, so that the knowledge base and lexicons (kg.nlp.kb, kg.nlp.kbdata) can be read without spaCy."""
from __future__ import annotations

from typing import Any

__all__ = ["doc_claims", "make_nlp"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
