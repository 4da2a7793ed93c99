"""The spaCy side of kg: make_nlp builds the pipeline, doc_claims reads claims off a Doc."""
from __future__ import annotations

from .pipeline import doc_claims, make_nlp

__all__ = ["doc_claims", "make_nlp"]
