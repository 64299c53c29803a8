"""Ground truth from rendered id maps and from the object table."""
from __future__ import annotations

import numpy as np

from .scene import Scene


def visible_boxes(ids: np.ndarray, min_pixels: int = 1):
    """{id: (x1, y1, x2, y2, pixels)} of every object seen in an id image; x2/y2 exclusive."""
    rows, cols = np.nonzero(ids)
    if rows.size == 0:
        return {}
    vals = ids[rows, cols]
    order = np.argsort(vals, kind="stable")
    vals, rows, cols = vals[order], rows[order], cols[order]
    uniq, start, counts = np.unique(vals, return_index=True, return_counts=True)
    x1 = np.minimum.reduceat(cols, start)
    x2 = np.maximum.reduceat(cols, start) + 1
    y1 = np.minimum.reduceat(rows, start)
    y2 = np.maximum.reduceat(rows, start) + 1
    return {
        int(u): (int(a), int(b), int(c), int(d), int(n))
        for u, a, b, c, d, n in zip(uniq, x1, y1, x2, y2, counts)
        if n >= min_pixels
    }


def box_in_raster(scene: Scene, obj, gsd: float):
    """The object's footprint box in pixels of a north-up raster of the scene at `gsd`."""
    xmin, ymin, xmax, ymax = obj.box
    top = scene.size_m[1]
    return (xmin / gsd, (top - ymax) / gsd, xmax / gsd, (top - ymin) / gsd)


def click_on_object(ids: np.ndarray, oid: int, rng: np.random.Generator, centre_bias: float = 0.7):
    """A pixel centre (x, y) on the object: the one nearest its visible centroid, or a random one."""
    rows, cols = np.nonzero(ids == oid)
    if rng.random() < centre_bias:
        k = int(np.argmin((rows - rows.mean()) ** 2 + (cols - cols.mean()) ** 2))
    else:
        k = int(rng.integers(rows.size))
    return float(cols[k] + 0.5), float(rows[k] + 0.5)
