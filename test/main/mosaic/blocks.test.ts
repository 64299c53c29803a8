import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { assembleWindow, BlockCache, type PixelBlock } from '../../../src/main/mosaic/blocks.js';
import { lonLatToTile, Mosaic } from '../../../src/main/mosaic/index.js';
import { openTiff, type OpenedTiff } from '../../../src/main/mosaic/metadata.js';
import type { PixelWindow } from '../../../src/main/mosaic/pixels.js';
import { readLevelWindow } from '../../../src/main/mosaic/window.js';
import { makeTmpDir, removeDir } from '../../helpers/gdal.js';
import { makeFixtures, type Fixtures } from './fixtures.js';

let fx: Fixtures;
let dir: string;
const opened: OpenedTiff[] = [];

async function open(path: string): Promise<OpenedTiff> {
  const t = await openTiff(path);
  opened.push(t);
  return t;
}

/** RGBA bytes of a window whatever its channel count. */
function rgba(win: PixelWindow): Uint8Array {
  if (win.channels === 4) return win.data;
  const out = new Uint8Array(win.width * win.height * 4);
  for (let p = 0; p < win.width * win.height; p++) {
    out[p * 4] = win.data[p * 3];
    out[p * 4 + 1] = win.data[p * 3 + 1];
    out[p * 4 + 2] = win.data[p * 3 + 2];
    out[p * 4 + 3] = 255;
  }
  return out;
}

function expectSamePixels(got: Uint8Array, want: Uint8Array, label: string): void {
  expect(got.length, label).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (got[i] !== want[i]) throw new Error(`${label}: byte ${i} (pixel ${i >> 2}) is ${got[i]}, geotiff.js gives ${want[i]}`);
  }
}

