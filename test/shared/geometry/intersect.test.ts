import { describe, expect, it } from 'vitest';
import { cameraFromTelemetry, enuToLonLat, groundToPixel, intersectRays, lonLatToEnu, type FrameCamera } from '../../../src/shared/geometry';

const FRAME = { width: 1000, height: 750 };
function cam(lat: number, lon: number, headingDeg: number, pitchDeg = -40): FrameCamera {
  const r = cameraFromTelemetry({ lat, lon, altM: 100, headingDeg, pitchDeg, takeoffElevationM: 400 }, FRAME, { hfovDeg: 70 });
  if (!r.ok) throw new Error(r.reason);
  return r.camera;
}

describe('intersectRays', () => {
  const a = cam(47.0, 8.0, 30);
  // A ground point 120 m ahead of camera a, seen again from a second drone position to its east.
  const target = enuToLonLat(a, 60, 104);
  const b = cam(47.0, 8.002, 300);

  it('two views of one ground point meet at it, on the ground', () => {
    const pa = groundToPixel(a, target)!;
    const pb = groundToPixel(b, target)!;
    const x = intersectRays([{ camera: a, px: pa }, { camera: b, px: pb }])!;
    const d = lonLatToEnu(a, x);
    expect(d.e).toBeCloseTo(60, 2);
    expect(d.n).toBeCloseTo(104, 2);
    expect(x.h).toBeCloseTo(400, 1);
    expect(x.rmsM).toBeLessThan(0.01);
    expect(x.minAngleDeg).toBeGreaterThan(20);
  });
  it('one ray, or rays nearly parallel, give no fix', () => {
    const pa = groundToPixel(a, target)!;
    expect(intersectRays([{ camera: a, px: pa }])).toBeNull();
    const a2 = cam(47.0000001, 8.0, 30);
    expect(intersectRays([{ camera: a, px: pa }, { camera: a2, px: groundToPixel(a2, target)! }])).toBeNull();
  });
});
