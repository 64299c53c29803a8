/**
 * Geometry of a located box on the map, as a ring of [lon, lat] positions. Boxes come from a
 * north-up reference chip, so after reprojection they are near-rectangular quadrilaterals; edits
 * keep them parallelograms in lon/lat (an affine shape), which keeps their small rotation.
 */
export type Position = [number, number];

/** The four corners of a box ring, without the closing repeat of the first position. */
export function ringCorners(ring: readonly Position[]): Position[] {
  const open = isClosed(ring) ? ring.slice(0, -1) : ring.slice();
  if (open.length !== 4) throw new Error(`A box ring needs 4 corners, this one has ${open.length}.`);
  return open.map(([x, y]) => [x, y]);
}

/** A GeoJSON-style closed ring (first position repeated at the end). */
export function closeRing(corners: readonly Position[]): Position[] {
  const ring = corners.map(([x, y]) => [x, y] as Position);
  if (ring.length > 0 && !isClosed(ring)) ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

function isClosed(ring: readonly Position[]): boolean {
  if (ring.length < 2) return false;
  const a = ring[0];
  const b = ring[ring.length - 1];
  return a[0] === b[0] && a[1] === b[1];
}

/** Keeps the caller's ring convention: closed in, closed out; open in, open out. */
function likeInput(input: readonly Position[], corners: Position[]): Position[] {
  return isClosed(input) ? closeRing(corners) : corners;
}

export function translateRing(ring: readonly Position[], dLon: number, dLat: number): Position[] {
  return likeInput(ring, ringCorners(ring).map(([x, y]) => [x + dLon, y + dLat]));
}

/**
 * Moves corner `index` to `to` while the opposite corner stays put: the two edges leaving the
 * fixed corner keep their directions and are scaled (or flipped) so the dragged corner lands on
 * `to`. Returns the ring unchanged when the result would collapse to a line.
 */
export function resizeRingFromCorner(ring: readonly Position[], index: number, to: Position): Position[] {
  const c = ringCorners(ring);
  const k = ((index % 4) + 4) % 4;
  const o = (k + 2) % 4;
  const a = (o + 1) % 4;
  const b = (o + 3) % 4;
  const e1: Position = [c[a][0] - c[o][0], c[a][1] - c[o][1]];
  const e2: Position = [c[b][0] - c[o][0], c[b][1] - c[o][1]];
  const det = e1[0] * e2[1] - e1[1] * e2[0];
  if (det === 0) return ring.map(([x, y]) => [x, y]);
  const dx = to[0] - c[o][0];
  const dy = to[1] - c[o][1];
  // Solve (dx, dy) = s·e1 + t·e2 by Cramer's rule.
  const s = (dx * e2[1] - dy * e2[0]) / det;
  const t = (e1[0] * dy - e1[1] * dx) / det;
  if (Math.abs(s) < 1e-6 || Math.abs(t) < 1e-6) return ring.map(([x, y]) => [x, y]);
  const next = c.slice();
  next[a] = [c[o][0] + s * e1[0], c[o][1] + s * e1[1]];
  next[b] = [c[o][0] + t * e2[0], c[o][1] + t * e2[1]];
  next[k] = [c[o][0] + s * e1[0] + t * e2[0], c[o][1] + s * e1[1] + t * e2[1]];
  return likeInput(ring, next);
}

export function ringCentre(ring: readonly Position[]): Position {
  const c = ringCorners(ring);
  return [(c[0][0] + c[1][0] + c[2][0] + c[3][0]) / 4, (c[0][1] + c[1][1] + c[2][1] + c[3][1]) / 4];
}

/** [[south, west], [north, east]] — the order Leaflet's fitBounds takes. */
export function ringLatLngBounds(ring: readonly Position[]): [[number, number], [number, number]] {
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return [
    [Math.min(...lats), Math.min(...lons)],
    [Math.max(...lats), Math.max(...lons)],
  ];
}

/** A square of `sideM` metres centred on a point, as a closed [lon, lat] ring (local flat-earth). */
export function squareAround(centre: Position, sideM: number): Position[] {
  const half = sideM / 2;
  const dLat = half / 111_320;
  const dLon = half / (111_320 * Math.max(0.01, Math.cos((centre[1] * Math.PI) / 180)));
  const [x, y] = centre;
  return closeRing([
    [x - dLon, y + dLat],
    [x + dLon, y + dLat],
    [x + dLon, y - dLat],
    [x - dLon, y - dLat],
  ]);
}
