import { describe, expect, it } from 'vitest';
import { decodePeaks, localMaxima, sigmoid } from '../../../src/main/model/decode';

function grid(w: number, h: number, peaks: Record<string, number>): Float32Array {
  const a = new Float32Array(w * h).fill(0.01);
  for (const [k, v] of Object.entries(peaks)) {
    const [x, y] = k.split(',').map(Number) as [number, number];
    a[y * w + x] = v;
  }
  return a;
}

/** Box map whose box at cell (x, y) is (x, y, x + 10, y + 20), so reading the wrong cell shows. */
function boxMap(w: number, h: number): Float32Array {
  const plane = w * h;
  const b = new Float32Array(plane * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      b[i] = x;
      b[plane + i] = y;
      b[2 * plane + i] = x + 10;
      b[3 * plane + i] = y + 20;
    }
  return b;
}

describe('decoding the heatmap', () => {
  it('sigmoid maps logits to probabilities', () => {
    const p = sigmoid(new Float32Array([0, 100, -100, Math.log(3)]));
    expect(p[0]).toBeCloseTo(0.5);
    expect(p[1]).toBeCloseTo(1);
    expect(p[2]).toBeCloseTo(0);
    expect(p[3]).toBeCloseTo(0.75);
  });

  it('keeps two separated peaks and suppresses their neighbours', () => {
    const w = 8, h = 8;
    const probs = grid(w, h, { '2,2': 0.9, '3,2': 0.8, '2,3': 0.7, '6,6': 0.6, '5,6': 0.5 });
    const peaks = localMaxima(probs, w, h);
    expect(peaks).toContain(2 * w + 2);
    expect(peaks).toContain(6 * w + 6);
    expect(peaks).not.toContain(2 * w + 3);
    expect(peaks).not.toContain(3 * w + 2);
    expect(peaks).not.toContain(6 * w + 5);
  });

  it('returns the top k peaks best first, each with the box read at its own cell', () => {
    const w = 10, h = 10;
    const probs = grid(w, h, { '1,1': 0.3, '5,1': 0.9, '8,8': 0.6, '1,8': 0.8 });
    const out = decodePeaks(probs, boxMap(w, h), w, h, 3);
    expect(out.map((p) => p.cell)).toEqual([{ x: 5, y: 1 }, { x: 1, y: 8 }, { x: 8, y: 8 }]);
    expect(out.map((p) => p.score)).toEqual([0.9, 0.8, 0.6].map(Math.fround));
    expect(out[0]!.box).toEqual([5, 1, 15, 21]);
    expect(out[1]!.box).toEqual([1, 8, 11, 28]);
  });

  it('refuses maps of the wrong size', () => {
    expect(() => decodePeaks(new Float32Array(4), new Float32Array(15), 2, 2, 1)).toThrow(/box map/);
  });
});
