import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIGMA,
  cameraFromTelemetry,
  enuToLonLat,
  focal35mmFromHfov,
  frameFootprint,
  groundToPixel,
  groundUncertainty,
  hfovFromFocal35mm,
  lonLatToEnu,
  pixelToGround,
  pixelToGroundEnu,
  type FrameCamera,
  type Telemetry,
} from '../../../src/shared/geometry';

const FRAME = { width: 1000, height: 750 };
const BASE: Telemetry = { lat: 47.3769, lon: 8.5417, altM: 100, headingDeg: 0, pitchDeg: -45 };

function cam(t: Partial<Telemetry> = {}, hfovDeg: number | undefined = 90): FrameCamera {
  const r = cameraFromTelemetry({ ...BASE, ...t }, FRAME, hfovDeg === undefined ? undefined : { hfovDeg });
  if (!r.ok) throw new Error(r.reason);
  return r.camera;
}

function reason(t: Partial<Telemetry>, hfovDeg?: number): string {
  const r = cameraFromTelemetry({ ...BASE, ...t }, FRAME, hfovDeg === undefined ? undefined : { hfovDeg });
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.reason;
}

describe('cameraFromTelemetry refuses telemetry it cannot cast a ray from', () => {
  it('no heading or no pitch', () => {
    expect(reason({ headingDeg: undefined })).toMatch(/no heading/);
    expect(reason({ pitchDeg: undefined })).toMatch(/no camera pitch/);
  });
  it('pitch at or above the horizon, or beyond nadir', () => {
    expect(reason({ pitchDeg: 0 })).toMatch(/at or above the horizon/);
    expect(reason({ pitchDeg: 12 })).toMatch(/at or above the horizon/);
    expect(reason({ pitchDeg: -95 })).toMatch(/beyond nadir/);
  });
  it('altitude missing, zero or below the take-off point', () => {
    expect(reason({ altM: undefined })).toMatch(/no altitude/);
    expect(reason({ altM: 0 })).toMatch(/must be above 0/);
    expect(reason({ altM: -3 })).toMatch(/-3\.0 m/);
    expect(reason({ altM: 530, altRef: 'sea' })).toMatch(/no take-off elevation/);
    expect(cameraFromTelemetry({ ...BASE, altM: 530, altRef: 'sea', takeoffElevationM: 410 }, FRAME).ok).toBe(true);
  });
  it('a project field of view of 0° or at least 180°', () => {
    expect(reason({}, 0)).toMatch(/between 0° and 180°/);
    expect(reason({}, 180)).toMatch(/between 0° and 180°/);
    expect(reason({}, 250)).toMatch(/250°/);
    expect(reason({}, Number.NaN)).toMatch(/between 0° and 180°/);
  });
});

describe('intrinsics', () => {
  it('35 mm-equivalent focal length ↔ horizontal field of view (diagonal convention)', () => {
    // A 24 mm-equivalent lens sees 84° across the diagonal; on a 4:3 frame that is 71.6° across.
    expect(hfovFromFocal35mm(24, 4000, 3000)).toBeCloseTo(71.59, 1);
    expect(focal35mmFromHfov(hfovFromFocal35mm(28.3, 960, 720), 960, 720)).toBeCloseTo(28.3, 9);
  });
  it('the project setting wins, then the 35 mm focal, then physical focal + sensor, then 24 mm', () => {
    const t = { ...BASE, focal35mm: 24, focalMm: 10, sensorWidthMm: 13.2 };
    const pick = (x: Telemetry, h?: number) => {
      const r = cameraFromTelemetry(x, FRAME, h === undefined ? {} : { hfovDeg: h });
      return r.ok ? [r.camera.intrinsics, Math.round(r.camera.hfovDeg * 10) / 10] : r.reason;
    };
    expect(pick(t, 60)).toEqual(['project-hfov', 60]);
    expect(pick(t)).toEqual(["focal-35mm", 71.6]);
    expect(pick({ ...t, focal35mm: undefined })).toEqual(['focal-sensor', 66.8]);
    expect(pick(BASE)).toEqual(["default-24mm", 71.6]);
  });
});

