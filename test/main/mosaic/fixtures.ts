// GeoTIFF fixtures made with the GDAL tools from a known pixel pattern.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { addOverviews, patternImage, translate, writeEnvi } from '../../helpers/gdal.js';

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
  const rgb = writeEnvi(dir, 'pattern', patternImage(W, H, 3), W, H, 3);
  const utm = { srs: 'EPSG:32632', ullr: UTM_ULLR };
  const f = (name: string) => join(dir, name);

  const greyData = new Uint8Array(W * H);
  const grey16Data = new Uint16Array(W * H);
  for (let i = 0; i < W * H; i++) {
    greyData[i] = (i * 7) & 255;
    grey16Data[i] = 1000 + ((i * 13) % 3000);
  }
  const grey = writeEnvi(dir, 'grey', greyData, W, H, 1);
  const grey16 = writeEnvi(dir, 'grey16', grey16Data, W, H, 1);
  const rgbaData = patternImage(W, H, 4);
  for (let y = 0; y < H; y++) for (let x = 0; x < W / 2; x++) rgbaData[(y * W + x) * 4 + 3] = 0; // left half transparent
  const rgba = writeEnvi(dir, 'rgba', rgbaData, W, H, 4);

  const q = 512;
  const quad = Buffer.alloc(q * q * 3);
  for (let y = 0; y < q; y++)
    for (let x = 0; x < q; x++) quad.set(QUADRANTS[(x < q / 2 ? 0 : 1) + (y < q / 2 ? 0 : 2)], (y * q + x) * 3);
  const quadPng = f('quadrants.png');
  await sharp(quad, { raw: { width: q, height: q, channels: 3 } }).png().toFile(quadPng);

  const big = writeEnvi(dir, 'big', patternImage(1024, 1024, 3), 1024, 1024, 3);

  const fx: Fixtures = {
    dir,
    utmStriped: await translate(rgb, f('utm_striped.tif'), { ...utm }),
    utmTiled: await translate(rgb, f('utm_tiled.tif'), {
      ...utm,
      creation: ['TILED=YES', 'BLOCKXSIZE=64', 'BLOCKYSIZE=64', 'COMPRESS=DEFLATE'],
    }),
    utmLzw: await translate(rgb, f('utm_lzw.tif'), { ...utm, creation: ['COMPRESS=LZW', 'PREDICTOR=2'] }),
    cog: await translate(rgb, f('utm_cog.tif'), {
      ...utm,
      format: 'COG',
      creation: ['COMPRESS=LZW', 'BLOCKSIZE=64', 'OVERVIEWS=IGNORE_EXISTING'],
    }),
    geographic: await translate(rgb, f('wgs84.tif'), { srs: 'EPSG:4326', ullr: [8.5, 47.4, 8.5 + W * 1e-5, 47.4 - H * 1e-5] }),
    swiss: await translate(rgb, f('lv95.tif'), {
      srs: 'EPSG:2056',
      ullr: [2600000, 1200000 + H * PIXEL_M, 2600000 + W * PIXEL_M, 1200000],
      creation: ['TILED=YES', 'BLOCKXSIZE=128', 'BLOCKYSIZE=128'],
    }),
    mercator: await translate(rgb, f('merc.tif'), {
      srs: 'EPSG:3857',
      ullr: [950000, 6000000, 950000 + W * 3, 6000000 - H * 3],
    }),
    grey: await translate(grey, f('grey.tif'), { ...utm }),
    grey16: await translate(grey16, f('grey16.tif'), { ...utm, creation: ['COMPRESS=DEFLATE'] }),
    rgba: await translate(rgba, f('rgba.tif'), { ...utm, creation: ['ALPHA=YES', 'TILED=YES'] }),
    jpegYcbcr: await translate(quadPng, f('jpeg_ycbcr.tif'), {
      ...utm,
      ullr: [500000, 5200000, 500000 + q, 5200000 - q],
      creation: ['TILED=YES', 'COMPRESS=JPEG', 'PHOTOMETRIC=YCBCR', 'JPEG_QUALITY=95'],
    }),
    overviews: await translate(big, f('overviews.tif'), {
      ...utm,
      ullr: [500000, 5200000, 500000 + 1024, 5200000 - 1024],
      creation: ['TILED=YES', 'BLOCKXSIZE=128', 'BLOCKYSIZE=128', 'COMPRESS=DEFLATE'],
    }),
    quadrants3857: await translate(quadPng, f('quad3857.tif'), {
      srs: 'EPSG:3857',
      // ~1.2 km square near Zurich, 2.4 m pixels
      ullr: [950000, 6000000, 950000 + q * 2.4, 6000000 - q * 2.4],
      creation: ['TILED=YES'],
    }),
    noGeoref: await translate(rgb, f('plain.tif'), {}),
    truncated: f('truncated.tif'),
    customCrs: await translate(rgb, f('custom_crs.tif'), {
      srs: '+proj=tmerc +lat_0=0 +lon_0=10.3 +k=0.9999 +x_0=150000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
      ullr: [150000, 5200000, 150000 + W * PIXEL_M, 5200000 - H * PIXEL_M],
    }),
    notTiff: f('not_a_tiff.tif'),
  };
  await addOverviews(fx.overviews, [2, 4, 8]);
  const whole = readFileSync(fx.utmTiled);
  writeFileSync(fx.truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
  copyFileSync(quadPng, fx.notTiff);
  return fx;
}
