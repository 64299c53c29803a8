import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlockCache } from '../../../src/main/mosaic/blocks.js';
import { Mosaic, MosaicError } from '../../../src/main/mosaic/index.js';
import { openTiff } from '../../../src/main/mosaic/metadata.js';
import { readLevelWindow } from '../../../src/main/mosaic/window.js';
import { gdalInfo, gdalTransform, makeTmpDir, patternPixel, removeDir } from '../../helpers/gdal.js';
import { H, makeFixtures, PIXEL_M, QUADRANTS, UTM_ULLR, W, type Fixtures } from './fixtures.js';

let fx: Fixtures;
let dir: string;
const opened: Mosaic[] = [];

async function open(path: string): Promise<Mosaic> {
  const m = await Mosaic.open(path);
  opened.push(m);
  return m;
}

async function openError(path: string): Promise<MosaicError> {
  try {
    const m = await Mosaic.open(path);
    await m.close();
  } catch (err) {
    expect(err).toBeInstanceOf(MosaicError);
    return err as MosaicError;
  }
  throw new Error(`expected ${path} to be refused`);
}

describe('Mosaic', () => {
  beforeAll(async () => {
    dir = makeTmpDir('smgeo-mosaic-');
    fx = await makeFixtures(dir);
  });

  afterAll(async () => {
    await Promise.all(opened.map((m) => m.close()));
    if (dir) removeDir(dir);
  });

  describe('coordinates agree with GDAL', () => {
    const cases: [string, () => string, string][] = [
      ['UTM 32N', () => fx.utmStriped, 'EPSG:32632'],
      ['WGS84 geographic', () => fx.geographic, 'EPSG:4326'],
      ['Swiss LV95', () => fx.swiss, 'EPSG:2056'],
      ['Web Mercator', () => fx.mercator, 'EPSG:3857'],
    ];
    for (const [label, file, code] of cases) {
      it(`${label}: metadata, corners and lon/lat match gdalinfo and gdaltransform`, async () => {
        const m = await open(file());
        const info = await gdalInfo(file());
        expect(m.info.crs.code).toBe(code);
        expect([m.info.width, m.info.height]).toEqual(info.size);
        expect(m.info.bands).toBe(3);
        info.geoTransform.forEach((v, i) => expect(m.info.geoTransform[i]).toBeCloseTo(v, 9));

        const corners: [string, number, number][] = [
          ['upperLeft', 0, 0],
          ['upperRight', W, 0],
          ['lowerLeft', 0, H],
          ['lowerRight', W, H],
          ['center', W / 2, H / 2],
        ];
        for (const [name, px, py] of corners) {
          const [X, Y] = m.pixelToCrs(px, py);
          expect(X).toBeCloseTo(info.cornerCoordinates[name][0], 6);
          expect(Y).toBeCloseTo(info.cornerCoordinates[name][1], 6);
          const [bx, by] = m.crsToPixel(X, Y);
          expect(bx).toBeCloseTo(px, 6);
          expect(by).toBeCloseTo(py, 6);
        }

        const crsPoints = corners.map(([, px, py]) => m.pixelToCrs(px, py));
        const reference = await gdalTransform(code, 'EPSG:4326', crsPoints);
        crsPoints.forEach(([X, Y], i) => {
          const [lon, lat] = m.crsToLonLat(X, Y);
          expect(Math.abs(lon - reference[i][0])).toBeLessThan(1e-6);
          expect(Math.abs(lat - reference[i][1])).toBeLessThan(1e-6);
          const [X2, Y2] = m.lonLatToCrs(lon, lat);
          const tol = code === 'EPSG:4326' ? 1e-9 : 1e-3;
          expect(Math.abs(X2 - X)).toBeLessThan(tol);
          expect(Math.abs(Y2 - Y)).toBeLessThan(tol);
        });

        const [w, s, e, n] = m.info.boundsLonLat;
        const lons = reference.map((p) => p[0]);
        const lats = reference.map((p) => p[1]);
        expect(w).toBeLessThanOrEqual(Math.min(...lons) + 1e-9);
        expect(e).toBeGreaterThanOrEqual(Math.max(...lons) - 1e-9);
        expect(s).toBeLessThanOrEqual(Math.min(...lats) + 1e-9);
        expect(n).toBeGreaterThanOrEqual(Math.max(...lats) - 1e-9);
      });
    }

    it('reports ground metres per pixel and CRS units per metre', async () => {
      const utm = await open(fx.utmStriped);
      expect(utm.info.gsdM).toBeGreaterThan(PIXEL_M * 0.99);
      expect(utm.info.gsdM).toBeLessThan(PIXEL_M * 1.01);
      expect(utm.metresToCrsUnits(...utm.pixelToCrs(150, 100))).toBeCloseTo(1, 2);

      const geo = await open(fx.geographic);
      const [X, Y] = geo.pixelToCrs(150, 100);
      const perMetreEast = geo.metresToCrsUnits(X, Y);
      // one degree of longitude at 47.4° N is about 75.4 km
      expect(1 / perMetreEast).toBeGreaterThan(75_000);
      expect(1 / perMetreEast).toBeLessThan(75_800);
      const [, perMetreNorth] = geo.metresToCrsUnitsXY(X, Y);
      expect(1 / perMetreNorth).toBeCloseTo(111_180, -2);
      // 1e-5° pixels: ~0.75 m east-west, ~1.11 m north-south
      expect(geo.info.gsdM).toBeGreaterThan(0.85);
      expect(geo.info.gsdM).toBeLessThan(1.0);

      const merc = await open(fx.mercator);
      // Web-Mercator metres are stretched by 1/cos(lat) (~1.48 near 47.4° N)
      const k = merc.metresToCrsUnits(...merc.pixelToCrs(150, 100));
      const lat = merc.crsToLonLat(...merc.pixelToCrs(150, 100))[1];
      expect(k).toBeCloseTo(1 / Math.cos((lat * Math.PI) / 180), 2);
    });
  });

  describe('window reads', () => {
    it('a window at native resolution returns exactly the stored pixels (striped, tiled, LZW, COG)', async () => {
      for (const file of [fx.utmStriped, fx.utmTiled, fx.utmLzw, fx.cog]) {
        const m = await open(file);
        // pixels [37, 37+50) × [21, 21+40)
        const x0 = 37;
        const y0 = 21;
        const [minX, maxY] = m.pixelToCrs(x0, y0);
        const [maxX, minY] = m.pixelToCrs(x0 + 50, y0 + 40);
        const img = await m.readWindowCrs({ minX, minY, maxX, maxY }, 50, 40);
        expect([img.width, img.height, img.data.length]).toEqual([50, 40, 50 * 40 * 3]);
        for (let y = 0; y < 40; y++) {
          for (let x = 0; x < 50; x++) {
            const o = (y * 50 + x) * 3;
            const got = [img.data[o], img.data[o + 1], img.data[o + 2]];
            if (got.join() !== patternPixel(x0 + x, y0 + y).join()) {
              throw new Error(`${file}: pixel ${x0 + x},${y0 + y} is ${got} but should be ${patternPixel(x0 + x, y0 + y)}`);
            }
          }
        }
      }
    });

    it('outside the mosaic is black, inside keeps the pattern', async () => {
      const m = await open(fx.utmTiled);
      // 20 pixels hanging off the left edge, 20 inside
      const [minX, maxY] = m.pixelToCrs(-20, 10);
      const [maxX, minY] = m.pixelToCrs(20, 30);
      const img = await m.readWindowCrs({ minX, minY, maxX, maxY }, 40, 20);
      expect(Array.from(img.data.subarray(0, 3))).toEqual([0, 0, 0]);
      const o = (5 * 40 + 25) * 3;
      expect(Array.from(img.data.subarray(o, o + 3))).toEqual(patternPixel(5, 15));
      const far = await m.readWindowCrs({ minX: 0, minY: 0, maxX: 100, maxY: 100 }, 8, 8);
      expect(far.data.every((v) => v === 0)).toBe(true);
    });

    it('downsampled reads come from the overview that matches the output size', async () => {
      const m = await open(fx.overviews);
      expect(m.info.overviewCount).toBe(3);
      const t = await openTiff(fx.overviews);
      const levelWidths = t.levels.map((l) => l.width);
      await t.tiff.close();
      // the level each chip read asks the block cache for (first argument of readWindow)
      const spy = vi.spyOn(BlockCache.prototype, 'readWindow');
      const readWidths = () => spy.mock.calls.map((c) => levelWidths[c[0]]);
      try {
        const [minX, maxY] = m.pixelToCrs(0, 0);
        const [maxX, minY] = m.pixelToCrs(1024, 1024);
        const small = await m.readWindowCrs({ minX, minY, maxX, maxY }, 128, 128);
        expect(small.width).toBe(128);
        expect(readWidths()).toEqual([128]); // the 1/8 overview, not the 1024² image

        spy.mockClear();
        await m.readWindowCrs({ minX, minY, maxX, maxY }, 300, 300);
        expect(readWidths()).toEqual([512]);

        spy.mockClear();
        const [cx0, cy1] = m.pixelToCrs(100, 100);
        const [cx1, cy0] = m.pixelToCrs(164, 164);
        await m.readWindowCrs({ minX: cx0, minY: cy0, maxX: cx1, maxY: cy1 }, 64, 64);
        expect(readWidths()).toEqual([1024]);
        // and only the needed part was read
        const [, x0, , x1] = spy.mock.calls[0];
        expect(Math.min(1024, Math.ceil(x1)) - Math.max(0, Math.floor(x0))).toBeLessThanOrEqual(66);
      } finally {
        spy.mockRestore();
      }
    });

    it('chips from the block cache equal the readRasters path byte for byte (tiled, striped, JPEG, overviews)', async () => {
      for (const file of [fx.utmTiled, fx.utmStriped, fx.jpegYcbcr, fx.overviews]) {
        const m = await open(file);
        const t = await openTiff(file);
        try {
          const { width: fw, height: fh } = m.info;
          // native, fractional up- and downsampling, a window hanging off the edge
          const rects: [number, number, number, number, number, number][] = [
            [0, 0, fw, fh, fw, fh],
            [10.3, 7.6, fw * 0.6, fh * 0.7, 97, 61],
            [3.2, 5.1, 40.7, 33.9, 128, 100],
            [-25.5, -12.25, fw * 0.5, fh * 0.5, 64, 48],
            [fw * 0.5, fh * 0.5, fw + 30, fh + 17, 71, 53],
          ];
          for (const [px0, py0, px1, py1, w, h] of rects) {
            const [minX, maxY] = m.pixelToCrs(px0, py0);
            const [maxX, minY] = m.pixelToCrs(px1, py1);
            const cached = await m.readWindowCrs({ minX, minY, maxX, maxY }, w, h);
            // the same chip with the window read the old way: geotiff.js readRasters, as RGBA
            const spy = vi
              .spyOn(BlockCache.prototype, 'readWindow')
              .mockImplementation((levelIndex, x0, y0, x1, y1) =>
                readLevelWindow(t.levels[levelIndex], t.layout, x0, y0, x1, y1, t.path).then((win) => win && { ...win, channels: 4 as const }),
              );
            let old;
            try {
              old = await m.readWindowCrs({ minX, minY, maxX, maxY }, w, h);
              expect(spy).toHaveBeenCalledTimes(1);
            } finally {
              spy.mockRestore();
            }
            const label = `${file} ${[px0, py0, px1, py1, w, h].join(',')}`;
            expect([cached.width, cached.height, cached.data.length], label).toEqual([old.width, old.height, old.data.length]);
            for (let i = 0; i < old.data.length; i++) {
              if (cached.data[i] !== old.data[i]) throw new Error(`${label}: byte ${i} is ${cached.data[i]}, readRasters path gives ${old.data[i]}`);
            }
            expect(cached.data.some((v) => v !== 0), label).toBe(true);
          }
        } finally {
          await t.tiff.close();
        }
      }
    });

    it('reads grey, 16-bit, RGBA and JPEG-YCbCr rasters as RGB', async () => {
      const region = (m: Mosaic) => {
        const [minX, maxY] = m.pixelToCrs(0, 0);
        const [maxX, minY] = m.pixelToCrs(W, H);
        return { minX, minY, maxX, maxY };
      };
      const grey = await open(fx.grey);
      const g = await grey.readWindowCrs(region(grey), W, H);
      const i = 5 * W + 7;
      expect(Array.from(g.data.subarray(i * 3, i * 3 + 3))).toEqual([(i * 7) & 255, (i * 7) & 255, (i * 7) & 255]);

      const g16 = await open(fx.grey16);
      const s = await g16.readWindowCrs(region(g16), W, H);
      const values = new Set<number>();
      for (let p = 0; p < W * H; p++) values.add(s.data[p * 3]);
      expect(values.size).toBeGreaterThan(200); // stretched over the byte range, not clipped to white
      // stored 1039 at pixel 3 and 3600 at pixel 200: the stretch keeps their order
      expect(s.data[3 * 3]).toBeLessThan(s.data[200 * 3]);

      const rgba = await open(fx.rgba);
      const r = await rgba.readWindowCrs(region(rgba), W, H);
      const left = (10 * W + 20) * 3;
      const right = (10 * W + 200) * 3;
      expect(Array.from(r.data.subarray(left, left + 3))).toEqual([0, 0, 0]);
      expect(Array.from(r.data.subarray(right, right + 3))).toEqual(patternPixel(200, 10));

      const jpeg = await open(fx.jpegYcbcr);
      const [minX, maxY] = jpeg.pixelToCrs(0, 0);
      const [maxX, minY] = jpeg.pixelToCrs(512, 512);
      const j = await jpeg.readWindowCrs({ minX, minY, maxX, maxY }, 4, 4);
      // one pixel in the middle of each quadrant
      [[0, 0], [3, 0], [0, 3], [3, 3]].forEach(([x, y], q) => {
        const o = (y * 4 + x) * 3;
        Array.from(j.data.subarray(o, o + 3)).forEach((v, c) => expect(Math.abs(v - QUADRANTS[q][c])).toBeLessThan(8));
      });
    });
  });

  describe('refuses files it cannot use, saying why', () => {
    it('a missing file is not-found', async () => {
      const err = await openError(join(dir, 'nope.tif'));
      expect(err.code).toBe('not-found');
      expect(err.message).toContain('nope.tif');
    });

    it('a PNG named .tif is not-tiff', async () => {
      const err = await openError(fx.notTiff);
      expect(err.code).toBe('not-tiff');
      expect(err.message).toContain('not_a_tiff.tif');
    });

    it('a TIFF without georeferencing is not-georeferenced and says how to fix it', async () => {
      const err = await openError(fx.noGeoref);
      expect(err.code).toBe('not-georeferenced');
      expect(err.message).toContain('plain.tif');
      expect(err.message).toContain('gdal_translate -a_srs');
    });

    it('a truncated TIFF is corrupt', async () => {
      const err = await openError(fx.truncated);
      expect(err.code).toBe('corrupt');
      expect(err.message).toContain('truncated.tif');
    });

    it('a CRS without an EPSG code is unknown-crs', async () => {
      const err = await openError(fx.customCrs);
      expect(err.code).toBe('unknown-crs');
      expect(err.message).toContain('custom_crs.tif');
      expect(err.message).toContain('EPSG');
    });

    it('a garbage file with a TIFF signature is corrupt', async () => {
      const bad = join(dir, 'garbage.tif');
      writeFileSync(bad, Buffer.concat([Buffer.from('II*\0'), Buffer.from([0xff, 0xff, 0xff, 0x7f]), Buffer.alloc(64, 7)]));
      const err = await openError(bad);
      expect(err.code).toBe('corrupt');
    });
  });

  it('keeps the UTM fixture where it was put', () => {
    expect(UTM_ULLR[2] - UTM_ULLR[0]).toBe(W * PIXEL_M);
  });
});
