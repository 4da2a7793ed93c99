"""Check a graph against the claim contract: SHACL shapes and the dip: ontology (kg/rdf/ontology)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SH, XSD
from rdflib.term import Node

from .build import new_graph
from .vocab import DIP

_DECLARATIONS = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
)
_ONE = {
    "MinCount": "has no {path}",
    "MaxCount": "has more than one {path}",
    "QualifiedMinCount": "has no suitable {path}",
}
_TEMPLATES = {
    "MinCount": "has fewer than {param} {path}",
    "MaxCount": "has more than {param} {path}",
    "QualifiedMinCount": "has fewer than {param} suitable {path}",
    "Datatype": "{path} {value} is not a {param}",
    "Class": "{path} {value} is not a {param}",
    "NodeKind": "{path} {value} is not of node kind {param}",
    "In": "{path} {value} is not allowed",
    "MinInclusive": "{path} {value} is less than {param}",
    "LessThanOrEquals": "{path} {value} is more than {param}",
    "SPARQL": "",
}
_PLAIN = (XSD.integer, XSD.boolean, XSD.decimal, XSD.double)
_MAX_LITERAL = 40


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property, what went wrong and the shape's message."""

    focus: Node
    path: Node | None
    message: str
    severity: str
    kind: str = "node"
    problem: str = ""


@dataclass(frozen=True)
class ValidationReport:
    """Whether a graph conforms, and every violation found."""

    conforms: bool
    violations: list[Violation]


def validate(graph: Graph) -> ValidationReport:
    """Validate `graph` against shapes.ttl with dip.ttl as the ontology, without inference.

    Advanced mode is on for the SHACL-AF SPARQL targets of the plain-triple checks.
    """
    conforms, results, _ = shacl_validate(
        graph, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none", advanced=True
    )
    violations = [_violation(graph, results, r) for r in results.subjects(RDF.type, SH.ValidationResult)]
    violations.sort(key=lambda v: (str(v.focus), v.problem, v.message))
    return ValidationReport(bool(conforms), violations)


def format_violations(report: ValidationReport) -> str:
    """One plain line per violation: kind, node, problem and the shape's message."""
    lines = []
    for v in report.violations:
        head = f"{v.kind} {_short(v.focus)} : "
        lines.append(head + (f"{v.problem} ({v.message})" if v.problem else v.message))
    return "\n".join(lines)


def undeclared_terms(graph: Graph) -> set[URIRef]:
    """dip: terms used anywhere in `graph` (predicate, class, object or subject) not in dip.ttl."""
    namespace = str(DIP._NS)
    declared = _declared()
    return {
        term
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and term.startswith(namespace) and term not in declared
    }


@cache
def _ontology() -> Graph:
    return _load("dip.ttl")


@cache
def _shapes() -> Graph:
    return _load("shapes.ttl")


@cache
def _declared() -> frozenset[URIRef]:
    g = _ontology()
    return frozenset(s for t in _DECLARATIONS for s in g.subjects(RDF.type, t) if isinstance(s, URIRef))


def _load(name: str) -> Graph:
    text = (resources.files(__package__) / "ontology" / name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@cache
def _prefixes() -> tuple[tuple[str, str], ...]:
    g = new_graph()
    g.bind("sh", SH)
    return tuple(sorted(((str(ns), p) for p, ns in g.namespaces() if p), key=lambda x: -len(x[0])))


def _short(node: Node | None) -> str:
    """A compact, readable form of `node`: prefixed name, quoted literal or blank node id."""
    if isinstance(node, URIRef):
        return _short_text(str(node))
    if isinstance(node, Literal):
        if node.datatype in _PLAIN:
            return str(node)
        text = _short_text(node.n3())
        return text if len(text) <= _MAX_LITERAL else text[: _MAX_LITERAL - 1] + "…"
    if isinstance(node, BNode):
        return f"_:{node}"
    return ""


def _short_text(text: str) -> str:
    """`text` with every full IRI of a bound namespace written as a prefixed name."""
    for namespace, prefix in _prefixes():
        text = re.sub(f"<?{re.escape(namespace)}([^\\s>]*)>?", f"{prefix}:\\1", text)
    return text


def _violation(data: Graph, results: Graph, result: Node) -> Violation:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    severity = results.value(result, SH.resultSeverity)
    return Violation(
        focus=focus,
        path=path,
        message=_short_text(str(results.value(result, SH.resultMessage) or "")),
        severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        kind=_kind(data, focus),
        problem=_problem(results, result, path),
    )


def _kind(data: Graph, node: Node) -> str:
    """The focus node's dip: class in plain words ("claim", "news agency"), or "node"."""
    namespace = str(DIP._NS)
    types = (str(c) for c in data.objects(node, RDF.type))
    names = sorted(t[len(namespace) :] for t in types if t.startswith(namespace))
    return re.sub(r"(?<!^)(?=[A-Z])", " ", names[0]).lower() if names else "node"


def _problem(results: Graph, result: Node, path: Node | None) -> str:
    """What went wrong, from the result's constraint component and its shape's parameter."""
    component = str(results.value(result, SH.sourceConstraintComponent) or "")
    name = component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    shape = results.value(result, SH.sourceShape)
    param = _shapes().value(shape, URIRef(f"{SH._NS}{name[:1].lower()}{name[1:]}"))
    template = _TEMPLATES.get(name, "{path} {value} fails the {name} check")
    if name in _ONE and param == Literal(1):
        template = _ONE[name]
    value = results.value(result, SH.value)
    return template.format(path=_short(path), value=_short(value), param=_short(param), name=name)
