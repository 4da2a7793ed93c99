"""kg's named queries (queries/*.rq) and their parameters, bound by VALUES clauses."""
from __future__ import annotations

import re
from collections.abc import Mapping
from importlib import resources

from ..errors import QueryError, UsageError
from ..rdf.sparql import PREFIXES

def bind_values(sparql: str, params: Mapping[str, str]) -> str:
    """`sparql` with each parameter given a value by a VALUES clause opening every WHERE block, so that
    sub-selects see it too, on any engine. A value is an IRI (<...>, http(s)://..., or prefix:name with
    one of kg's prefixes) or else a plain string ("fa" for ?lang)."""
    if not params:
        return sparql
    for name in params:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or not re.search(rf"[?$]{name}\b", sparql):
            raise UsageError(f"the query has no variable ?{name} to give a value")
    names = " ".join(f"?{name}" for name in params)
    values = f"VALUES ({names}) {{ ({' '.join(_term(value) for value in params.values())}) }} "
    return re.sub(r"\bWHERE\s*\{", lambda m: m.group(0) + " " + values, sparql, flags=re.IGNORECASE)


_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_URL = re.compile(r"(?:https?|urn):[^<>\"{}|^`\\\s]+")
_LOCAL = re.compile(r"[A-Za-z0-9_\-.~%/]*[A-Za-z0-9_\-~%/]")


def is_iri(value: str) -> bool:
    """Whether a parameter value is a well-formed IRI: <...>, http(s)://... or prefix:name with one of kg's prefixes."""
    return _term(value) != _literal(value)


def expand_iri(value: str) -> str:
    """The full IRI a well-formed IRI parameter value names ("actor:IQ" → "https://.../actor/IQ")."""
    if not is_iri(value):
        raise UsageError(f"not an IRI: {value!r}")
    return _term(value)[1:-1]


def _literal(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return '"' + escaped + '"'


def _term(value: str) -> str:
    """A parameter value as a SPARQL term: an IRI (<...>, http(s)://..., or prefix:name with one of kg's
    prefixes) only when it is a well-formed one, else a string literal, escaped, so that no value can add
    query text."""
    prefix, _, local = value.partition(":")
    if _IRI.fullmatch(value):
        return value
    if _URL.fullmatch(value):
        return f"<{value}>"
    if prefix in PREFIXES and _LOCAL.fullmatch(local) and not local.startswith("//"):
        return f"<{PREFIXES[prefix]}{local}>"
    return _literal(value)


def named_query(name: str) -> str:
    """The text of `kg/queries/rq/<name>.rq`."""
    known = named_queries()
    if name not in known:
        raise QueryError(f"no named query {name!r}; known: {', '.join(known)}")
    return (resources.files(__package__) / "rq" / f"{name}.rq").read_text(encoding="utf-8")


def named_queries() -> dict[str, str]:
    """Each named query's name and the first line of its header comment."""
    files = sorted(resources.files(__package__).joinpath("rq").iterdir(), key=lambda p: p.name)
    return {
        path.name.removesuffix(".rq"): _header(path.read_text(encoding="utf-8"))
        for path in files
        if path.name.endswith(".rq")
    }


def _header(text: str) -> str:
    """The first line of a query's header comment, without the `#`."""
    return text.partition("\n")[0].lstrip("#").strip()


def parameters(sparql: str) -> tuple[list[str], list[str]]:
    """(required parameters, parameters that take an actor's IRI) of a named query, from the clauses of its
    "# Parameters:" header line ("?a, ?b (required) the two actors' IRIs; ?lang ...")."""
    line = next((l for l in sparql.splitlines() if l.startswith("# Parameters:")), "")
    required, actors = [], []
    for clause in line.removeprefix("# Parameters:").split(";"):
        names = re.findall(r"\?([A-Za-z_]\w*)", clause)
        if "(required)" in clause:
            required += names
        if re.search(r"actors?'s? IRI", clause):
            actors += names
    return required, actors
