// Mosaics from others: mutated GeoTIFF headers and tiles opened as a mosaic, then random windows
// and map tiles read from whatever opened.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Mosaic, MosaicError } from '../../src/main/mosaic';
import { hasGdal, patternImage, translate, writeEnvi } from '../../test/helpers/gdal';
import { Unclear, type FuzzTarget } from '../harness';
import { bytesArb, bytesOf, type Mutation } from './mutate';

interface Window {
  /** Rectangle as fractions of the mosaic's extent (may lie outside it). */
  x0: number;
  y0: number;
  w: number;
  h: number;
  outW: number;
  outH: number;
}

interface GeoTiffInput {
  bytes: { mutations: Mutation[] } | { random: number[] } | 'valid';
  window: Window;
  tile: [number, number, number];
}

interface Ctx {
  dir: string;
  base: Buffer;
  n: number;
}

const fraction = fc.double({ min: -3, max: 3, noNaN: true });
const windowArb: fc.Arbitrary<Window> = fc.record({
  x0: fraction,
  y0: fraction,
  w: fc.double({ min: 1e-6, max: 4, noNaN: true }),
  h: fc.double({ min: 1e-6, max: 4, noNaN: true }),
  outW: fc.integer({ min: 1, max: 64 }),
  outH: fc.integer({ min: 1, max: 64 }),
});

export const geotiffTarget: FuzzTarget<GeoTiffInput, Ctx> = {
  name: 'geotiff',
  about: 'GeoTIFF files (64×64 tiled UTM, mutated header/IFD/tiles, truncations, random bytes) opened as a mosaic, then a random window and map tile',
  async setup() {
    if (!hasGdal()) return 'gdal_translate not found (install gdal-bin): the base GeoTIFF cannot be made';
    const dir = mkdtempSync(join(tmpdir(), 'smgeo-fuzz-tiff-'));
    const raw = writeEnvi(dir, 'src', patternImage(64, 64, 3), 64, 64, 3);
    const file = await translate(raw, join(dir, 'base.tif'), {
      srs: 'EPSG:32632',
      ullr: [500000, 5200000, 500064, 5199936],
      creation: ['TILED=YES', 'BLOCKXSIZE=16', 'BLOCKYSIZE=16', 'COMPRESS=DEFLATE'],
    });
    return { dir, base: readFileSync(file), n: 0 };
  },
  async teardown(ctx) {
    rmSync(ctx.dir, { recursive: true, force: true });
  },
  arbitrary: (ctx) =>
    fc.record({
      bytes: fc.oneof({ weight: 1, arbitrary: fc.constant('valid' as const) }, { weight: 9, arbitrary: bytesArb(ctx.base, 4) }),
      window: windowArb,
      tile: fc.tuple(fc.integer({ min: 0, max: 24 }), fc.nat(1 << 24), fc.nat(1 << 24)),
    }),
  async run(input, ctx) {
    const file = join(ctx.dir, `m${ctx.n++ % 4}.tif`);
    writeFileSync(file, input.bytes === 'valid' ? ctx.base : bytesOf(ctx.base, input.bytes));
    const mosaic = await Mosaic.open(file);
    try {
      const gt = mosaic.info.geoTransform;
      const spanX = gt[1] * mosaic.info.width;
      const spanY = gt[5] * mosaic.info.height;
      const w = input.window;
      const xs = [gt[0] + w.x0 * spanX, gt[0] + (w.x0 + w.w) * spanX];
      const ys = [gt[3] + w.y0 * spanY, gt[3] + (w.y0 + w.h) * spanY];
      const rect = { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
      if (rect.maxX > rect.minX && rect.maxY > rect.minY && Object.values(rect).every(Number.isFinite)) {
        const img = await mosaic.readWindowCrs(rect, w.outW, w.outH);
        if (img.width !== w.outW || img.height !== w.outH || img.data.length !== w.outW * w.outH * 3) {
          throw new Unclear(`window read returned ${img.width}×${img.height} (${img.data.length} bytes) for ${w.outW}×${w.outH}`);
        }
      }
      const [z, x, y] = input.tile;
      const n = 2 ** z;
      const png = await mosaic.tile(z, x % n, y % n);
      if (png !== null && !(png instanceof Buffer && png.length > 0)) throw new Unclear('tile() returned something that is not a PNG buffer');
    } finally {
      await mosaic.close();
    }
  },
  isClear: (err) => err instanceof MosaicError,
  encode: (i) => i,
  decode: (j) => j as GeoTiffInput,
};
