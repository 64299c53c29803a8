"""Sun lighting of a scene: Lambert shading from the height field plus cast shadows.

The results are per-cell colour maps (`top`, `side`) so that both the nadir orthophoto and the
perspective ray marcher only have to look colours up.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

AMBIENT = 0.42


@dataclass(frozen=True)
class Sun:
    azimuth_deg: float  # clockwise from north, where the sun is
    elevation_deg: float
    colour: tuple = (1.0, 0.98, 0.94)

    @property
    def direction(self):
        """Unit vector towards the sun in local (X east, Y north, Z up)."""
        a, e = np.radians(self.azimuth_deg), np.radians(self.elevation_deg)
        return np.array([np.sin(a) * np.cos(e), np.cos(a) * np.cos(e), np.sin(e)], np.float32)


def _shifted(a, dr, dc):
    """a moved by (dr, dc) cells with zero fill: out[r, c] = a[r + dr, c + dc]."""
    out = np.zeros_like(a)
    h, w = a.shape
    rs, re = max(0, -dr), min(h, h - dr)
    cs, ce = max(0, -dc), min(w, w - dc)
    if rs < re and cs < ce:
        out[rs:re, cs:ce] = a[rs + dr : re + dr, cs + dc : ce + dc]
    return out


def cast_shadow(height, gsd, sun: Sun):
    """True where a cell cannot see the sun because something taller lies towards it."""
    d = sun.direction
    horiz = np.hypot(d[0], d[1])
    rise = np.tan(np.radians(sun.elevation_deg)) * gsd  # metres the sun ray climbs per cell
    reach = int(np.ceil(float(height.max()) / max(rise, 1e-3)))
    step_c, step_r = d[0] / horiz, -d[1] / horiz  # towards the sun, rows grow southwards
    shadow = np.zeros(height.shape, bool)
    k, seen = 1.0, set()
    while k <= reach:
        dr, dc = int(round(k * step_r)), int(round(k * step_c))
        if (dr, dc) not in seen:
            seen.add((dr, dc))
            dist = np.hypot(dr, dc)
            shadow |= _shifted(height, dr, dc) > height + dist * rise + 0.05
        k += 1.0 if k < 40 else 2.0  # long shadows tolerate a coarser march
    return shadow


def surface_normals(height, gsd):
    gy, gx = np.gradient(height.astype(np.float32), gsd)
    # rows grow southwards, so dZ/dY(north) = -gy
    n = np.stack([-gx, gy, np.ones_like(gx)], axis=-1)
    return n / np.sqrt((n * n).sum(axis=-1, keepdims=True))


def wall_normals(height):
    """Horizontal outward normal of the nearest wall (points from tall cells to low ones)."""
    gy, gx = np.gradient(height.astype(np.float32))
    n = np.stack([-gx, gy], axis=-1)
    return n / np.maximum(np.sqrt((n * n).sum(axis=-1, keepdims=True)), 1e-6)


@dataclass
class LitScene:
    top: np.ndarray  # float32 [H, W, 3] roof/ground colour as lit, 0..1+
    side: np.ndarray  # float32 [H, W, 3] wall colour as lit
    shadow: np.ndarray  # bool [H, W]


def light(height, gsd, albedo, wall, sun: Sun, shadow_tint=(0.88, 0.93, 1.08)) -> LitScene:
    s = sun.direction
    n = surface_normals(height, gsd)
    lambert = np.clip(n @ s, 0, None) / s[2]
    shadow = cast_shadow(height, gsd, sun)
    direct = np.where(shadow, 0.0, lambert).astype(np.float32)
    sun_c = np.asarray(sun.colour, np.float32)
    tint = np.asarray(shadow_tint, np.float32)
    shade = AMBIENT * tint + (1 - AMBIENT) * direct[..., None] * sun_c
    top = albedo * shade
    wn = wall_normals(height)
    horiz = np.hypot(s[0], s[1])
    wall_direct = np.clip(wn @ np.array([s[0], s[1]], np.float32) / max(horiz, 1e-6), 0, None) * horiz / s[2]
    side = wall * (AMBIENT * tint + (1 - AMBIENT) * 0.8 * wall_direct[..., None] * sun_c)
    return LitScene(top.astype(np.float32), side.astype(np.float32), shadow)
