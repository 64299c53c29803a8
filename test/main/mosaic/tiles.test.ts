import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { lonLatToTile, Mosaic } from '../../../src/main/mosaic/index.js';
import { makeTmpDir, patternPixel, removeDir } from '../../helpers/gdal.js';
import { makeFixtures, QUADRANTS, type Fixtures } from './fixtures.js';

let fx: Fixtures;
let dir: string;

async function decode(png: Buffer): Promise<{ width: number; height: number; channels: number; data: Buffer }> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: info.channels, data };
}

/** Tile and pixel within it that shows a WGS84 point. */
function tilePixel(lon: number, lat: number, z: number): { x: number; y: number; px: number; py: number } {
  const [tx, ty] = lonLatToTile(lon, lat, z);
  const x = Math.floor(tx);
  const y = Math.floor(ty);
  return { x, y, px: Math.floor((tx - x) * 256), py: Math.floor((ty - y) * 256) };
}

describe('Mosaic.tile', () => {
  beforeAll(async () => {
    dir = makeTmpDir('smgeo-tiles-');
    fx = await makeFixtures(dir);
  });
  afterAll(() => {
    if (dir) removeDir(dir);
  });

  it('paints each quadrant colour where that quadrant lies on the map', async () => {
    const m = await Mosaic.open(fx.quadrants3857);
    try {
      const z = 16; // ~2.4 m per tile pixel at this latitude, like the mosaic
      // centres of the four quadrants (pixel coordinates of the 512² mosaic)
      const centres: [number, number][] = [[128, 128], [384, 128], [128, 384], [384, 384]];
      for (const [q, [cx, cy]] of centres.entries()) {
        const [lon, lat] = m.crsToLonLat(...m.pixelToCrs(cx, cy));
        const t = tilePixel(lon, lat, z);
        const png = await m.tile(z, t.x, t.y);
        expect(png, `tile for quadrant ${q}`).not.toBeNull();
        const img = await decode(png!);
        expect([img.width, img.height, img.channels]).toEqual([256, 256, 4]);
        const o = (t.py * 256 + t.px) * 4;
        expect(Array.from(img.data.subarray(o, o + 4))).toEqual([...QUADRANTS[q], 255]);
      }
    } finally {
      await m.close();
    }
  });

  it('reprojects a UTM mosaic: the pattern pixel under a point is the one GDAL georeferencing puts there', async () => {
    const m = await Mosaic.open(fx.utmTiled);
    try {
      const z = 19; // ~0.2 m tile pixels over 2 m mosaic pixels: every tile pixel is inside one mosaic pixel
      for (const [px, py] of [[40.5, 30.5], [200.5, 150.5], [150.5, 10.5]]) {
        const [lon, lat] = m.crsToLonLat(...m.pixelToCrs(px, py));
        const t = tilePixel(lon, lat, z);
        const img = await decode((await m.tile(z, t.x, t.y))!);
        const o = (t.py * 256 + t.px) * 4;
        const expected = patternPixel(Math.floor(px), Math.floor(py));
        Array.from(img.data.subarray(o, o + 3)).forEach((v, c) => expect(Math.abs(v - expected[c])).toBeLessThanOrEqual(2));
        expect(img.data[o + 3]).toBe(255);
      }
    } finally {
      await m.close();
    }
  });

  it('is transparent beyond the mosaic edge and null where the tile misses it', async () => {
    const m = await Mosaic.open(fx.quadrants3857);
    try {
      const [lon, lat] = m.crsToLonLat(...m.pixelToCrs(0, 0)); // north-west corner
      const t = tilePixel(lon, lat, 15);
      const img = await decode((await m.tile(15, t.x, t.y))!);
      // a pixel up-left of the corner is outside, one down-right is inside
      const outside = (Math.max(0, t.py - 5) * 256 + Math.max(0, t.px - 5)) * 4;
      const inside = (Math.min(255, t.py + 5) * 256 + Math.min(255, t.px + 5)) * 4;
      expect(img.data[outside + 3]).toBe(0);
      expect(img.data[inside + 3]).toBe(255);

      expect(await m.tile(15, 0, 0)).toBeNull();
      const far = tilePixel(-120, -30, 12);
      expect(await m.tile(12, far.x, far.y)).toBeNull();
      expect(await m.tile(3, 99, 0)).toBeNull(); // not a tile
    } finally {
      await m.close();
    }
  });

  it('serves repeated tiles from the cache', async () => {
    const m = await Mosaic.open(fx.quadrants3857);
    try {
      const [lon, lat] = m.crsToLonLat(...m.pixelToCrs(256, 256));
      const t = tilePixel(lon, lat, 14);
      const [a, b] = await Promise.all([m.tile(14, t.x, t.y), m.tile(14, t.x, t.y)]);
      const c = await m.tile(14, t.x, t.y);
      expect(a).not.toBeNull();
      expect(b).toBe(a); // same buffer: one render for concurrent requests
      expect(c).toBe(a);
    } finally {
      await m.close();
    }
  });
});
