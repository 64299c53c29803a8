"""Perspective rendering of a scene's height field by vectorised ray marching.

Every pixel's ray is marched from where it enters the slab [0, max height] until it first
goes under the surface, then the crossing is bisected. A ray that went under the surface
well below the top of the column it entered hit a wall: it takes the lit side colour. The
cell it stopped in gives the object id, hence exact visibility and occlusion ground truth.
Outside the scene the ground is flat and its colours are mirrored, with no object ids.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .camera import Camera
from .lighting import LitScene
from .scene import Scene

WALL_MIN_DROP_M = 0.6  # deeper than a pitched roof's one-cell step, so roofs never read as walls
SKY_TOP = np.array([0.50, 0.64, 0.86], np.float32)
SKY_HORIZON = np.array([0.80, 0.84, 0.88], np.float32)


@dataclass
class View:
    rgb: np.ndarray  # float32 [H, W, 3], 0..1
    ids: np.ndarray  # int32 [H, W], 0 = no object (ground, road, sky, outside the scene)
    wall: np.ndarray  # bool [H, W], pixels that see the side of something
    depth: np.ndarray  # float32 [H, W], range along the ray in metres (inf for sky)


def _cells(scene: Scene, x, y):
    """Cell (row, col) of local points, mirrored back into the raster, and whether inside."""
    H, W = scene.shape
    c = np.floor(x / scene.gsd).astype(np.int64)
    r = np.floor(H - y / scene.gsd).astype(np.int64)
    inside = (r >= 0) & (r < H) & (c >= 0) & (c < W)
    r = np.abs(r) % (2 * H)
    c = np.abs(c) % (2 * W)
    r = np.where(r >= H, 2 * H - 1 - r, r)
    c = np.where(c >= W, 2 * W - 1 - c, c)
    return r, c, inside


def _surface(scene, x, y):
    r, c, inside = _cells(scene, x, y)
    return np.where(inside, scene.height[r, c], 0.0)


def render_view(scene: Scene, lit: LitScene, cam: Camera, scale: float = 1.0, visibility_m: float = 2500.0) -> View:
    d = cam.rays(scale)
    Hh, Ww = d.shape[:2]
    d = d.reshape(-1, 3).astype(np.float64)
    o = cam.position
    n = d.shape[0]
    top = float(scene.height.max()) + 0.01
    down = d[:, 2] < -0.02
    dz = np.where(down, -d[:, 2], 1.0)
    t_ground = np.where(down, o[2] / dz, np.inf)
    far = down & (t_ground < 20 * visibility_m)
    t_enter = np.clip((o[2] - top) / dz, 0, None)
    horiz = np.hypot(d[:, 0], d[:, 1])
    pixel_angle = 1.0 / (cam.focal_px * scale)

    hit_t = t_ground.copy()
    lo_t = np.zeros(n)
    idx = np.nonzero(far)[0]
    t = t_enter[idx].astype(np.float32)
    # compact float32 copies of what the march needs; rebuilt only when rays finish
    ax, ay, az = (d[idx, k].astype(np.float32) for k in range(3))
    tg = t_ground[idx].astype(np.float32)
    inv_h = (1.0 / np.maximum(horiz[idx], 1e-6)).astype(np.float32)
    flat = scene.height.ravel()
    H, W = scene.shape
    inv_g, g07 = np.float32(1.0 / scene.gsd), np.float32(0.7 * scene.gsd)
    ox, oy, oz = (np.float32(v) for v in o)
    while idx.size:
        t_new = np.minimum(t + np.maximum(g07, np.float32(pixel_angle) * t) * inv_h, tg)
        c = ((ox + ax * t_new) * inv_g).astype(np.int32)
        r = (np.float32(H) - (oy + ay * t_new) * inv_g).astype(np.int32)
        inside = (r >= 0) & (r < H) & (c >= 0) & (c < W)
        surf = np.where(inside, flat[np.clip(r, 0, H - 1) * W + np.clip(c, 0, W - 1)], 0)
        under = (oz + az * t_new <= surf) | (t_new >= tg)
        if under.any():
            done = idx[under]
            lo_t[done] = t[under]
            hit_t[done] = t_new[under]
            keep = ~under
            idx, t, ax, ay, az, tg, inv_h = idx[keep], t_new[keep], ax[keep], ay[keep], az[keep], tg[keep], inv_h[keep]
        else:
            t = t_new

    sel = np.nonzero(far)[0]
    lo, hi = lo_t[sel], hit_t[sel]
    for _ in range(7):
        mid = 0.5 * (lo + hi)
        p = o + d[sel] * mid[:, None]
        under = p[:, 2] <= _surface(scene, p[:, 0], p[:, 1])
        hi = np.where(under, mid, hi)
        lo = np.where(under, lo, mid)
    p = o + d[sel] * hi[:, None]
    r, c, inside = _cells(scene, p[:, 0], p[:, 1])
    surf = np.where(inside, scene.height[r, c], 0.0)
    is_wall = inside & (surf - p[:, 2] > WALL_MIN_DROP_M)

    rgb = np.empty((n, 3), np.float32)
    elev = np.clip(-d[:, 2], -1, 1)[:, None].astype(np.float32)
    sky = SKY_HORIZON + (SKY_TOP - SKY_HORIZON) * np.clip(-elev * 3, 0, 1)
    rgb[:] = sky
    colour = np.where(is_wall[:, None], lit.side[r, c], lit.top[r, c])
    haze = (1 - np.exp(-hi / visibility_m)).astype(np.float32)[:, None]
    rgb[sel] = colour * (1 - haze) + SKY_HORIZON * haze
    ids = np.zeros(n, np.int32)
    ids[sel] = np.where(inside, scene.ids[r, c], 0)
    wall = np.zeros(n, bool)
    wall[sel] = is_wall
    depth = np.full(n, np.inf, np.float32)
    depth[sel] = hi
    return View(rgb.reshape(Hh, Ww, 3), ids.reshape(Hh, Ww), wall.reshape(Hh, Ww), depth.reshape(Hh, Ww))
