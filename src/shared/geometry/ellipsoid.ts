// WGS84 geodetic ↔ local east-north-up (ENU) tangent frame. Pure arithmetic, no dependencies, so the
// renderer and main share it. Exact through ECEF (no small-angle approximation), so lon/lat round
// trips are at the sub-millimetre level anywhere a drone flies.

const A = 6378137.0; // semi-major axis (m)
const F = 1 / 298.257223563;
const E2 = F * (2 - F); // first eccentricity squared
const B = A * (1 - F);
const EP2 = (A * A - B * B) / (B * B); // second eccentricity squared

const RAD = Math.PI / 180;

export type Vec3 = [number, number, number];

/** The origin of a local ENU frame: a geodetic point (degrees, metres above the ellipsoid). */
export interface EnuOrigin {
  lon: number;
  lat: number;
  h: number;
}

export function geodeticToEcef(lon: number, lat: number, h: number): Vec3 {
  const la = lat * RAD;
  const lo = lon * RAD;
  const sinLa = Math.sin(la);
  const n = A / Math.sqrt(1 - E2 * sinLa * sinLa);
  return [(n + h) * Math.cos(la) * Math.cos(lo), (n + h) * Math.cos(la) * Math.sin(lo), (n * (1 - E2) + h) * sinLa];
}

/** Bowring's closed form: better than 1 mm for heights within a few hundred km of the surface. */
export function ecefToGeodetic(x: number, y: number, z: number): EnuOrigin {
  const p = Math.hypot(x, y);
  const theta = Math.atan2(z * A, p * B);
  const st = Math.sin(theta);
  const ct = Math.cos(theta);
  const la = Math.atan2(z + EP2 * B * st * st * st, p - E2 * A * ct * ct * ct);
  const sinLa = Math.sin(la);
  const n = A / Math.sqrt(1 - E2 * sinLa * sinLa);
  const h = Math.abs(Math.cos(la)) > 1e-9 ? p / Math.cos(la) - n : Math.abs(z) - B;
  return { lon: Math.atan2(y, x) / RAD, lat: la / RAD, h };
}

function basis(o: EnuOrigin): { e: Vec3; n: Vec3; u: Vec3 } {
  const la = o.lat * RAD;
  const lo = o.lon * RAD;
  const sl = Math.sin(la), cl = Math.cos(la), so = Math.sin(lo), co = Math.cos(lo);
  return { e: [-so, co, 0], n: [-sl * co, -sl * so, cl], u: [cl * co, cl * so, sl] };
}

export function geodeticToEnu(o: EnuOrigin, lon: number, lat: number, h: number): Vec3 {
  const p = geodeticToEcef(lon, lat, h);
  const c = geodeticToEcef(o.lon, o.lat, o.h);
  const d: Vec3 = [p[0] - c[0], p[1] - c[1], p[2] - c[2]];
  const b = basis(o);
  return [dot(b.e, d), dot(b.n, d), dot(b.u, d)];
}

export function enuToGeodetic(o: EnuOrigin, v: Vec3): EnuOrigin {
  const c = geodeticToEcef(o.lon, o.lat, o.h);
  const b = basis(o);
  return ecefToGeodetic(
    c[0] + b.e[0] * v[0] + b.n[0] * v[1] + b.u[0] * v[2],
    c[1] + b.e[1] * v[0] + b.n[1] * v[1] + b.u[1] * v[2],
    c[2] + b.e[2] * v[0] + b.n[2] * v[1] + b.u[2] * v[2],
  );
}

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function norm(a: Vec3): number {
  return Math.hypot(a[0], a[1], a[2]);
}
