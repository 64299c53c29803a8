// The click's ray against a terrain model (DEM/DSM) instead of flat ground: march along the ray, then
// bisect the first crossing. The caller samples the DEM; this file stays free of any file format.
import type { FrameCamera } from './camera';
import { MAX_GROUND_RANGE_M, pixelRay } from './ground';

/**
 * Terrain height at a point (metres east/north of the camera's ENU origin), relative to the ENU plane
 * z = 0 (the take-off elevation); null where the DEM has no data or does not reach.
 */
export type HeightAt = (e: number, n: number) => number | null;

export type TerrainHit =
  | { ok: true; e: number; n: number; z: number }
  | { ok: false; reason: 'no-data' | 'no-hit' };

/**
 * Where the pixel's ray first meets the terrain (`aboveGroundM` over it), marching in horizontal
 * steps of `stepM` (about half the DEM's cell size) up to MAX_GROUND_RANGE_M, then bisecting to
 * 1 cm. Unlike flat ground, a ray near or above the horizon may still meet a hill. `no-data`: the
 * ray reached DEM cells without data (or left the DEM) before meeting it; `no-hit`: it never came
 * down to the terrain within range (or the camera is below it).
 */
export function pixelToTerrainEnu(c: FrameCamera, px: { x: number; y: number }, heightAt: HeightAt, opts: { stepM?: number; aboveGroundM?: number } = {}): TerrainHit {
  const d = pixelRay(c, px);
  const stepM = opts.stepM ?? 2;
  const above = opts.aboveGroundM ?? 0;
  const horiz = Math.hypot(d[0], d[1]);
  // Ray parameter per metre of horizontal travel (nadir rays: per metre of descent).
  const dt = horiz > 1e-9 ? stepM / horiz : stepM;
  const at = (t: number) => ({ e: c.eastM + d[0] * t, n: c.northM + d[1] * t, z: c.heightM + d[2] * t });
  const gap = (t: number): number | null => {
    const p = at(t);
    const h = heightAt(p.e, p.n);
    return h === null ? null : p.z - (h + above);
  };
  let prevT = 0;
  const g0 = gap(0);
  if (g0 === null) return { ok: false, reason: 'no-data' };
  if (g0 <= 0) return { ok: false, reason: 'no-hit' }; // the camera is below the terrain
  for (let t = dt; horiz * t <= MAX_GROUND_RANGE_M && (horiz > 1e-9 || t <= c.heightM * 10); t += dt) {
    const g = gap(t);
    if (g === null) return { ok: false, reason: 'no-data' };
    if (g <= 0) {
      let lo = prevT;
      let hi = t;
      for (let i = 0; i < 40 && (hi - lo) * Math.max(horiz, 1) > 0.01; i++) {
        const mid = (lo + hi) / 2;
        const gm = gap(mid);
        if (gm !== null && gm > 0) lo = mid;
        else hi = mid;
      }
      const p = at(hi);
      return { ok: true, e: p.e, n: p.n, z: p.z - above };
    }
    prevT = t;
  }
  return { ok: false, reason: 'no-hit' };
}
