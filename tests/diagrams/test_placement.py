"""kg.diagrams.placement: drawn figures have no label over another label or over another node."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection

from kg import api
from kg.diagrams.diagram import draw_graph
from kg.diagrams.placement import disc_boxes

DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"


def overlaps(fig) -> list[tuple[str, str]]:
    """Pairs of (label or edge label, label or node) whose drawn boxes overlap."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    texts = [t for t in ax.texts if (t.get_gid() or "").startswith(("label ", "edge "))]
    boxes = [(t.get_gid(), t.get_window_extent(renderer), t.get_position()) for t in texts]
    discs = []
    for collection in ax.collections:
        if isinstance(collection, PathCollection):
            offsets = collection.get_offsets()
            sizes = np.broadcast_to(collection.get_sizes(), (len(offsets),))
            discs += list(zip(map(tuple, offsets), disc_boxes(ax, list(map(tuple, offsets)), list(sizes))))
    found = [(a, b) for i, (a, box, _) in enumerate(boxes) for b, other, _ in boxes[i + 1:] if box.overlaps(other)]
    for name, box, at in boxes:
        found += [(name, f"node at {centre}") for centre, disc in discs
                  if box.overlaps(disc) and not (name.startswith("label ") and np.allclose(centre, at))]
    return found


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("view", ["actors", "claims"])
def test_no_label_overlaps_on_the_seed(demo_graph, lang, view):
    assert overlaps(draw_graph(demo_graph, lang=lang, view=view)) == []


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_no_label_overlaps_on_the_largest_dev_article(lang):
    if not DEV.is_dir():
        pytest.skip(f"{DEV} is not here")
    largest = max(DEV.glob("*.txt"), key=lambda p: p.stat().st_size)
    graph = api.build_graph(api.extract([largest]))
    assert overlaps(draw_graph(graph, lang=lang, view="actors")) == []
    assert overlaps(draw_graph(graph, lang=lang, view="claims")) == []
