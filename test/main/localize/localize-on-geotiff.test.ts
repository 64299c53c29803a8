import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localizeClick } from '../../../src/main/localize';
import { LoadedModel, ReferenceCache } from '../../../src/main/model';
import { Mosaic } from '../../../src/main/mosaic';
import { makeTmpDir, patternImage, removeDir } from '../../helpers/gdal';
import { writeTiff } from '../../helpers/tiff-writer';
import { TINY_MODEL_DIR } from '../model/tiny-model';

const SIDE = 1200; // px at 1 m: larger than the tiny model's chip, so the chip lies inside the mosaic
const ULLR: [number, number, number, number] = [465000, 5248000, 465000 + SIDE, 5248000 - SIDE];

describe('localizing on a real GeoTIFF mosaic', () => {
  let dir: string;
  let mosaic: Mosaic;
  let model: LoadedModel;

  beforeAll(async () => {
    dir = makeTmpDir('smgeo-localize-');
    const raster = { width: SIDE, height: SIDE, bands: 3 as const, data: patternImage(SIDE, SIDE, 3) };
    mosaic = await Mosaic.open(writeTiff(`${dir}/ortho.tif`, raster, { geo: { srs: 'EPSG:32632', ullr: ULLR }, tile: 256 }));
    model = await LoadedModel.load(TINY_MODEL_DIR, { provider: 'cpu' });
  });
  afterAll(async () => {
    await model?.close();
    removeDir(dir);
  });

  it('cuts the chip around the look-at point and returns rings on the mosaic', async () => {
    const [lon, lat] = mosaic.crsToLonLat(ULLR[0] + SIDE / 2, ULLR[1] - SIDE / 2);
    const frame = { width: 400, height: 300, data: patternImage(400, 300, 3) };
    const out = await localizeClick({ mosaic, model, cache: new ReferenceCache(2), frame, click: { x: 200, y: 150 }, centre: { lon, lat } });

    const half = (model.card.reference_size * model.card.reference_gsd_m) / 2;
    const [minX, minY, maxX, maxY] = out.chip.bounds;
    // UTM grid metres differ from ground metres by the zone's scale factor (< 0.1 % here).
    expect((maxX - minX) / (2 * half)).toBeCloseTo(1, 2);
    expect((minX + maxX) / 2).toBeCloseTo(ULLR[0] + SIDE / 2, 3);
    expect((minY + maxY) / 2).toBeCloseTo(ULLR[1] - SIDE / 2, 3);
    expect(out.chip.crs).toBe('EPSG:32632');
    expect(out.chip.mosaicPath).toBe(mosaic.info.path);

    expect(out.candidates).toHaveLength(5);
    const [W, S, E, N] = out.heatmapBoundsLonLat;
    expect(W < lon && lon < E && S < lat && lat < N).toBe(true);
    const size = model.card.reference_size;
    for (const c of out.candidates) {
      // Back in the mosaic CRS, the ring's south-west and north-east corners sit where the chip box says.
      const [x1, y1, x2, y2] = c.chipBox;
      const sw = mosaic.lonLatToCrs(...c.ring[0]!);
      const ne = mosaic.lonLatToCrs(...c.ring[2]!);
      expect(sw[0]).toBeCloseTo(minX + (Math.min(x1, x2) / size) * (maxX - minX), 3);
      expect(sw[1]).toBeCloseTo(maxY - (Math.max(y1, y2) / size) * (maxY - minY), 3);
      expect(ne[0]).toBeCloseTo(minX + (Math.max(x1, x2) / size) * (maxX - minX), 3);
      expect(ne[1]).toBeCloseTo(maxY - (Math.min(y1, y2) / size) * (maxY - minY), 3);
    }
  });
}, 120_000);

