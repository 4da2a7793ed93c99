"""kg.diagrams.interactive: the claim network as a self-contained HTML page, opened in a real headless Chromium."""
from __future__ import annotations

import re

from kg import api


def test_the_page_needs_nothing_from_the_network(demo_graph, tmp_path):
    page = api.draw(demo_graph, tmp_path / "seed.html", lang="en").read_text(encoding="utf-8")
    assert not re.search(r"<(link|script)\b[^>]*(href|src)=\"https?://", page)
    assert "matter of" not in page


def test_hovering_an_arrow_tells_its_claims_quotes_and_speakers(demo_graph, tmp_path, browser):
    path = api.draw(demo_graph, tmp_path / "seed.html", lang="en")
    browser.get_log("browser")  # what earlier pages logged is not this page's
    browser.get(path.resolve().as_uri())
    nodes = browser.execute_script("return nodes.get().map(n => n.label)")
    titles = browser.execute_script("return edges.get().map(e => e.title)")
    assert {"Russia", "Iraq"} <= set(nodes)  # the actors view: Lavrov and al-Hakim folded into their states
    assert "Sergey Lavrov" not in nodes
    assert any("respects (Sergey Lavrov): «ما به حاکمیت عراق احترام میگذاریم»" in t for t in titles)
    assert browser.execute_script("return typeof network.getPositions === 'function'")
    assert browser.find_element("id", "title").text.startswith("Diplomatic claims")
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