describe('rays and the ground', () => {
  it('the centre pixel of a 45° camera lands one height ahead along the heading', () => {
    expect(pixelToGroundEnu(cam(), { x: 500, y: 375 })).toMatchObject({ e: expect.closeTo(0, 6), n: expect.closeTo(100, 6) });
    const east = pixelToGroundEnu(cam({ headingDeg: 90 }), { x: 500, y: 375 })!;
    expect(east.e).toBeCloseTo(100, 6);
    expect(east.n).toBeCloseTo(0, 6);
    expect(pixelToGroundEnu(cam(), { x: 500, y: 375 }, 4)!.n).toBeCloseTo(96, 6);
  });
  it('nadir: the top of the frame points along the heading, its right edge to the right', () => {
    const c = cam({ pitchDeg: -90, headingDeg: 0 });
    expect(pixelToGroundEnu(c, { x: 500, y: 0 })).toMatchObject({ e: expect.closeTo(0, 6), n: expect.closeTo(75, 6) });
    expect(pixelToGroundEnu(c, { x: 1000, y: 375 })).toMatchObject({ e: expect.closeTo(100, 6), n: expect.closeTo(0, 6) });
  });
  it('positive roll lowers the right side of the frame: it sees nearer ground', () => {
    const c = cam({ rollDeg: 10 });
    const left = pixelToGroundEnu(c, { x: 0, y: 375 })!;
    const right = pixelToGroundEnu(c, { x: 1000, y: 375 })!;
    expect(right.n).toBeLessThan(left.n - 10);
  });
  it('groundToPixel inverts pixelToGround, and is null behind the camera', () => {
    const c = cam({ headingDeg: 213, pitchDeg: -38, rollDeg: 2.5 });
    for (const px of [{ x: 10, y: 700 }, { x: 500, y: 375 }, { x: 990, y: 200 }, { x: 123.4, y: 456.7 }]) {
      const g = pixelToGround(c, px)!;
      const back = groundToPixel(c, g)!;
      expect(back.x).toBeCloseTo(px.x, 4);
      expect(back.y).toBeCloseTo(px.y, 4);
    }
    const behind = enuToLonLat(c, -Math.sin((213 * Math.PI) / 180) * 300, -Math.cos((213 * Math.PI) / 180) * 300);
    expect(groundToPixel(c, behind)).toBeNull();
  });
  it('no ground point above the horizon or too close to it', () => {
    const c = cam({ pitchDeg: -10 });
    expect(pixelToGround(c, { x: 500, y: 0 })).toBeNull(); // 45° above the axis: sky
    expect(pixelToGround(c, { x: 500, y: 750 })).not.toBeNull();
    expect(pixelToGround(c, { x: Number.NaN, y: 3 })).toBeNull();
  });
  it('lon/lat ↔ local metres round trip', () => {
    const c = cam();
    const ll = enuToLonLat(c, 812.5, -431.25);
    const back = lonLatToEnu(c, ll);
    expect(back.e).toBeCloseTo(812.5, 4);
    expect(back.n).toBeCloseTo(-431.25, 4);
    // A degree of latitude is about 111.2 km here.
    expect((enuToLonLat(c, 0, 1000).lat - BASE.lat) * 111_200).toBeCloseTo(1000, -1);
  });
});

describe('frameFootprint', () => {
  it('a nadir frame covers the rectangle its field of view gives', () => {
    const c = cam({ pitchDeg: -90 });
    const ring = frameFootprint(c)!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    const pts = ring.map(([lon, lat]) => lonLatToEnu(c, { lon, lat }));
    expect(Math.min(...pts.map((p) => p.e))).toBeCloseTo(-100, 3);
    expect(Math.max(...pts.map((p) => p.e))).toBeCloseTo(100, 3);
    expect(Math.max(...pts.map((p) => p.n))).toBeCloseTo(75, 3);
  });
  it('a frame showing the horizon is cut where the ground gets too far, and one showing only sky has none', () => {
    const c = cam({ pitchDeg: -8 });
    const pts = frameFootprint(c)!.map(([lon, lat]) => lonLatToEnu(c, { lon, lat }));
    const far = Math.max(...pts.map((p) => Math.hypot(p.e, p.n)));
    expect(far).toBeGreaterThan(1000);
    expect(far).toBeLessThan(100 / Math.tan((2 * Math.PI) / 180) + 1);
    expect(frameFootprint(cam({ pitchDeg: -0.5 }, 2))).toBeNull();
  });
});

describe('groundUncertainty', () => {
  const centre = { x: 500, y: 375 };
  const zero = { headingDeg: 0, pitchDeg: 0, rollDeg: 0, altitudeM: 0, positionM: 0 };
  it('position error alone gives a circle of that radius', () => {
    const u = groundUncertainty(cam(), centre, { ...zero, positionM: 3 })!;
    expect(u.semiMajorM).toBeCloseTo(3, 6);
    expect(u.semiMinorM).toBeCloseTo(3, 6);
    expect(u.covEN[1]).toBeCloseTo(0, 9);
  });
  it('heading error spreads across the view, pitch error along it', () => {
    const h = groundUncertainty(cam(), centre, { ...zero, headingDeg: 5 })!;
    expect(h.azimuthDeg).toBeCloseTo(90, 3);
    expect(h.semiMajorM).toBeCloseTo(100 * Math.sin((5 * Math.PI) / 180), 3);
    expect(h.semiMinorM).toBeLessThan(0.01);
    const p = groundUncertainty(cam({ headingDeg: 30 }), centre, { ...zero, pitchDeg: 2 })!;
    expect(p.azimuthDeg).toBeCloseTo(30, 3);
    // d(range)/d(pitch) = h / sin²(depression) = 200 m/rad at 45°: about 7 m for 2°.
    expect(p.semiMajorM).toBeGreaterThan(6.5);
    expect(p.semiMajorM).toBeLessThan(7.5);
  });
  it('grows towards the horizon, and the default sigma gives metres, not kilometres, at 45°', () => {
    const near = groundUncertainty(cam(), { x: 500, y: 700 }, DEFAULT_SIGMA)!;
    const far = groundUncertainty(cam(), { x: 500, y: 60 }, DEFAULT_SIGMA)!;
    expect(far.semiMajorM).toBeGreaterThan(2 * near.semiMajorM);
    const mid = groundUncertainty(cam(), centre, DEFAULT_SIGMA)!;
    expect(mid.semiMajorM).toBeGreaterThan(5);
    expect(mid.semiMajorM).toBeLessThan(30);
    expect(groundUncertainty(cam({ pitchDeg: -10 }), { x: 500, y: 0 }, DEFAULT_SIGMA)).toBeNull();
  });
});
