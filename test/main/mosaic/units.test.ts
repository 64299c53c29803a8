import { describe, expect, it } from 'vitest';
import { chooseOverview, invertGeoTransform, applyGeoTransform, lookupEpsg, type GeoTransform } from '../../../src/main/mosaic/index.js';

describe('chooseOverview', () => {
  const scales = [1, 2, 4, 8];
  it('uses full resolution when each output pixel covers one source pixel or less', () => {
    expect(chooseOverview(scales, 1)).toBe(0);
    expect(chooseOverview(scales, 0.3)).toBe(0);
    expect(chooseOverview(scales, 1.9)).toBe(0);
  });
  it('uses the coarsest overview that still has the detail asked for', () => {
    expect(chooseOverview(scales, 2)).toBe(1);
    expect(chooseOverview(scales, 3.99)).toBe(2); // within rounding of the 1/4 overview
    expect(chooseOverview(scales, 7)).toBe(2);
    expect(chooseOverview(scales, 100)).toBe(3);
    expect(chooseOverview([1], 100)).toBe(0);
  });
});

describe('geotransform', () => {
  it('inverts a rotated affine transform', () => {
    const gt: GeoTransform = [1000, 2, 0.5, 5000, 0.3, -2];
    const inv = invertGeoTransform(gt);
    const [X, Y] = applyGeoTransform(gt, 17.25, 33.5);
    const [x, y] = applyGeoTransform(inv, X, Y);
    expect(x).toBeCloseTo(17.25, 9);
    expect(y).toBeCloseTo(33.5, 9);
  });
});

describe('lookupEpsg', () => {
  it('knows projected and geographic EPSG codes and refuses others', () => {
    expect(lookupEpsg(32632)?.geographic).toBe(false);
    expect(lookupEpsg(4326)?.geographic).toBe(true);
    expect(lookupEpsg(5773)).toBeNull(); // a vertical CRS
    expect(lookupEpsg(999999)).toBeNull();
  });
});
