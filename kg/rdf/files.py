"""RDF files: formats by extension, parsing into one graph, and writing whole files or nothing."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph

from ..errors import InputError, UsageError
from .build import new_graph

FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld",
           ".trig": "trig", ".nq": "nquads", ".rdf": "xml"}
QUAD_FORMATS = ("trig", "nquads")
JSONLD_CONTEXT = {
    "dip": "https://w3id.org/dipkg/ontology#",
    "res": "https://w3id.org/dipkg/resource/",
    "wd": "http://www.wikidata.org/entity/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def format_of(path: str | Path) -> str:
    """The rdflib format named by a file's extension."""
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise UsageError(f"{path}: unknown RDF format {ext!r} (use {', '.join(sorted(FORMATS))})")
    return FORMATS[ext]


def check_writable(output: str | Path) -> Path:
    """`output` if a file can be written there (its folder exists or can be made, and lets us write), else a
    UsageError saying why: found before any work, not after it."""
    path = Path(output)
    if path.is_dir():
        raise UsageError(f"{output}: is a folder, not a file to write")
    folder = next((p for p in (path.parent, *path.parent.parents) if p.exists()), Path("."))
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{output}: cannot write there ({folder} is not a folder we may write in)")
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError(f"{output}: the file is read-only")
    return path


def serialise(graph: Graph, fmt: str) -> str:
    """`graph` in rdflib format `fmt`; JSON-LD compacted with kg's @context."""
    options = {"context": JSONLD_CONTEXT, "auto_compact": True} if fmt == "json-ld" else {}
    return graph.serialize(format=fmt, **options)


def atomic_write(output: str | Path, data: str | bytes) -> Path:
    """Write to a temporary file beside `output`, then rename: never a half-written file."""
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    """The process umask (mkstemp makes files private; outputs should not be)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def load_graph(paths: Iterable[str | Path]) -> Graph:
    """Parse RDF files (any format kg writes) into one graph; quads are flattened."""
    g = new_graph()
    for path in paths:
        fmt = format_of(path)
        try:
            if fmt in QUAD_FORMATS:
                ds = Dataset()
                ds.parse(str(path), format=fmt)
                for s, p, o, _ in ds.quads((None, None, None, None)):
                    g.add((s, p, o))
            else:
                g.parse(str(path), format=fmt)
        except FileNotFoundError:
            raise InputError(str(path), "no such file") from None
        except Exception as e:  # rdflib raises many parser-specific types
            raise InputError(str(path), f"not valid {fmt}: {str(e).splitlines()[0][:200]}") from None
    return g
