import proj4 from 'proj4';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../../../src/main/image/rgb';
import { assertClickInFrame, localizeClick } from '../../../src/main/localize';
import { ApiError } from '../../../src/shared/errors';
import { LoadedModel, ReferenceCache } from '../../../src/main/model';
import { TINY_MODEL_DIR } from '../model/tiny-model';

const UTM32 = '+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs';

function pattern(width: number, height: number, seed: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * seed + (i >> 7) * 31) % 256;
  return { width, height, data };
}

/** A UTM mosaic fake that records the windows it was asked for. */
function fakeMosaic() {
  const conv = proj4('WGS84', UTM32);
  const reads: { bounds: { minX: number; minY: number; maxX: number; maxY: number }; width: number; height: number }[] = [];
  return {
    reads,
    info: { id: 'mosaic-1', path: '/data/zurich.tif', crs: { code: 'EPSG:32632' } },
    crsToLonLat: (X: number, Y: number) => conv.inverse([X, Y]) as [number, number],
    lonLatToCrs: (lon: number, lat: number) => conv.forward([lon, lat]) as [number, number],
    metresToCrsUnits: () => 1,
    readWindowCrs: async (bounds: { minX: number; minY: number; maxX: number; maxY: number }, width: number, height: number) => {
      reads.push({ bounds, width, height });
      return pattern(width, height, 7);
    },
  };
}

let model: LoadedModel;
beforeAll(async () => {
  model = await LoadedModel.load(TINY_MODEL_DIR, { provider: 'cpu' });
});
afterAll(async () => {
  await model.close();
});

describe('a click on a drone frame becomes boxes on the map', () => {
  const centre = { lon: 8.5417, lat: 47.3769 };
  const frame = pattern(640, 360, 13);

  it('reads one chip at the model resolution, ranks five boxes and places them around the centre', async () => {
    const mosaic = fakeMosaic();
    const cache = new ReferenceCache(4);
    const out = await localizeClick({ mosaic, model, cache, frame, click: { x: 320, y: 180 }, centre });
    const r = model.card.reference_size;

    expect(mosaic.reads).toHaveLength(1);
    expect(mosaic.reads[0]!.width).toBe(r);
    const b = mosaic.reads[0]!.bounds;
    expect(b.maxX - b.minX).toBeCloseTo(r * model.card.reference_gsd_m, 6);
    expect(out.chip).toEqual({ mosaicPath: '/data/zurich.tif', crs: 'EPSG:32632', bounds: [b.minX, b.minY, b.maxX, b.maxY], gsdM: model.card.reference_gsd_m, size: r });

    expect(out.candidates).toHaveLength(5);
    const scores = out.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    const [w, s, e, n] = out.heatmapBoundsLonLat;
    for (const c of out.candidates) {
      expect(c.ring).toHaveLength(5);
      expect(c.ring[4]).toEqual(c.ring[0]);
      // The ring's west edge is the box's x1, projected through the chip bounds.
      const [X1] = mosaic.lonLatToCrs(c.ring[0]![0], c.ring[0]![1]);
      expect(X1 - b.minX).toBeCloseTo(Math.min(c.chipBox[0], c.chipBox[2]) * model.card.reference_gsd_m, 3);
      const [, Y1] = mosaic.lonLatToCrs(c.ring[0]![0], c.ring[0]![1]);
      expect(b.maxY - Y1).toBeCloseTo(Math.max(c.chipBox[1], c.chipBox[3]) * model.card.reference_gsd_m, 3);
    }
    expect(w).toBeLessThan(centre.lon);
    expect(e).toBeGreaterThan(centre.lon);
    expect(s).toBeLessThan(centre.lat);
    expect(n).toBeGreaterThan(centre.lat);

    const png = await sharp(await out.heatmapPng).raw().toBuffer({ resolveWithObject: true });
    expect(png.info.channels).toBe(4);
    expect(png.info.width).toBe(r / model.card.heatmap_stride);
    expect(out.timings.cachedReference).toBe(false);
    expect(out.timings.encodeMs).toBeGreaterThan(0);
  });

  it('a second click on the same chip reuses the encoded reference and gives what the model gives directly', async () => {
    const mosaic = fakeMosaic();
    const cache = new ReferenceCache(4);
    await localizeClick({ mosaic, model, cache, frame, click: { x: 100, y: 100 }, centre });
    const second = await localizeClick({ mosaic, model, cache, frame, click: { x: 500, y: 60 }, centre, topK: 3 });
    expect(mosaic.reads).toHaveLength(1);
    expect(second.timings.cachedReference).toBe(true);
    expect(second.timings.encodeMs).toBe(0);
    expect(second.candidates).toHaveLength(3);

    const r = model.card.reference_size;
    const direct = await model.localize(await model.encodeReference(pattern(r, r, 7)), frame, { x: 500, y: 60 }, 3);
    expect(second.candidates.map((c) => c.chipBox)).toEqual(direct.candidates.map((c) => c.box));
  });

  it('refuses a click outside the frame', async () => {
    expect(() => assertClickInFrame({ x: 700, y: 10 }, frame, 'f.jpg')).toThrow(/outside frame f\.jpg \(640×360\)/);
    expect(() => assertClickInFrame({ x: 10, y: -1 }, frame, 'f.jpg')).toThrow(ApiError);
    expect(() => assertClickInFrame({ x: 640, y: 360 }, frame, 'f.jpg')).not.toThrow();
  });
});
