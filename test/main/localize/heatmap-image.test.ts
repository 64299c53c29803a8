import { describe, expect, it } from 'vitest';
import { heatmapToRgba } from '../../../src/main/localize/heatmap-image';

describe('heatmap overlay', () => {
  it('is transparent where the probability is low and opaque-ish and bright at the peak', () => {
    const img = heatmapToRgba({ width: 3, height: 1, data: new Float32Array([0.01, 0.3, 0.99]) });
    expect(img.data.length).toBe(12);
    expect(img.data[3]).toBe(0);
    expect(img.data[7]).toBeGreaterThan(0);
    expect(img.data[11]).toBeGreaterThan(img.data[7]!);
    const brightness = (i: number) => img.data[i * 4]! + img.data[i * 4 + 1]! + img.data[i * 4 + 2]!;
    expect(brightness(2)).toBeGreaterThan(brightness(1));
  });
});
