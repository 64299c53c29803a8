import { describe, expect, it } from 'vitest';
import { clickChannel, normalizeRgbChw, queryTensorData, scaleClick } from '../../../src/main/model/preprocess';

const IMAGENET = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } as const;

describe('reference normalisation', () => {
  it('maps interleaved RGB bytes to ImageNet-normalised CHW planes', () => {
    // 2×1 image: pixel 0 = (255, 0, 128), pixel 1 = (0, 255, 64)
    const img = { width: 2, height: 1, data: new Uint8Array([255, 0, 128, 0, 255, 64]) };
    const out = normalizeRgbChw(img, IMAGENET);
    const expected = [
      (1 - 0.485) / 0.229, (0 - 0.485) / 0.229, // R plane
      (0 - 0.456) / 0.224, (1 - 0.456) / 0.224, // G plane
      (128 / 255 - 0.406) / 0.225, (64 / 255 - 0.406) / 0.225, // B plane
    ];
    expect(out.length).toBe(6);
    expected.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 5));
  });

  it('refuses a buffer that is not RGB for its size', () => {
    expect(() => normalizeRgbChw({ width: 2, height: 2, data: new Uint8Array(16) }, IMAGENET)).toThrow(/expected 12/);
  });
});

describe('the same numbers as the training code', () => {
  // Golden values printed by training/smgeo/utils/{click,normalize}.py (make_click_channel(16, 3.3, 11.7), normalize_rgb).
  it('click channel', () => {
    const ch = clickChannel(16, 3.3, 11.7);
    const golden: [number, number, number][] = [
      [0, 0, 0.23989589512348175], [15, 0, 0.07186825573444366], [3, 11, 0.9751562476158142],
      [15, 15, 0.18947051465511322], [8, 4, 0.36904656887054443],
    ];
    for (const [i, j, v] of golden) expect(ch[j * 16 + i]).toBeCloseTo(v, 6);
  });

  it('normalisation', () => {
    const out = normalizeRgbChw({ width: 1, height: 1, data: new Uint8Array([10, 200, 255]) }, IMAGENET);
    [-1.9466564655303955, 1.465686321258545, 2.640000104904175].forEach((v, c) => expect(out[c]).toBeCloseTo(v, 5));
  });
});

describe('click channel', () => {
  it('peaks at the clicked pixel centre and falls to (1 − d/diag)² at the corners', () => {
    const q = 8;
    const ch = clickChannel(q, 2.5, 5.5); // centre of pixel (2, 5)
    const at = (i: number, j: number) => ch[j * q + i]!;
    expect(at(2, 5)).toBeCloseTo(1, 6);
    const diag = q * Math.SQRT2;
    const corner = (i: number, j: number) => (1 - Math.hypot(i + 0.5 - 2.5, j + 0.5 - 5.5) / diag) ** 2;
    expect(at(0, 0)).toBeCloseTo(corner(0, 0), 6);
    expect(at(7, 0)).toBeCloseTo(corner(7, 0), 6);
    expect(at(7, 7)).toBeCloseTo(corner(7, 7), 6);
    expect(Math.max(...ch)).toBe(at(2, 5));
  });

  it('is zero-clamped, never negative, for a click far outside the image', () => {
    const ch = clickChannel(4, -100, -100);
    expect(Math.min(...ch)).toBe(0);
  });

  it('scales a frame click by plain multiplication, aspect not kept', () => {
    expect(scaleClick({ x: 960, y: 270 }, { width: 1920, height: 1080 }, 128)).toEqual({ x: 64, y: 32 });
  });

  it('builds a 4-channel query with the click last', () => {
    const img = { width: 4, height: 4, data: new Uint8Array(48).fill(255) };
    const data = queryTensorData(img, { x: 0.5, y: 0.5 }, IMAGENET);
    expect(data.length).toBe(64);
    expect(data[0]).toBeCloseTo((1 - 0.485) / 0.229, 5);
    expect(data[48]).toBeCloseTo(1, 6); // click plane, pixel (0,0)
  });
});
