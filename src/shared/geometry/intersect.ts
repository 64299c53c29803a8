// Several frames of one object: the point nearest every click's ray, by least squares.
import type { FrameCamera } from './camera';
import { ecefToGeodetic, geodeticToEcef, type Vec3 } from './ellipsoid';
import { pixelRay } from './ground';

const RAD = Math.PI / 180;

/** The ENU → ECEF rotation columns at a geodetic origin. */
function enuBasis(lon: number, lat: number): [Vec3, Vec3, Vec3] {
  const sl = Math.sin(lat * RAD), cl = Math.cos(lat * RAD), so = Math.sin(lon * RAD), co = Math.cos(lon * RAD);
  return [
    [-so, co, 0],
    [-sl * co, -sl * so, cl],
    [cl * co, cl * so, sl],
  ];
}

function toEcef(c: FrameCamera, v: Vec3, isPoint: boolean): Vec3 {
  const [e, n, u] = enuBasis(c.origin.lon, c.origin.lat);
  const o = isPoint ? geodeticToEcef(c.origin.lon, c.origin.lat, c.origin.h) : ([0, 0, 0] as Vec3);
  return [0, 1, 2].map((k) => o[k]! + e[k]! * v[0] + n[k]! * v[1] + u[k]! * v[2]) as Vec3;
}

export interface RayIntersection {
  lon: number;
  lat: number;
  /** Ellipsoidal height of the point (m). */
  h: number;
  /** RMS distance of the point from the rays (m). */
  rmsM: number;
  /** The smallest angle between two of the rays (degrees): small angles give a weak fix. */
  minAngleDeg: number;
}

/**
 * The point nearest (in the least-squares sense) to the rays of several clicks on one object, each
 * through its own frame's camera. Null for fewer than two rays or rays closer than `minAngleDeg` to
 * parallel (no fix: keep the single-ray estimate).
 */
export function intersectRays(obs: ReadonlyArray<{ camera: FrameCamera; px: { x: number; y: number } }>, minAngleDeg = 2): RayIntersection | null {
  if (obs.length < 2) return null;
  const rays = obs.map(({ camera, px }) => ({
    o: toEcef(camera, [camera.eastM, camera.northM, camera.heightM], true),
    d: toEcef(camera, pixelRay(camera, px), false),
  }));
  let widest = 0;
  for (let i = 0; i < rays.length; i++) {
    for (let j = i + 1; j < rays.length; j++) {
      const c = Math.min(1, Math.abs(rays[i]!.d[0] * rays[j]!.d[0] + rays[i]!.d[1] * rays[j]!.d[1] + rays[i]!.d[2] * rays[j]!.d[2]));
      widest = Math.max(widest, Math.acos(c) / RAD);
    }
  }
  if (widest < minAngleDeg) return null;
  // Σ (I − d dᵀ) x = Σ (I − d dᵀ) o, solved relative to the first ray's origin for precision.
  const base = rays[0]!.o;
  const A = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const b = [0, 0, 0];
  for (const { o, d } of rays) {
    const rel = [o[0] - base[0], o[1] - base[1], o[2] - base[2]];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) {
        const m = (r === c ? 1 : 0) - d[r]! * d[c]!;
        A[r * 3 + c] += m;
        b[r] += m * rel[c]!;
      }
    }
  }
  const x = solve3(A, b);
  if (!x) return null;
  let ss = 0;
  for (const { o, d } of rays) {
    const v = [x[0] - (o[0] - base[0]), x[1] - (o[1] - base[1]), x[2] - (o[2] - base[2])];
    const t = v[0]! * d[0] + v[1]! * d[1] + v[2]! * d[2];
    ss += (v[0]! - t * d[0]) ** 2 + (v[1]! - t * d[1]) ** 2 + (v[2]! - t * d[2]) ** 2;
  }
  const g = ecefToGeodetic(base[0] + x[0], base[1] + x[1], base[2] + x[2]);
  return { lon: g.lon, lat: g.lat, h: g.h, rmsM: Math.sqrt(ss / rays.length), minAngleDeg: widest };
}

function solve3(a: number[], b: number[]): [number, number, number] | null {
  const det = (m: number[]) => m[0]! * (m[4]! * m[8]! - m[5]! * m[7]!) - m[1]! * (m[3]! * m[8]! - m[5]! * m[6]!) + m[2]! * (m[3]! * m[7]! - m[4]! * m[6]!);
  const d = det(a);
  if (!(Math.abs(d) > 1e-12)) return null;
  const col = (k: number) => a.map((v, i) => (i % 3 === k ? b[Math.floor(i / 3)]! : v));
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}
