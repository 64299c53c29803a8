import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatTable, runProjectEvaluation } from '../../../src/main/cli/evaluate-project';
import { MISSED, scoreAnswer, summarizeAnswers, type Georef } from '../../../src/main/evaluate/metrics';
import { NOISE_LEVELS, noisySrt, readSampleTruth, seededRandom, truthClicks } from '../../../src/main/evaluate/sample-truth';
import { parseSrt } from '../../../src/main/frames/srt';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SAMPLE = join(ROOT, 'resources/sample');

// A toy georeference: 1 px = 0.5 m, lon/lat are pixel coordinates scaled by 1e-5.
const g: Georef = { toPx: (lon, lat) => [lon * 1e5, lat * 1e5], toLonLat: (x, y) => [x / 1e5, y / 1e5], gsdM: 0.5 };
const ring = (x1: number, y1: number, x2: number, y2: number): Array<[number, number]> =>
  [[x1, y1], [x2, y1], [x2, y2], [x1, y2], [x1, y1]].map(([x, y]) => [x / 1e5, y / 1e5] as [number, number]);

describe('answer scores', () => {
  const truthBox: [number, number, number, number] = [100, 100, 140, 120];
  const footprint = ring(100, 100, 140, 120);
  it('an exact answer: IoU 1, a hit, no ground error', () => {
    expect(scoreAnswer(ring(100, 100, 140, 120), truthBox, footprint, g)).toEqual({ iou: expect.closeTo(1, 9), hit: true, groundErrorM: expect.closeTo(0, 9) });
  });
  it('a shifted answer: lower IoU, ground error in metres from the footprint centre', () => {
    const s = scoreAnswer(ring(110, 100, 150, 120), truthBox, footprint, g);
    expect(s.iou).toBeCloseTo(30 / 50, 9);
    expect(s.hit).toBe(true);
    expect(s.groundErrorM).toBeCloseTo(5, 9);
    expect(scoreAnswer(ring(200, 200, 210, 210), truthBox, footprint, g).hit).toBe(false);
    expect(scoreAnswer(null, truthBox, footprint, g)).toEqual(MISSED);
  });
  it('summary: acc@t counts IoU above t, failures count as misses', () => {
    const s = summarizeAnswers([
      { iou: 0.9, hit: true, groundErrorM: 1 },
      { iou: 0.5, hit: true, groundErrorM: 3 },
      { iou: 0.3, hit: false, groundErrorM: 20 },
      MISSED,
    ]);
    expect(s).toEqual({ n: 4, 'acc@0.25': 0.75, 'acc@0.5': 0.25, miou: 1.7 / 4, hitRate: 0.5, medianGroundErrorM: 11.5 });
  });
});

describe('the sample truth and its noisy telemetry', () => {
  it('lists every object with ≥ 400 visible px, clicked at its frame box centre', async () => {
    const truth = await readSampleTruth(join(SAMPLE, 'ground_truth.json'));
    const clicks = truthClicks(truth);
    const expected = truth.frames.reduce((n, f) => n + f.objects.filter((o) => o.visible_px >= 400).length, 0);
    expect(clicks).toHaveLength(expected);
    const first = truth.frames[clicks[0].frameIndex].objects.find((o) => o.id === clicks[0].objectId)!;
    expect(clicks[0].click).toEqual({ x: (first.box[0] + first.box[2]) / 2, y: (first.box[1] + first.box[3]) / 2 });
  });
  it('perturbs each frame once, keeps the take-off elevation, repeats with the seed, and leaves "none" alone', () => {
    const srt = readFileSync(join(SAMPLE, 'frames/flight.SRT'), 'utf8');
    const exact = parseSrt(srt);
    expect(parseSrt(noisySrt(srt, NOISE_LEVELS[0], seededRandom(1)))).toEqual(exact);
    const noisy = parseSrt(noisySrt(srt, NOISE_LEVELS[2], seededRandom(7)));
    expect(parseSrt(noisySrt(srt, NOISE_LEVELS[2], seededRandom(7)))).toEqual(noisy);
    expect(noisy).toHaveLength(exact.length);
    const dYaw = noisy.map((t, i) => ((t.headingDeg! - exact[i].headingDeg! + 540) % 360) - 180);
    const rms = Math.sqrt(dYaw.reduce((s, d) => s + d * d, 0) / dYaw.length);
    expect(rms).toBeGreaterThan(6);
    expect(rms).toBeLessThan(14);
    noisy.forEach((t, i) => expect(t.takeoffElevationM).toBeCloseTo(exact[i].takeoffElevationM!, 2));
    noisy.forEach((t, i) => expect(t.focal35mm).toBe(exact[i].focal35mm));
  });
});

const haveModel = existsSync(join(ROOT, 'resources/models/model_card.json')) && existsSync(join(SAMPLE, 'mosaic.tif'));
describe.skipIf(!haveModel)('npm run evaluate -- --project', () => {
  it('clicks through the app handlers and reports fused, model-only and geometry-only scores', async () => {
    const lines: string[] = [];
    const r = await runProjectEvaluation(['--project', SAMPLE, '--limit', '4', '--levels', 'none'], (l) => lines.push(l));
    expect(r.levels).toHaveLength(1);
    const level = r.levels[0];
    expect(level.clicks).toBe(4);
    expect(level.failed).toEqual({});
    expect(Object.values(level.decidedBy).reduce((a, b) => a + b, 0)).toBe(4);
    for (const a of ['fused', 'modelOnly', 'geometryOnly', 'querySwapped'] as const) expect(level.answers[a].n).toBe(4);
    // The classical control ran on the same four clicks (a point each, or no homography).
    expect(level.classical?.n).toBe(4);
    expect(formatTable(r.levels)).toMatch(/\| classical \(SIFT \+ RANSAC, \d\/4 answered\) \| — \|/);
    // With exact telemetry the ray alone lands near most objects.
    expect(level.answers.geometryOnly.medianGroundErrorM).toBeLessThan(30);
    expect(lines.some((l) => /\[none\] 4\/4 clicks/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe(formatTable(r.levels));
  });
});
