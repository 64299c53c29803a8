// Lon/lat rings: small planar tests and the normal form GIS files expect. Over the few km² a
// drone frame covers, lon/lat may be treated as planar.

/** A lon/lat position (WGS84 degrees). */
type LonLat = [number, number];

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

/** 1e-7° is about 1 cm: finer digits are noise from the model and only bloat the file. */
export function roundDeg(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

/** Twice the signed area (shoelace, lon as x): positive for a counter-clockwise ring. */
export function signedArea2(ring: ReadonlyArray<readonly [number, number]>): number {
  // Relative to the first vertex: a 1 m box at lon 100° would otherwise drown in rounding error.
  const [ox, oy] = ring[0];
  let sum = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const x1 = ring[i][0] - ox;
    const y1 = ring[i][1] - oy;
    const x2 = ring[(i + 1) % n][0] - ox;
    const y2 = ring[(i + 1) % n][1] - oy;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/**
 * The ring as RFC 7946 wants an exterior ring: rounded to 1e-7°, closed, counter-clockwise
 * (right-hand rule). Boxes come from image space where y points down, so clockwise is common.
 */
export function exteriorRing(ring: readonly LonLat[]): LonLat[] {
  const n = ring.length;
  const first = ring[0];
  const last = ring[n - 1];
  const closed = roundDeg(first[0]) === roundDeg(last[0]) && roundDeg(first[1]) === roundDeg(last[1]);
  const out: LonLat[] = new Array(closed ? n : n + 1);
  for (let i = 0; i < n; i++) out[i] = [roundDeg(ring[i][0]), roundDeg(ring[i][1])];
  if (!closed) out[n] = [out[0][0], out[0][1]];
  if (signedArea2(out) < 0) out.reverse();
  return out;
}

/** Area centroid of a closed ring; the vertex mean where the ring has no area. */
export function ringCentroid(ring: ReadonlyArray<readonly [number, number]>): LonLat {
  const a2 = signedArea2(ring);
  const n = ring.length;
  if (a2 === 0) {
    const distinct = ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1] ? n - 1 : n;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < distinct; i++) {
      sx += ring[i][0];
      sy += ring[i][1];
    }
    return [sx / distinct, sy / distinct];
  }
  const [ox, oy] = ring[0];
  let cx = 0;
  let cy = 0;
  let area2 = 0;
  for (let i = 0; i < n; i++) {
    const x1 = ring[i][0] - ox;
    const y1 = ring[i][1] - oy;
    const x2 = ring[(i + 1) % n][0] - ox;
    const y2 = ring[(i + 1) % n][1] - oy;
    const cross = x1 * y2 - x2 * y1;
    area2 += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  return [ox + cx / (3 * area2), oy + cy / (3 * area2)];
}

/** OGC WKT of a single-ring polygon (lon lat order, as GIS tools expect for EPSG:4326 CSVs). */
export function ringToWkt(ring: readonly LonLat[]): string {
  return `POLYGON((${ring.map(([lon, lat]) => `${lon} ${lat}`).join(', ')}))`;
}

export function isLonLatInRange([lon, lat]: LonLat): boolean {
  return Number.isFinite(lon) && Number.isFinite(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}
