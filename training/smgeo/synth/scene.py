"""A procedural town as fine rasters (height, colours, object ids) in a real UTM CRS.

Everything comes from one numpy Generator so a scene is a pure function of its seed.
World coordinates used by the renderers are local metres: X east from the west edge,
Y north from the south edge, Z up from the ground; `crs_xy` maps them to UTM.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import ndimage

from . import materials as M

# Classes a user would click and that are large enough to find on a 1 m reference chip.
LOCALIZABLE = ("building", "parking_lot", "sports_ground", "water", "tree_clump", "field", "large_vehicle")


@dataclass
class SceneObject:
    id: int
    cls: str
    polygon: list  # [(X, Y), ...] local metres, the footprint outline
    height: float

    @property
    def box(self):
        xs = [p[0] for p in self.polygon]
        ys = [p[1] for p in self.polygon]
        return (min(xs), min(ys), max(xs), max(ys))


@dataclass
class Scene:
    epsg: int
    west: float  # UTM easting of the west edge
    south: float  # UTM northing of the south edge
    gsd: float
    ground_elevation: float  # metres above sea level, for abs_alt
    height: np.ndarray  # float32 [H, W] surface height above ground
    albedo: np.ndarray  # float32 [H, W, 3] what is seen from above
    wall: np.ndarray  # float32 [H, W, 3] what is seen from the side of raised cells
    material: np.ndarray  # uint8 [H, W] materials.* codes (season changes depend on it)
    ids: np.ndarray  # int32 [H, W] top-most object id, 0 = none
    objects: list = field(default_factory=list)

    @property
    def shape(self):
        return self.height.shape

    @property
    def size_m(self):
        h, w = self.shape
        return w * self.gsd, h * self.gsd

    def crs_xy(self, x, y):
        return self.west + np.asarray(x), self.south + np.asarray(y)

    def geotransform(self, gsd=None):
        g = self.gsd if gsd is None else gsd
        return (self.west, g, 0.0, self.south + self.size_m[1], 0.0, -g)

    def world_to_cell(self, x, y):
        """Continuous (col, row) of local metres; cell (c, r) spans [c, c+1)."""
        return np.asarray(x) / self.gsd, self.shape[0] - np.asarray(y) / self.gsd

    def object_by_id(self, oid):
        return self.objects[oid - 1]


class _Builder:
    def __init__(self, rng: np.random.Generator, size_m: float, gsd: float):
        self.rng = rng
        self.gsd = gsd
        n = int(round(size_m / gsd))
        self.n = n
        self.height = np.zeros((n, n), np.float32)
        self.albedo = np.zeros((n, n, 3), np.float32)
        self.wall = np.zeros((n, n, 3), np.float32)
        self.material = np.zeros((n, n), np.uint8)
        self.ids = np.zeros((n, n), np.int32)
        self.occupied = np.zeros((n, n), bool)  # cells where nothing else may be placed
        self.objects: list[SceneObject] = []

    # --- helpers in cells -------------------------------------------------------------
    def noise(self, cells: float, shape=None):
        """Smooth value noise in [-1, 1] with features about `cells` wide."""
        shape = shape or (self.n, self.n)
        lo = (max(2, int(shape[0] / cells) + 2), max(2, int(shape[1] / cells) + 2))
        base = self.rng.uniform(-1, 1, lo).astype(np.float32)
        z = ndimage.zoom(base, (shape[0] / lo[0] * 1.0001, shape[1] / lo[1] * 1.0001), order=1)
        return z[: shape[0], : shape[1]]

    def rect_world(self, r0, c0, r1, c1):
        """Footprint polygon (local metres) of the cell rectangle rows r0:r1, cols c0:c1."""
        g, n = self.gsd, self.n
        return [(c0 * g, (n - r1) * g), (c1 * g, (n - r1) * g), (c1 * g, (n - r0) * g), (c0 * g, (n - r0) * g)]

    def new_object(self, cls, polygon, height):
        obj = SceneObject(len(self.objects) + 1, cls, polygon, float(height))
        self.objects.append(obj)
        return obj.id

    def paint(self, mask_or_slices, colour, material, jitter=0.04):
        region = self.albedo[mask_or_slices]
        tint = np.asarray(colour, np.float32) * (1 + jitter * self.rng.standard_normal(3).astype(np.float32))
        self.albedo[mask_or_slices] = np.clip(tint, 0, 1)
        self.material[mask_or_slices] = material
        return region

    def free(self, r0, c0, r1, c1):
        if r0 < 0 or c0 < 0 or r1 > self.n or c1 > self.n:
            return False
        return not self.occupied[r0:r1, c0:c1].any()

    # --- ground ------------------------------------------------------------------------
    def ground(self):
        m = int(4 / self.gsd)
        n1 = self.noise(60 / self.gsd)
        n2 = self.noise(8 / self.gsd)
        grass = np.array(M.GRASS, np.float32)
        dirt = np.array(M.DIRT, np.float32)
        mix = np.clip(0.5 + 0.5 * n1 + 0.2 * n2, 0, 1)[..., None]
        self.albedo[:] = grass * (1 - 0.5 * mix) + dirt * 0.5 * mix
        self.material[:] = M.MAT_GRASS
        del m

    # --- roads -------------------------------------------------------------------------
    def road_segment(self, p0, p1, width_m):
        """Rasterise a straight road (cell coordinates) by distance to the segment."""
        half = width_m / 2 / self.gsd
        r_lo = int(max(0, min(p0[0], p1[0]) - half - 1))
        r_hi = int(min(self.n, max(p0[0], p1[0]) + half + 2))
        c_lo = int(max(0, min(p0[1], p1[1]) - half - 1))
        c_hi = int(min(self.n, max(p0[1], p1[1]) + half + 2))
        if r_lo >= r_hi or c_lo >= c_hi:
            return
        rr, cc = np.mgrid[r_lo:r_hi, c_lo:c_hi].astype(np.float32) + 0.5
        d = np.array(p1, np.float32) - np.array(p0, np.float32)
        L2 = max(float(d @ d), 1e-6)
        t = np.clip(((rr - p0[0]) * d[0] + (cc - p0[1]) * d[1]) / L2, 0, 1)
        dist = np.hypot(rr - (p0[0] + t * d[0]), cc - (p0[1] + t * d[1]))
        mask = dist <= half
        win = (slice(r_lo, r_hi), slice(c_lo, c_hi))
        self.albedo[win][mask] = M.ASPHALT
        self.material[win][mask] = M.MAT_ROAD
        self.occupied[win][dist <= half + 2.0 / self.gsd] = True
        # a faint centre line where the road is wide enough to carry two lanes
        if width_m >= 7:
            line = mask & (dist <= 0.12 / self.gsd + 0.5)
            self.albedo[win][line] = M.ROAD_PAINT

    def roads(self):
        n, rng, g = self.n, self.rng, self.gsd
        grid_rows, grid_cols = [], []
        pos = rng.uniform(20, 50) / g
        while pos < n - 20 / g:
            grid_rows.append(pos)
            pos += rng.uniform(60, 110) / g
        pos = rng.uniform(20, 50) / g
        while pos < n - 20 / g:
            grid_cols.append(pos)
            pos += rng.uniform(60, 110) / g
        for r in grid_rows:
            self.road_segment((r, 0), (r, n), rng.uniform(6, 10))
        for c in grid_cols:
            self.road_segment((0, c), (n, c), rng.uniform(6, 10))
        # a diagonal through-road and a winding lane break the grid like real towns
        a = rng.uniform(0.2, 0.8) * n
        self.road_segment((0, a), (n, a + rng.choice([-1, 1]) * rng.uniform(0.3, 0.7) * n), rng.uniform(7, 11))
        base = rng.uniform(0.25, 0.75) * n
        amp, wl, ph = rng.uniform(15, 45) / g, rng.uniform(200, 400) / g, rng.uniform(0, 6.28)
        cs = np.linspace(0, n, 40)
        rs = base + amp * np.sin(cs / wl * 6.283 + ph)
        w = rng.uniform(5, 7)
        for i in range(len(cs) - 1):
            self.road_segment((rs[i], cs[i]), (rs[i + 1], cs[i + 1]), w)
        return sorted(grid_rows), sorted(grid_cols)

    # --- objects -----------------------------------------------------------------------
    def building(self, r0, c0, blocks):
        """Place a rectangle or L-shaped building at (r0, c0) if there is room."""
        rng, g = self.rng, self.gsd
        L = rng.uniform(10, 40) / g
        W = rng.uniform(8, min(20, L * g)) / g
        if rng.random() < 0.5:
            L, W = W, L
        rects = [(r0, c0, r0 + int(L), c0 + int(W))]
        if rng.random() < 0.35:  # L-shape: a wing off one end
            wl = int(rng.uniform(0.4, 0.8) * L)
            ww = int(rng.uniform(6, 12) / g)
            rects.append((r0 + int(L) - ww, c0 + int(W), r0 + int(L), c0 + int(W) + wl))
        pad = int(1.5 / g)
        if not all(self.free(a - pad, b - pad, c + pad, d + pad) for a, b, c, d in rects):
            return False
        if not all(blocks[0] <= a and c <= blocks[2] and blocks[1] <= b and d <= blocks[3] for a, b, c, d in rects):
            return False
        pitched = rng.random() < 0.6
        eave = rng.uniform(3, 12) if pitched else rng.uniform(3, 25)
        roof = M.ROOFS_PITCHED[rng.integers(len(M.ROOFS_PITCHED))] if pitched else M.ROOFS_FLAT[rng.integers(len(M.ROOFS_FLAT))]
        wallc = M.WALLS[rng.integers(len(M.WALLS))]
        pitch = np.tan(np.radians(rng.uniform(25, 40)))
        tops = []
        for a, b, c, d in rects:
            hgt = np.full((c - a, d - b), eave, np.float32)
            if pitched:  # gable ridge along the long side of each wing
                if (c - a) >= (d - b):
                    dist = np.abs(np.arange(d - b) + 0.5 - (d - b) / 2) * g
                    hgt += (pitch * ((d - b) * g / 2 - dist))[None, :].astype(np.float32)
                else:
                    dist = np.abs(np.arange(c - a) + 0.5 - (c - a) / 2) * g
                    hgt += (pitch * ((c - a) * g / 2 - dist))[:, None].astype(np.float32)
            tops.append(float(hgt.max()))
            win = (slice(a, c), slice(b, d))
            self.height[win] = np.maximum(self.height[win], hgt)
        polygon = self._outline(rects)
        oid = self.new_object("building", polygon, max(tops))
        for a, b, c, d in rects:
            win = (slice(a, c), slice(b, d))
            self.paint(win, roof, M.MAT_ROOF, 0.06)
            self.wall[win] = np.clip(np.asarray(wallc, np.float32) * (1 + 0.05 * rng.standard_normal(3)), 0, 1)
            self.ids[win] = oid
            self.occupied[a - pad : c + pad, b - pad : d + pad] = True
        if not pitched and rng.random() < 0.5:  # a small plant room on flat roofs
            a, b, c, d = rects[0]
            s = int(3 / g)
            if c - a > 3 * s and d - b > 3 * s:
                rr, cc = a + s + rng.integers(0, c - a - 2 * s), b + s + rng.integers(0, d - b - 2 * s)
                win = (slice(rr, rr + s), slice(cc, cc + s))
                self.height[win] += 2.5
                self.albedo[win] *= 0.85
        return True

    def _outline(self, rects):
        if len(rects) == 1:
            return self.rect_world(*rects[0])
        (a, b, c, d), (a2, b2, c2, d2) = rects
        g, n = self.gsd, self.n
        pts = [(b, c), (d2, c), (d2, a2), (d, a2), (d, a), (b, a)]  # (col, row) corners of the L
        return [(x * g, (n - y) * g) for x, y in pts]

    def tree(self, r, c, radius_m, height_m, oid, colour):
        g = self.gsd
        rad = radius_m / g
        r0, r1 = int(max(0, r - rad)), int(min(self.n, r + rad + 1))
        c0, c1 = int(max(0, c - rad)), int(min(self.n, c + rad + 1))
        if r0 >= r1 or c0 >= c1:
            return
        rr, cc = np.mgrid[r0:r1, c0:c1].astype(np.float32) + 0.5
        d = np.hypot(rr - r, cc - c) / rad
        inside = d < 1
        dome = (height_m * (0.55 + 0.45 * np.sqrt(np.clip(1 - d * d, 0, 1)))).astype(np.float32)
        win = (slice(r0, r1), slice(c0, c1))
        hwin = self.height[win]
        top = inside & (dome > hwin)
        hwin[top] = dome[top]
        leaf = np.asarray(colour, np.float32) * (0.85 + 0.3 * self.rng.random(top.sum())[:, None]).astype(np.float32)
        self.albedo[win][top] = np.clip(leaf, 0, 1)
        self.wall[win][top] = np.asarray(colour, np.float32) * 0.7
        self.material[win][top] = M.MAT_TREE
        self.ids[win][top] = oid

    def tree_clump(self, r, c, spread_m):
        rng, g = self.rng, self.gsd
        k = int(rng.integers(3, 9))
        pts = [(r + rng.normal(0, spread_m / g), c + rng.normal(0, spread_m / g), rng.uniform(2.5, 6), rng.uniform(6, 16)) for _ in range(k)]
        xs = [p[1] for p in pts]
        ys = [p[0] for p in pts]
        rmax = max(p[2] for p in pts) / g
        if not self.free(int(min(ys) - rmax), int(min(xs) - rmax), int(max(ys) + rmax), int(max(xs) + rmax)):
            return False
        pts = [p for p in pts if 0 <= p[0] < self.n and 0 <= p[1] < self.n]
        box = (min(p[0] - p[2] / g for p in pts), min(p[1] - p[2] / g for p in pts),
               max(p[0] + p[2] / g for p in pts), max(p[1] + p[2] / g for p in pts))
        box = (max(0, box[0]), max(0, box[1]), min(self.n, box[2]), min(self.n, box[3]))
        colour = M.LEAVES[rng.integers(len(M.LEAVES))]
        oid = self.new_object("tree_clump" if k > 1 else "tree", self.rect_world(*box), max(p[3] for p in pts))
        for p in pts:
            self.tree(p[0], p[1], p[2], p[3], oid, colour)
        # the canopy's own cells, so the footprint box covers every pixel painted with its id
        r0, c0 = int(box[0]), int(box[1])
        rows, cols = np.nonzero(self.ids[r0 : int(box[2]) + 2, c0 : int(box[3]) + 2] == oid)
        if rows.size:
            self.objects[-1].polygon = self.rect_world(r0 + rows.min(), c0 + cols.min(), r0 + rows.max() + 1, c0 + cols.max() + 1)
        self.occupied[int(box[0]) : int(box[2]) + 1, int(box[1]) : int(box[3]) + 1] = True
        return True

    def vehicle(self, r, c, horizontal, large=False):
        rng, g = self.rng, self.gsd
        L, W, H = (rng.uniform(9, 13), 2.5, rng.uniform(3, 3.8)) if large else (rng.uniform(4, 5), 1.9, rng.uniform(1.4, 1.7))
        lr, lc = (W, L) if horizontal else (L, W)
        r0, c0 = int(r), int(c)
        r1, c1 = r0 + max(1, int(lr / g)), c0 + max(1, int(lc / g))
        if r0 < 0 or c0 < 0 or r1 > self.n or c1 > self.n or (self.ids[r0:r1, c0:c1] > 0).any() and self.material[r0, c0] != M.MAT_LOT:
            return False
        colour = M.CARS[rng.integers(len(M.CARS))]
        oid = self.new_object("large_vehicle" if large else "vehicle", self.rect_world(r0, c0, r1, c1), H)
        win = (slice(r0, r1), slice(c0, c1))
        self.height[win] = H
        self.paint(win, colour, M.MAT_VEHICLE, 0.03)
        self.wall[win] = np.asarray(colour, np.float32) * 0.8
        self.ids[win] = oid
        return True

    def parking_lot(self, r0, c0, r1, c1):
        rng, g = self.rng, self.gsd
        if not self.free(r0, c0, r1, c1):
            return False
        oid = self.new_object("parking_lot", self.rect_world(r0, c0, r1, c1), 0.0)
        win = (slice(r0, r1), slice(c0, c1))
        self.paint(win, M.LOT, M.MAT_LOT, 0.05)
        self.ids[win] = oid
        bay = int(2.6 / g)
        rows_of_cars = range(r0 + int(1 / g), r1 - int(5 / g), int(6.5 / g))
        for rr in rows_of_cars:
            self.albedo[rr + int(5 / g) : rr + int(5 / g) + 1, c0:c1] = M.ROAD_PAINT
            for cc in range(c0 + int(0.5 / g), c1 - bay, bay):
                if rng.random() < 0.55:
                    self.vehicle(rr + int(rng.uniform(0, 0.4) / g), cc + int(0.3 / g), horizontal=False, large=rng.random() < 0.08)
        self.occupied[win] = True
        return True

    def sports_ground(self, r0, c0, r1, c1):
        g = self.gsd
        if not self.free(r0, c0, r1, c1):
            return False
        kind = self.rng.integers(3)
        colour = (M.PITCH, M.TRACK, M.COURT)[kind]
        oid = self.new_object("sports_ground", self.rect_world(r0, c0, r1, c1), 0.0)
        win = (slice(r0, r1), slice(c0, c1))
        self.paint(win, colour, M.MAT_SPORT, 0.03)
        self.ids[win] = oid
        lw = max(1, int(0.3 / g))
        self.albedo[r0 : r0 + lw, c0:c1] = M.LINES
        self.albedo[r1 - lw : r1, c0:c1] = M.LINES
        self.albedo[r0:r1, c0 : c0 + lw] = M.LINES
        self.albedo[r0:r1, c1 - lw : c1] = M.LINES
        mid = (r0 + r1) // 2 if (r1 - r0) > (c1 - c0) else None
        if mid is not None:
            self.albedo[mid : mid + lw, c0:c1] = M.LINES
        else:
            m = (c0 + c1) // 2
            self.albedo[r0:r1, m : m + lw] = M.LINES
        self.occupied[win] = True
        return True

    def water(self, r0, c0, r1, c1):
        if not self.free(r0, c0, r1, c1):
            return False
        rr, cc = np.mgrid[r0:r1, c0:c1].astype(np.float32) + 0.5
        cy, cx, ry, rx = (r0 + r1) / 2, (c0 + c1) / 2, (r1 - r0) / 2, (c1 - c0) / 2
        wob = 1 + 0.15 * self.noise(max(4, (r1 - r0) / 3), (r1 - r0, c1 - c0))
        mask = ((rr - cy) / ry) ** 2 + ((cc - cx) / rx) ** 2 < 0.85 * wob
        if mask.sum() < 10:
            return False
        rows, cols = np.nonzero(mask)
        oid = self.new_object("water", self.rect_world(r0 + rows.min(), c0 + cols.min(), r0 + rows.max() + 1, c0 + cols.max() + 1), 0.0)
        win = (slice(r0, r1), slice(c0, c1))
        self.albedo[win][mask] = M.WATER
        self.material[win][mask] = M.MAT_WATER
        self.ids[win][mask] = oid
        self.occupied[win] = True
        return True

    def field(self, r0, c0, r1, c1):
        if not self.free(r0, c0, r1, c1):
            return False
        rng, g = self.rng, self.gsd
        colour = np.asarray(M.CROPS[rng.integers(len(M.CROPS))], np.float32)
        oid = self.new_object("field", self.rect_world(r0, c0, r1, c1), 0.0)
        win = (slice(r0, r1), slice(c0, c1))
        period = rng.uniform(1.5, 4) / g
        rows = np.arange(r1 - r0)[:, None] if rng.random() < 0.5 else np.arange(c1 - c0)[None, :]
        stripes = (0.9 + 0.1 * np.sin(rows / period * 6.283)).astype(np.float32)
        self.albedo[win] = colour * stripes[..., None] * (1 + 0.04 * self.noise(20 / g, (r1 - r0, c1 - c0)))[..., None]
        self.material[win] = M.MAT_FIELD
        self.ids[win] = oid
        self.occupied[win] = True
        return True

    # --- layout ------------------------------------------------------------------------
    def blocks(self, rows, cols):
        edges_r = [0] + list(rows) + [self.n]
        edges_c = [0] + list(cols) + [self.n]
        for i in range(len(edges_r) - 1):
            for j in range(len(edges_c) - 1):
                yield int(edges_r[i]), int(edges_c[j]), int(edges_r[i + 1]), int(edges_c[j + 1])

    def fill_block(self, blk, town_weight):
        rng, g = self.rng, self.gsd
        r0, c0, r1, c1 = blk
        h, w = r1 - r0, c1 - c0
        if h < 15 / g or w < 15 / g:
            return
        u = rng.random()
        if u < 0.08:
            self.sports_ground(r0 + int(h * 0.15), c0 + int(w * 0.15), r1 - int(h * 0.15), c1 - int(w * 0.15))
        elif u < 0.16:
            self.parking_lot(r0 + int(h * 0.12), c0 + int(w * 0.12), r0 + int(h * 0.12) + int(min(h * 0.7, 45 / g)), c0 + int(w * 0.12) + int(min(w * 0.7, 60 / g)))
        elif u < 0.22:
            self.water(r0 + int(h * 0.15), c0 + int(w * 0.15), r1 - int(h * 0.15), c1 - int(w * 0.15))
        elif rng.random() > town_weight:
            self.field(r0 + int(h * 0.1), c0 + int(w * 0.1), r1 - int(h * 0.1), c1 - int(w * 0.1))
        # whatever room is left becomes houses, gardens and trees
        tries = int(h * w * g * g / 120)
        for _ in range(tries):
            rr, cc = int(rng.uniform(r0, r1)), int(rng.uniform(c0, c1))
            if rng.random() < 0.7 * town_weight + 0.1:
                self.building(rr, cc, blk)
            elif rng.random() < 0.5:
                self.tree_clump(rr, cc, rng.uniform(3, 9))

    def street_cars(self):
        road = self.material == M.MAT_ROAD
        rng = self.rng
        cand = np.argwhere(road[::8, ::8]) * 8
        if len(cand) == 0:
            return
        for k in rng.choice(len(cand), size=min(len(cand), int(self.n * self.n * self.gsd**2 / 2500)), replace=False):
            r, c = cand[k]
            horiz = road[r, max(0, c - 10) : c + 10].all()
            self.vehicle(r, c, horizontal=bool(horiz), large=rng.random() < 0.1)


def generate_scene(seed, size_m: float = 640.0, gsd: float = 0.5) -> Scene:
    """A town/rural scene, a pure function of `seed` (int or numpy SeedSequence)."""
    rng = np.random.default_rng(seed)
    b = _Builder(rng, size_m, gsd)
    zone = int(rng.integers(29, 37))  # central Europe's UTM zones, northern hemisphere
    west = float(np.round(rng.uniform(320_000, 680_000 - size_m), 1))
    south = float(np.round(rng.uniform(4_800_000, 5_700_000), 1))
    b.ground()
    rows, cols = b.roads()
    town_weight = rng.uniform(0.3, 0.95)
    for blk in b.blocks(rows, cols):
        b.fill_block(blk, town_weight)
    b.street_cars()
    return Scene(
        epsg=32600 + zone, west=west, south=south, gsd=gsd,
        ground_elevation=float(np.round(rng.uniform(150, 900), 1)),
        height=b.height, albedo=np.clip(b.albedo, 0, 1), wall=b.wall, material=b.material,
        ids=b.ids, objects=b.objects,
    )
