"""Labels that do not overlap: nodes pushed apart until their labels clear each other and other nodes, and
edge labels that find no free place moved to a list beside the figure."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

PAD = 4.0  # pixels kept free around every label and node
ROUNDS = 300
SAFETY = 1.1


def text_size(fig: Figure, text: str, fontsize: float) -> tuple[float, float]:
    """Width and height in pixels that `text` takes at `fontsize` (with the label's padding)."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    probe = fig.text(0, 0, text, fontsize=fontsize, bbox={"boxstyle": "round,pad=0.2"})
    box = probe.get_window_extent(renderer)
    probe.remove()
    return box.width + 2 * PAD, box.height + 2 * PAD


def separate(ax: Axes, pos: dict, half_sizes: dict, margins: tuple[float, float]) -> dict:
    """Positions moved apart until no two nodes' boxes (label or disc, whichever is larger, `half_sizes` in
    pixels) overlap, with the axes' limits following the positions as matplotlib's margins set them."""
    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    half = np.array([half_sizes[n] for n in nodes], dtype=float)
    width_px, height_px = ax.get_window_extent().size
    for _ in range(ROUNDS):
        span = np.maximum(xy.max(axis=0) - xy.min(axis=0), 1e-6) * (1 + 2 * np.array(margins))
        # data units per pixel, a little more than the margins alone give: autoscaling adds to them
        scale = SAFETY * span / np.array([width_px, height_px])
        box = half * scale
        gap = xy[:, None, :] - xy[None, :, :]
        overlap = box[:, None, :] + box[None, :, :] - np.abs(gap)
        clash = (overlap > 0).all(axis=2)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        # push each clashing pair apart along the axis where less movement frees them
        push = np.zeros_like(xy)
        i, j = np.nonzero(np.triu(clash))
        for a, b in zip(i, j):
            k = int(np.argmin(overlap[a, b] / np.maximum(box[a] + box[b], 1e-9)))
            direction = np.sign(gap[a, b, k]) or (1.0 if a < b else -1.0)
            step = overlap[a, b, k] / 2 + scale[k]
            push[a, k] += direction * step
            push[b, k] -= direction * step
        xy += push
    return dict(zip(nodes, xy))


def boxes(fig: Figure, artists: Iterable) -> list[Bbox]:
    """Window extents of some artists where a drawing puts them (curved-edge labels find their place only
    when drawn)."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    return [artist.get_window_extent(renderer) for artist in artists]


def disc_boxes(ax: Axes, points: list[tuple[float, float]], sizes: list[float]) -> list[Bbox]:
    """The squares around node discs drawn with marker area `sizes` (points²) at data `points`."""
    dpi = ax.figure.dpi
    out = []
    for (x, y), size in zip(points, sizes):
        cx, cy = ax.transData.transform((x, y))
        r = np.sqrt(size) / 2 * dpi / 72
        out.append(Bbox.from_extents(cx - r, cy - r, cx + r, cy + r))
    return out


def drop_crowded(fig: Figure, taken: list[Bbox], texts: list[Text]) -> list[Text]:
    """Edge labels that overlap a taken place or an edge label kept before them, removed from the figure
    (the caller lists them elsewhere); the kept ones take their place."""
    dropped = []
    for text, box in zip(texts, boxes(fig, texts)):
        padded = box.padded(PAD / 2)
        if any(padded.overlaps(other) for other in taken):
            text.remove()
            dropped.append(text)
        else:
            taken.append(padded)
    return dropped