describe('BlockCache', () => {
  beforeAll(async () => {
    dir = makeTmpDir('smgeo-blocks-');
    fx = await makeFixtures(dir);
  });
  afterAll(async () => {
    await Promise.all(opened.map((t) => t.tiff.close()));
    if (dir) removeDir(dir);
  });

  it('serves exactly the pixels geotiff.js reads, for every layout, cold and from the cache', async () => {
    const files: [string, string][] = [
      ['tiled deflate RGB', fx.utmTiled],
      ['striped RGB', fx.utmStriped],
      ['LZW + predictor', fx.utmLzw],
      ['COG', fx.cog],
      ['RGBA', fx.rgba],
      ['grey', fx.grey],
      ['16-bit grey', fx.grey16],
      ['JPEG YCbCr', fx.jpegYcbcr],
      ['overviews', fx.overviews],
    ];
    for (const [label, file] of files) {
      const t = await open(file);
      const cache = new BlockCache(t.levels, t.layout, t.path);
      for (let li = 0; li < t.levels.length; li++) {
        const level = t.levels[li];
        // an unaligned window crossing block edges, partly outside the level
        const x0 = Math.floor(level.width * 0.3) - 0.4;
        const y0 = Math.floor(level.height * 0.2) + 0.7;
        const x1 = level.width + 5;
        const y1 = Math.floor(level.height * 0.9);
        const want = (await readLevelWindow(level, t.layout, x0, y0, x1, y1, t.path))!;
        const cold = (await cache.readWindow(li, x0, y0, x1, y1))!;
        expect([cold.x0, cold.y0, cold.width, cold.height], label).toEqual([want.x0, want.y0, want.width, want.height]);
        expectSamePixels(rgba(cold), want.data, `${label} level ${li} cold`);
        const decodes = cache.stats.decodes;
        const warm = (await cache.readWindow(li, x0, y0, x1, y1))!;
        expect(cache.stats.decodes, `${label}: a second read decodes nothing`).toBe(decodes);
        expectSamePixels(rgba(warm), want.data, `${label} level ${li} cached`);
      }
      expect(await cache.readWindow(0, -50, -50, -1, -1)).toBeNull();
    }
  });

  it('keeps opaque 8-bit RGB blocks as RGB and converts other layouts to RGBA', async () => {
    const rgb = await open(fx.utmTiled);
    expect((await new BlockCache(rgb.levels, rgb.layout, rgb.path).readWindow(0, 0, 0, 10, 10))!.channels).toBe(3);
    const withAlpha = await open(fx.rgba);
    expect((await new BlockCache(withAlpha.levels, withAlpha.layout, withAlpha.path).readWindow(0, 0, 0, 10, 10))!.channels).toBe(4);
  });

  it('evicts the least recently used blocks beyond its byte budget and decodes them again identically', async () => {
    const t = await open(fx.utmTiled); // 300×200 in 64² blocks: 5×4 blocks of 12 KiB as RGB
    const blockBytes = 64 * 64 * 3;
    const cache = new BlockCache(t.levels, t.layout, t.path, { maxBytes: 3.5 * (blockBytes + 128) });
    const grid = cache.blockGrid(0);
    expect(grid).toEqual({ blockWidth: 64, blockHeight: 64, across: 5, down: 4 });
    const first = rgba((await cache.readWindow(0, 0, 0, 64, 64))!); // block 0,0
    await cache.readWindow(0, 64, 0, 128, 64); // 1,0
    await cache.readWindow(0, 128, 0, 192, 64); // 2,0
    expect(cache.isCached(0, 0, 0)).toBe(true);
    await cache.block(0, 0, 0); // touch 0,0: now 1,0 is the least recently used
    await cache.readWindow(0, 192, 0, 256, 64); // 3,0 pushes one out
    expect(cache.stats.entries).toBe(3);
    expect(cache.isCached(0, 1, 0)).toBe(false);
    expect(cache.isCached(0, 0, 0)).toBe(true);
    await cache.readWindow(0, 0, 64, 300, 128); // a whole row of 5 blocks: more than the cache holds
    expect(cache.stats.entries).toBe(3);
    expect(cache.isCached(0, 0, 0)).toBe(false);
    const decodes = cache.stats.decodes;
    const again = rgba((await cache.readWindow(0, 0, 0, 64, 64))!);
    expect(cache.stats.decodes).toBe(decodes + 1);
    expectSamePixels(again, first, 'block 0,0 decoded again');
  });

  it('decodes a block once for concurrent reads', async () => {
    const t = await open(fx.jpegYcbcr); // 512² in 256² JPEG tiles
    const cache = new BlockCache(t.levels, t.layout, t.path);
    const wins = await Promise.all([cache.readWindow(0, 10, 10, 50, 50), cache.readWindow(0, 100, 20, 200, 120), cache.block(0, 0, 0)]);
    expect(cache.stats.decodes).toBe(1);
    expect(cache.stats.misses).toBe(3);
    expect(wins[0]!.width).toBe(40);
  });

  it('assembles mixed RGB and RGBA blocks into an RGBA window', () => {
    const rgbBlock: PixelBlock = { x0: 0, y0: 0, width: 2, height: 1, channels: 3, rowBytes: 9, data: Uint8Array.from([1, 2, 3, 4, 5, 6, 99, 99, 99]) };
    const rgbaBlock: PixelBlock = { x0: 2, y0: 0, width: 1, height: 1, channels: 4, rowBytes: 4, data: Uint8Array.from([7, 8, 9, 0]) };
    const win = assembleWindow([rgbBlock, rgbaBlock], 1, 0, 2, 1);
    expect(win.channels).toBe(4);
    expect(Array.from(win.data)).toEqual([4, 5, 6, 255, 7, 8, 9, 0]);
    // rows wider than the block (a decoded edge tile) are not copied beyond the block's width
    const only = assembleWindow([rgbBlock], 0, 0, 2, 1);
    expect(Array.from(only.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('map tiles rendered from cached blocks equal tiles rendered cold', async () => {
    const cold = await Mosaic.open(fx.jpegYcbcr);
    const warm = await Mosaic.open(fx.jpegYcbcr);
    try {
      const [lon, lat] = cold.crsToLonLat(...cold.pixelToCrs(256, 256));
      const z = 18;
      const [tx, ty] = lonLatToTile(lon, lat, z);
      const x = Math.floor(tx);
      const y = Math.floor(ty);
      // the warm handle reads the neighbours first, so the centre tile's blocks come from its cache
      for (const [dx, dy] of [[-1, 0], [1, 0], [0, -1], [0, 1]]) await warm.tile(z, x + dx, y + dy);
      const a = await sharp((await cold.tile(z, x, y))!).raw().toBuffer();
      const b = await sharp((await warm.tile(z, x, y))!).raw().toBuffer();
      expect(a.length).toBe(256 * 256 * 4);
      expect(b.equals(a)).toBe(true);
    } finally {
      await cold.close();
      await warm.close();
    }
  });
});
