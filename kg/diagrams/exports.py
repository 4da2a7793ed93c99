"""The claim network as a file for network tools: GraphML (Cytoscape, yEd) and GEXF (Gephi)."""
from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path

import networkx as nx

from ..errors import UsageError
from ..rdf.files import atomic_write, check_writable

NETWORK_FORMATS = (".graphml", ".gexf")


def simple_network(net: nx.MultiDiGraph) -> nx.DiGraph:
    """One edge per (subject, object) with its number of claims, families, relations, negated claims and
    first and last dates as plain attributes; nodes keep their label, kind, claims and folded members."""
    out = nx.DiGraph()
    for node, data in net.nodes(data=True):
        out.add_node(str(node), label=data["label"], topic=bool(data["topic"]), claims=int(data["claims"]),
                     members=data.get("members", ""))
    edges: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for u, v, data in net.edges(data=True):
        edges[(str(u), str(v))].append(data)
    for (u, v), claims in edges.items():
        dates = sorted(d["date"] for d in claims if d.get("date"))
        out.add_edge(u, v, claims=len(claims), negated=sum(bool(d["negated"]) for d in claims),
                     families=" ".join(sorted({d["family"] for d in claims})),
                     relations=" ".join(sorted({d["relation"] for d in claims})),
                     first=dates[0] if dates else "", last=dates[-1] if dates else "")
    return out


def save_network(net: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write the network as GraphML or GEXF (by extension), whole or not at all."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in NETWORK_FORMATS:
        raise UsageError(f"{path}: cannot write a network as {suffix or 'a file without extension'}; "
                         "use .graphml or .gexf")
    check_writable(path)
    out = io.BytesIO()
    simple = simple_network(net)
    if suffix == ".graphml":
        nx.write_graphml(simple, out)
    else:
        nx.write_gexf(simple, out)
    return atomic_write(path, out.getvalue())
