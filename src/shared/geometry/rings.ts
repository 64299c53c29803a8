// Small planar tests on lon/lat rings (areas of a few km², where lon/lat may be treated as planar).

/** Even-odd test: is [lon, lat] inside the closed ring? */
export function pointInRing(p: readonly [number, number], ring: ReadonlyArray<readonly [number, number]>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The area-weighted centroid of a closed ring (the vertex mean when it has no area). */
export function ringCentroid(ring: ReadonlyArray<readonly [number, number]>): { lon: number; lat: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const [x0, y0] = ring[0];
  for (let i = 0; i + 1 < ring.length; i++) {
    const xa = ring[i][0] - x0, ya = ring[i][1] - y0, xb = ring[i + 1][0] - x0, yb = ring[i + 1][1] - y0;
    const cr = xa * yb - xb * ya;
    a += cr;
    cx += (xa + xb) * cr;
    cy += (ya + yb) * cr;
  }
  if (Math.abs(a) < 1e-18) {
    const pts = ring.slice(0, -1);
    return { lon: pts.reduce((s, p) => s + p[0], 0) / pts.length, lat: pts.reduce((s, p) => s + p[1], 0) / pts.length };
  }
  return { lon: x0 + cx / (3 * a), lat: y0 + cy / (3 * a) };
}
