// The camera model against the generator's own cameras: the sample project's telemetry and truth.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSrt } from '../../../src/main/frames/srt';
import {
  CLICK_HEIGHT_M,
  cameraFromTelemetry,
  groundToPixel,
  lonLatToEnu,
  pixelToGround,
  pointInRing,
  ringCentroid,
  type FrameCamera,
} from '../../../src/shared/geometry';

const SAMPLE = path.resolve(__dirname, '../../../resources/sample');
interface TruthObject { id: number; class: string; height_m: number; footprint_lonlat: Array<[number, number]> }
interface TruthFrame { camera: { hfov_deg: number; tilt_deg: number; altitude_m: number }; objects: Array<{ id: number; box: [number, number, number, number]; visible_px: number }> }
const truth = JSON.parse(readFileSync(path.join(SAMPLE, 'ground_truth.json'), 'utf8')) as {
  frame_size: [number, number];
  objects: TruthObject[];
  frames: TruthFrame[];
};
const blocks = parseSrt(readFileSync(path.join(SAMPLE, 'frames', 'flight.SRT'), 'utf8'));
const objects = new Map(truth.objects.map((o) => [o.id, o]));
const [W, H] = truth.frame_size;

// The SRT alone: its focal_len must reproduce the rendered field of view.
function cameraOf(i: number): FrameCamera {
  const r = cameraFromTelemetry(blocks[i], { width: W, height: H });
  if (!r.ok) throw new Error(r.reason);
  return r.camera;
}

describe('the camera model reproduces the sample generator’s cameras', () => {
  it('from the SRT: field of view, pitch and height of every frame', () => {
    expect(blocks).toHaveLength(truth.frames.length);
    truth.frames.forEach((f, i) => {
      const c = cameraOf(i);
      expect(c.intrinsics).toBe('focal-35mm');
      expect(Math.abs(c.hfovDeg - f.camera.hfov_deg)).toBeLessThan(0.02); // focal_len has 2 decimals
      expect(c.pitchDeg).toBeCloseTo(f.camera.tilt_deg - 90, 1);
      expect(c.heightM).toBeCloseTo(f.camera.altitude_m, 3);
    });
  });

  it('flat objects wholly in view project onto their frame boxes', () => {
    const errors: number[] = [];
    truth.frames.forEach((f, i) => {
      const c = cameraOf(i);
      for (const ob of f.objects) {
        const o = objects.get(ob.id)!;
        const [x1, y1, x2, y2] = ob.box;
        if (o.height_m !== 0 || ob.visible_px < 400 || x1 <= 0 || y1 <= 0 || x2 >= W || y2 >= H) continue;
        const px = o.footprint_lonlat.map(([lon, lat]) => groundToPixel(c, { lon, lat })!);
        const box = [Math.min(...px.map((p) => p.x)), Math.min(...px.map((p) => p.y)), Math.max(...px.map((p) => p.x)), Math.max(...px.map((p) => p.y))];
        errors.push(Math.max(...box.map((v, k) => Math.abs(v - ob.box[k]))));
      }
    });
    errors.sort((a, b) => a - b);
    expect(errors.length).toBeGreaterThan(100);
    // Occluders trim some visible boxes; most edges agree to within the SRT's rounding (0.1°, 1e-6°).
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThan(4);
  });

  it('the centre of an object’s frame box, cast at the click height, lands on or near its footprint', () => {
    let n = 0;
    let inside = 0;
    const dist: number[] = [];
    truth.frames.forEach((f, i) => {
      const c = cameraOf(i);
      for (const ob of f.objects) {
        if (ob.visible_px < 400) continue;
        const o = objects.get(ob.id)!;
        const [x1, y1, x2, y2] = ob.box;
        const g = pixelToGround(c, { x: (x1 + x2) / 2, y: (y1 + y2) / 2 }, CLICK_HEIGHT_M);
        n++;
        if (!g) continue;
        if (pointInRing([g.lon, g.lat], o.footprint_lonlat)) inside++;
        const a = lonLatToEnu(c, g);
        const [lon, lat] = ringCentroid(o.footprint_lonlat);
        const b = lonLatToEnu(c, { lon, lat });
        dist.push(Math.hypot(a.e - b.e, a.n - b.n));
      }
    });
    dist.sort((a, b) => a - b);
    expect(n).toBeGreaterThan(4000);
    expect(dist.length).toBe(n);
    expect(inside / n).toBeGreaterThan(0.6);
    expect(dist[Math.floor(n / 2)]).toBeLessThan(8);
  });
});
