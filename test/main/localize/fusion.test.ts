import { describe, expect, it } from 'vitest';
import { CHIP_MARGIN_M, MODEL_SILENT_BELOW, chipPlan, clickPrior, fuseWithPrior } from '../../../src/main/localize';

// A 16×16 heatmap over a 128 px chip at 1 m/px, stride 8; the prior's centre is the chip centre.
const W = 16;
const STRIDE = 8;
const toGround = (x: number, y: number) => ({ e: x - 64, n: 64 - y });

function grid(peaks: Array<{ x: number; y: number; p: number }>) {
  const probs = new Float32Array(W * W).fill(0.001);
  const boxes = new Float32Array(4 * W * W);
  for (let i = 0; i < W * W; i++) {
    const cx = ((i % W) + 0.5) * STRIDE;
    const cy = (Math.floor(i / W) + 0.5) * STRIDE;
    boxes[i] = cx - 5;
    boxes[W * W + i] = cy - 5;
    boxes[2 * W * W + i] = cx + 5;
    boxes[3 * W * W + i] = cy + 5;
  }
  for (const p of peaks) probs[p.y * W + p.x] = p.p;
  return { probs, boxes, width: W, height: W, stride: STRIDE, toGround, priorPx: { x: 64, y: 64 }, topK: 5 };
}

describe('fuseWithPrior', () => {
  // The model prefers an object 48 m east of the ray's point; a weaker one sits 4 m from it.
  const input = grid([{ x: 14, y: 7, p: 0.8 }, { x: 8, y: 7, p: 0.3 }]);
  const cov: [number, number, number] = [100, 0, 100]; // σ = 10 m

  it('weight 0 is the model alone', () => {
    const r = fuseWithPrior({ ...input, covEN: cov, weight: 0 });
    expect(r.decidedBy).toBe('model only');
    expect(r.candidates[0].cell).toEqual({ x: 14, y: 7 });
    expect(r.candidates[0].fused).toBeCloseTo(0.8, 6);
  });

  it('model × prior picks the object near the ray, and keeps every score', () => {
    const r = fuseWithPrior({ ...input, covEN: cov, weight: 1 });
    expect(r.decidedBy).toBe('geometry + model');
    const best = r.candidates[0];
    expect(best.cell).toEqual({ x: 8, y: 7 });
    // d² = (4² + 4²)/(100 + floor 4) at the box centre (68, 60) → prior = exp(−d²/2).
    expect(best.prior).toBeCloseTo(Math.exp(-0.5 * (32 / 104)), 5);
    expect(best.fused).toBeCloseTo(best.model * best.prior, 6);
    expect(r.modelOnly!.cell).toEqual({ x: 14, y: 7 });
    // Of the four cells around (64, 64) the first, with the box the model predicts there.
    expect(r.geometryOnly.cell).toEqual({ x: 7, y: 7 });
    expect(r.geometryOnly.box).toEqual([55, 55, 65, 65]);
    // The ray's own answer is always among the candidates, in fused order.
    expect(r.candidates).toContainEqual(r.geometryOnly);
    expect(r.candidates.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < r.candidates.length; i++) expect(r.candidates[i - 1].fused).toBeGreaterThanOrEqual(r.candidates[i].fused);
  });

  it('a wide prior (bad telemetry) lets the model decide', () => {
    const r = fuseWithPrior({ ...input, covEN: [1e5, 0, 1e5], weight: 1 });
    expect(r.candidates[0].cell).toEqual({ x: 14, y: 7 });
  });

  it('when the model sees nothing inside the 3σ ellipse, the ray alone decides', () => {
    const r = fuseWithPrior({ ...grid([{ x: 0, y: 0, p: 0.9 }]), covEN: cov, weight: 1 });
    expect(r.decidedBy).toBe('geometry only');
    expect(r.candidates[0]).toEqual(r.geometryOnly);
    expect(MODEL_SILENT_BELOW).toBeGreaterThan(0.001);
  });
});

describe('chipPlan', () => {
  const card = { reference_size: 256, reference_gsd_m: 1 };
  const u = (sigma: number) => ({ centre: { lon: 0, lat: 0 }, semiMajorM: sigma, semiMinorM: sigma, azimuthDeg: 0, covEN: [sigma ** 2, 0, sigma ** 2] as [number, number, number] });
  it('at the card resolution, says how many σ the chip holds', () => {
    expect(chipPlan(card, u(10))).toEqual({ gsdM: 1, sizePx: 256, coveredSigma: (128 - CHIP_MARGIN_M) / 10 });
    expect(chipPlan(card, u(60)).coveredSigma).toBeLessThan(3);
  });
  it('uses a finer or coarser resolution where the card allows one', () => {
    const ranged = { ...card, reference_gsd_range_m: [0.5, 2] as [number, number] };
    expect(chipPlan(ranged, u(2)).gsdM).toBe(0.5);
    const small = chipPlan(ranged, u(25));
    expect(small.gsdM).toBeCloseTo((2 * (75 + CHIP_MARGIN_M)) / 256, 9);
    expect(small.coveredSigma).toBeCloseTo(3, 9);
    expect(chipPlan(ranged, u(100)).gsdM).toBe(2);
    expect(chipPlan(ranged, u(100)).coveredSigma).toBeLessThan(3);
  });
});

describe('clickPrior', () => {
  const frame = { width: 640, height: 480, name: 'f.jpg' };
  const t = { lat: 47, lon: 8, altM: 100, headingDeg: 0, pitchDeg: -45, source: 'srt' as const };
  it('gives the ground point and its ellipse, or a reason naming the frame', () => {
    const r = clickPrior(t, frame, { x: 320, y: 240 });
    expect(r.ok && r.prior.uncertainty.semiMajorM).toBeGreaterThan(5);
    expect(clickPrior(null, frame, { x: 1, y: 1 })).toEqual({ ok: false, reason: expect.stringContaining('f.jpg') });
    expect(clickPrior({ ...t, pitchDeg: 3 }, frame, { x: 1, y: 1 })).toMatchObject({ ok: false, reason: expect.stringMatching(/horizon/) });
    expect(clickPrior(t, frame, { x: 320, y: 240 }, { hfovDeg: 0 })).toMatchObject({ ok: false, reason: expect.stringMatching(/between 0° and 180°/) });
    const sky = clickPrior({ ...t, pitchDeg: -5 }, frame, { x: 320, y: 0 });
    expect(sky).toMatchObject({ ok: false, reason: expect.stringMatching(/too near the horizon of frame f\.jpg/) });
  });
});
