import { describe, expect, it } from 'vitest';
import { summarizePoints, type ClassicalItem } from '../../../src/main/evaluate/classical';
import type { Georef } from '../../../src/main/evaluate/metrics';

// A plain grid: mosaic pixel (x, y) is lon x/1000, lat −y/1000, 0.5 m per pixel.
const g: Georef = { toPx: (lon, lat) => [lon * 1000, -lat * 1000], toLonLat: (x, y) => [x / 1000, -y / 1000], gsdM: 0.5 };
const square = (x0: number, y0: number, x1: number, y1: number): Array<[number, number]> =>
  [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map(([x, y]) => g.toLonLat(x!, y!));
const item = (footprint: Array<[number, number]>): ClassicalItem => ({ frame: 'f.jpg', click: { x: 1, y: 1 }, window: [0, 0, 256, 256], size: 256, footprint });

describe('classical control scores', () => {
  it('a point inside the footprint is a hit; its error is metres from the footprint centre', () => {
    const s = summarizePoints([[108, 100]], [item(square(90, 90, 110, 110))], g);
    expect(s).toEqual({ n: 1, answered: 1, hitRate: 1, medianGroundErrorM: 4 });
  });

  it('a point outside is a miss; no homography and clicks the app failed are misses at infinity', () => {
    const items = [item(square(0, 0, 10, 10)), item(square(0, 0, 10, 10)), item(square(0, 0, 10, 10))];
    const s = summarizePoints([[50, 5], null, [5, 5]], items, g, 5);
    expect(s.n).toBe(5);
    expect(s.answered).toBe(2);
    expect(s.hitRate).toBeCloseTo(1 / 5);
    expect(s.medianGroundErrorM).toBe(Number.POSITIVE_INFINITY); // 3 of 5 at infinity
  });
});
