"""The claim network as a self-contained interactive HTML page (pyvis, with vis-network inlined): drag nodes,
zoom, and hover an arrow to read the claims it stands for, their dates, speakers and quotes."""
from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx

from ..rdf.files import atomic_write, check_writable

REMOTE = re.compile(r"<(link|script)\b[^>]*\b(href|src)=\"https?://[^\"]*\"[^>]*>(\s*</script>)?", re.S)
HOVER_CLAIMS = 12  # claims listed in an arrow's hover text; the rest are counted


def network_html(net: nx.MultiDiGraph, colours: dict[str, str], other_colour: str, title: str) -> str:
    """The page: one node per party (size by claims), one arrow per (subject, object, family) coloured by family,
    dashed when every claim on it is negated, its hover text the claims' relations, dates, speakers and quotes."""
    from pyvis.network import Network

    page = Network(height="760px", width="100%", directed=True, cdn_resources="in_line")
    for node, data in net.nodes(data=True):
        hover = data["label"] + (f" — {data['members']}" if data.get("members") else "")
        page.add_node(str(node), label=data["label"], title=hover, value=max(int(data["claims"]), 1),
                      shape="box" if data["topic"] else "dot", color="#f2f2f2" if data["topic"] else "#dbe9f6")
    arrows: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for u, v, data in net.edges(data=True):
        arrows[(str(u), str(v), data["family"])].append(data)
    for (u, v, family), claims in sorted(arrows.items()):
        claims.sort(key=lambda d: d.get("date", ""))
        lines = [_claim_line(d) for d in claims[:HOVER_CLAIMS]]
        if len(claims) > HOVER_CLAIMS:
            lines.append(f"and {len(claims) - HOVER_CLAIMS} more")
        page.add_edge(u, v, title="\n".join(lines), label=f"{claims[-1]['relation']} ×{len(claims)}"
                      if len(claims) > 1 else claims[-1]["relation"], color=colours.get(family, other_colour),
                      dashes=all(d["negated"] for d in claims), width=1 + min(len(claims), 8) / 2)
    page.set_options('{"edges": {"arrows": {"to": {"enabled": true}}, "smooth": {"type": "curvedCW", "roundness": 0.15},'
                     ' "font": {"size": 10, "align": "middle"}}, "physics": {"stabilization": {"iterations": 300}}}')
    # pyvis's template fetches Bootstrap (only styling) from a CDN: left out, the page needs no network at all
    text = REMOTE.sub("", page.generate_html())
    heading = f"<title>{html.escape(title)}</title>\n</head>"
    return text.replace("</head>", heading, 1).replace("<body>", f"<body>\n<h1 id=\"title\">{html.escape(title)}</h1>", 1)


def _claim_line(data: dict) -> str:
    """One claim in an arrow's hover text: "2021-08-13 not supports (Lavrov): «quote»"."""
    head = " ".join(part for part in (data.get("date", ""), "not" if data["negated"] else "", data["relation"]) if part)
    speaker = f" ({data['speakers']})" if data.get("speakers") else ""
    quote = f": «{data['quote']}»" if data.get("quote") else ""
    return head + speaker + quote


def save_html(net: nx.MultiDiGraph, path: str | Path, colours: dict[str, str], other_colour: str,
              title: str) -> Path:
    """Write the interactive page of `net` to `path`, whole or not at all."""
    check_writable(path)
    return atomic_write(path, network_html(net, colours, other_colour, title))
