// GeoTIFF fixtures from a known pixel pattern, written without GDAL (test/helpers/tiff-writer.ts);
// the two encodings that writer does not make (LZW + predictor, JPEG YCbCr) are tiny files that
// gdal_translate made once, in test/fixtures/mosaic/.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { patternImage } from '../../helpers/gdal.js';
import { writeTiff, type TiffGeo } from '../../helpers/tiff-writer.js';

const COMMITTED = fileURLToPath(new URL('../../fixtures/mosaic/', import.meta.url));

export const W = 300;
export const H = 200;
export const PIXEL_M = 2;
export const UTM_ULLR: [number, number, number, number] = [500000, 5200000, 500000 + W * PIXEL_M, 5200000 - H * PIXEL_M];

/** Quadrant colours of the map-tile fixture: top-left, top-right, bottom-left, bottom-right. */
export const QUADRANTS: [number, number, number][] = [
  [200, 30, 30],
  [30, 200, 30],
  [30, 30, 200],
  [220, 220, 40],
];

export interface Fixtures {
  dir: string;
  utmStriped: string;
  utmTiled: string;
  utmLzw: string;
  cog: string;
  geographic: string;
  swiss: string;
  mercator: string;
  grey: string;
  grey16: string;
  rgba: string;
  jpegYcbcr: string;
  overviews: string;
  quadrants3857: string;
  noGeoref: string;
  truncated: string;
  customCrs: string;
  notTiff: string;
}

export async function makeFixtures(dir: string): Promise<Fixtures> {
  const rgb = { width: W, height: H, bands: 3 as const, data: patternImage(W, H, 3) };
  const utm: TiffGeo = { srs: 'EPSG:32632', ullr: UTM_ULLR };
  const f = (name: string) => join(dir, name);

  const greyData = new Uint8Array(W * H);
  const grey16Data = new Uint16Array(W * H);
  for (let i = 0; i < W * H; i++) {
    greyData[i] = (i * 7) & 255;
    grey16Data[i] = 1000 + ((i * 13) % 3000);
  }
  const rgbaData = patternImage(W, H, 4);
  for (let y = 0; y < H; y++) for (let x = 0; x < W / 2; x++) rgbaData[(y * W + x) * 4 + 3] = 0; // left half transparent

  const q = 512;
  const quad = Buffer.alloc(q * q * 3);
  for (let y = 0; y < q; y++)
    for (let x = 0; x < q; x++) quad.set(QUADRANTS[(x < q / 2 ? 0 : 1) + (y < q / 2 ? 0 : 2)], (y * q + x) * 3);
  const quadPng = f('quadrants.png');
  await sharp(quad, { raw: { width: q, height: q, channels: 3 } }).png().toFile(quadPng);
  const committed = (name: string) => {
    copyFileSync(join(COMMITTED, name), f(name));
    return f(name);
  };

  const fx: Fixtures = {
    dir,
    utmStriped: writeTiff(f('utm_striped.tif'), rgb, { geo: utm }),
    utmTiled: writeTiff(f('utm_tiled.tif'), rgb, { geo: utm, tile: 64, deflate: true }),
    utmLzw: committed('utm_lzw.tif'),
    // Tiled, compressed, with internal overviews: the layout of a cloud-optimised GeoTIFF.
    cog: writeTiff(f('utm_cog.tif'), rgb, { geo: utm, tile: 64, deflate: true, overviews: [2, 4] }),
    geographic: writeTiff(f('wgs84.tif'), rgb, { geo: { srs: 'EPSG:4326', geographic: true, ullr: [8.5, 47.4, 8.5 + W * 1e-5, 47.4 - H * 1e-5] } }),
    swiss: writeTiff(f('lv95.tif'), rgb, {
      geo: { srs: 'EPSG:2056', ullr: [2600000, 1200000 + H * PIXEL_M, 2600000 + W * PIXEL_M, 1200000] },
      tile: 128,
    }),
    mercator: writeTiff(f('merc.tif'), rgb, { geo: { srs: 'EPSG:3857', ullr: [950000, 6000000, 950000 + W * 3, 6000000 - H * 3] } }),
    grey: writeTiff(f('grey.tif'), { width: W, height: H, bands: 1, data: greyData }, { geo: utm }),
    grey16: writeTiff(f('grey16.tif'), { width: W, height: H, bands: 1, data: grey16Data }, { geo: utm, deflate: true }),
    rgba: writeTiff(f('rgba.tif'), { width: W, height: H, bands: 4, data: rgbaData }, { geo: utm, tile: 256 }),
    // 512² quadrants in 256² JPEG tiles, ullr [500000, 5200000, 500512, 5199488], EPSG:32632
    jpegYcbcr: committed('jpeg_ycbcr.tif'),
    overviews: writeTiff(f('overviews.tif'), { width: 1024, height: 1024, bands: 3, data: patternImage(1024, 1024, 3) }, {
      geo: { srs: 'EPSG:32632', ullr: [500000, 5200000, 500000 + 1024, 5200000 - 1024] },
      tile: 128,
      deflate: true,
      overviews: [2, 4, 8],
    }),
    quadrants3857: writeTiff(f('quad3857.tif'), { width: q, height: q, bands: 3, data: quad }, {
      // ~1.2 km square near Zurich, 2.4 m pixels
      geo: { srs: 'EPSG:3857', ullr: [950000, 6000000, 950000 + q * 2.4, 6000000 - q * 2.4] },
      tile: 256,
    }),
    noGeoref: writeTiff(f('plain.tif'), rgb),
    truncated: f('truncated.tif'),
    customCrs: writeTiff(f('custom_crs.tif'), rgb, {
      geo: {
        srs: '+proj=tmerc +lat_0=0 +lon_0=10.3 +k=0.9999 +x_0=150000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
        ullr: [150000, 5200000, 150000 + W * PIXEL_M, 5200000 - H * PIXEL_M],
      },
    }),
    notTiff: f('not_a_tiff.tif'),
  };
  const whole = readFileSync(fx.utmTiled);
  writeFileSync(fx.truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
  copyFileSync(quadPng, fx.notTiff);
  return fx;
}
