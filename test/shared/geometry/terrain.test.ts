import { describe, expect, it } from 'vitest';
import { cameraFromTelemetry, pixelToGroundEnu, pixelToTerrainEnu, type FrameCamera } from '../../../src/shared/geometry';

function cam(pitchDeg = -45): FrameCamera {
  const r = cameraFromTelemetry({ lat: 47, lon: 8, altM: 100, headingDeg: 0, pitchDeg }, { width: 1000, height: 750 }, { hfovDeg: 90 });
  if (!r.ok) throw new Error(r.reason);
  return r.camera;
}
const centre = { x: 500, y: 375 };

describe('pixelToTerrainEnu', () => {
  it('on flat terrain it agrees with the flat-ground ray', () => {
    for (const px of [centre, { x: 100, y: 700 }, { x: 900, y: 200 }]) {
      const flat = pixelToGroundEnu(cam(), px)!;
      const hit = pixelToTerrainEnu(cam(), px, () => 0);
      expect(hit.ok && Math.hypot(hit.e - flat.e, hit.n - flat.n)).toBeLessThan(0.02);
    }
    const nadir = pixelToTerrainEnu(cam(-90), centre, () => 0);
    expect(nadir).toMatchObject({ ok: true, e: expect.closeTo(0, 3), n: expect.closeTo(0, 3), z: expect.closeTo(0, 1) });
  });
  it('a slope rising ahead is met sooner; ground lower than take-off, later', () => {
    // z = 0.5·n: the 45° ray z = 100 − n meets it at n = 66.7 m.
    const up = pixelToTerrainEnu(cam(), centre, (_e, n) => 0.5 * n);
    expect(up).toMatchObject({ ok: true, n: expect.closeTo(66.667, 1), z: expect.closeTo(33.333, 1) });
    expect(pixelToTerrainEnu(cam(), centre, () => -20)).toMatchObject({ ok: true, n: expect.closeTo(120, 1) });
    expect(pixelToTerrainEnu(cam(), centre, () => 0, { aboveGroundM: 4 })).toMatchObject({ ok: true, n: expect.closeTo(96, 1), z: expect.closeTo(0, 1) });
  });
  it('a hill in front hides the ground behind it', () => {
    const hill = (_e: number, n: number) => (n > 40 && n < 50 ? 70 : 0);
    expect(pixelToTerrainEnu(cam(), centre, hill)).toMatchObject({ ok: true, n: expect.closeTo(40, 1), z: expect.closeTo(60, 1) });
  });
  it('DEM without data, a ray leaving the DEM, or a ray that never comes down are reported', () => {
    expect(pixelToTerrainEnu(cam(), centre, (_e, n) => (n > 50 && n < 60 ? null : 0))).toEqual({ ok: false, reason: 'no-data' });
    expect(pixelToTerrainEnu(cam(), centre, (_e, n) => (n < 30 ? 0 : null))).toEqual({ ok: false, reason: 'no-data' });
    expect(pixelToTerrainEnu(cam(-10), { x: 500, y: 0 }, () => 0)).toEqual({ ok: false, reason: 'no-hit' });
    expect(pixelToTerrainEnu(cam(), centre, () => 150)).toEqual({ ok: false, reason: 'no-hit' });
  });
});
