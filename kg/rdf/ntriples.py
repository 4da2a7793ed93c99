"""N-Triples and N-Quads text of triples, written directly (rdflib's serialiser goes through a store)."""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from .build import Triple

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def term(node: URIRef | BNode | Literal) -> str:
    """One RDF term in N-Triples syntax."""
    if isinstance(node, Literal):
        text = f'"{str(node).translate(_ESCAPES)}"'
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None and node.datatype != XSD.string:
            return f"{text}^^<{node.datatype}>"
        return text
    if isinstance(node, BNode):
        return f"_:{node}"
    return f"<{node}>"


def ntriples(triples: Iterable[Triple], graph: URIRef | None = None) -> str:
    """N-Triples lines of `triples`; N-Quads lines in `graph` when it is given."""
    tail = f" <{graph}> .\n" if graph is not None else " .\n"
    return "".join(f"{term(s)} {term(p)} {term(o)}{tail}" for s, p, o in triples)
