// Opening a GeoTIFF: checks that it is a TIFF, intact, georeferenced with a known CRS and of a
// pixel layout we can show; gathers the full-resolution image and its overviews.
import { createHash } from 'node:crypto';
import { open as openFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fromFile, type GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { lookupEpsg, type CrsDefinition } from './crs.js';
import { JPEG_COMPRESSION } from './decoder-pool.js';
import { MosaicError } from './errors.js';
import { checkTiffStructure } from './ifd-check.js';
import { geoTransformFromTags, type GeoTransform } from './geotransform.js';

export interface MosaicLevel {
  image: GeoTIFFImage;
  width: number;
  height: number;
  /** full-resolution pixels per pixel of this level (1 for the full-resolution image) */
  scale: number;
}

/** How stored samples become 8-bit RGB. */
export interface PixelLayout {
  colour: 'rgb' | 'ycbcr' | 'grey' | 'grey-inverted';
  samples: number[]; // samples to read, colour first, then alpha if any
  hasAlpha: boolean;
  /** linear stretch to 0–255 for samples wider than 8 bits; null for 8-bit data */
  stretch: { low: number; high: number } | null;
  noData: number | null;
}

export interface OpenedTiff {
  id: string;
  path: string;
  tiff: GeoTIFF;
  levels: MosaicLevel[];
  geoTransform: GeoTransform;
  crs: CrsDefinition;
  bands: number;
  layout: PixelLayout;
}

const USER_DEFINED = 32767;

// TIFF tag values (TIFF 6.0 spec)
const PHOTOMETRIC = { WhiteIsZero: 0, BlackIsZero: 1, RGB: 2, Palette: 3, YCbCr: 6 } as const;
const SUBFILE_MASK = 4;

export async function openTiff(path: string): Promise<OpenedTiff> {
  const abs = resolve(path);
  const size = await fileSize(abs);
  await checkTiffSignature(abs, size);
  let tiff: GeoTIFF;
  try {
    tiff = await fromFile(abs);
  } catch (err) {
    throw corrupt(abs, err);
  }
  try {
    const levels = await readLevels(tiff, abs);
    await checkNotTruncated(levels, size, abs);
    const first = levels[0].image;
    const geoTransform = await readGeoTransform(first, abs);
    const crs = resolveCrs(first, abs);
    const layout = await pixelLayout(levels, abs);
    return {
      id: createHash('sha1').update(abs).digest('hex'),
      path: abs,
      tiff,
      levels,
      geoTransform,
      crs,
      bands: first.getSamplesPerPixel(),
      layout,
    };
  } catch (err) {
    await Promise.resolve(tiff.close()).catch(() => undefined);
    if (err instanceof MosaicError) throw err;
    throw corrupt(abs, err);
  }
}

async function fileSize(abs: string): Promise<number> {
  try {
    const s = await stat(abs);
    if (!s.isFile()) throw new MosaicError('not-found', `Mosaic ${abs} is not a file. Choose a GeoTIFF file (.tif).`);
    return s.size;
  } catch (err) {
    if (err instanceof MosaicError) throw err;
    throw new MosaicError('not-found', `Mosaic file ${abs} does not exist or cannot be read. Check the path.`, { cause: err });
  }
}

async function checkTiffSignature(abs: string, size: number): Promise<void> {
  const fh = await openFile(abs, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    const sig = head.toString('latin1', 0, bytesRead);
    // classic TIFF (42) and BigTIFF (43), little and big endian
    if (!['II*\0', 'MM\0*', 'II+\0', 'MM\0+'].includes(sig)) {
      throw new MosaicError('not-tiff', `${abs} is not a TIFF file. Convert the mosaic to GeoTIFF, e.g. with gdal_translate -of COG.`);
    }
    const problem = await checkTiffStructure(fh, size);
    if (problem) throw corrupt(abs, new Error(problem));
  } finally {
    await fh.close();
  }
}

function corrupt(abs: string, err: unknown): MosaicError {
  const why = err instanceof Error ? err.message : String(err);
  return new MosaicError(
    'corrupt',
    `Mosaic ${abs} is damaged or truncated (${why}). Copy the file again or re-export it from the source.`,
    { cause: err },
  );
}

async function readLevels(tiff: GeoTIFF, abs: string): Promise<MosaicLevel[]> {
  const count = await tiff.getImageCount();
  if (count < 1) throw corrupt(abs, new Error('no image in the file'));
  const main = await tiff.getImage(0);
  const width = main.getWidth();
  const height = main.getHeight();
  if (!(width > 0 && height > 0)) throw corrupt(abs, new Error('image has no size'));
  const levels: MosaicLevel[] = [{ image: main, width, height, scale: 1 }];
  for (let i = 1; i < count; i++) {
    const img = await tiff.getImage(i);
    const subfile = Number(img.fileDirectory.getValue('NewSubfileType') ?? 0);
    // GDAL stores transparency masks as extra sub-files; they are not overviews
    if (subfile & SUBFILE_MASK) continue;
    if (img.getSamplesPerPixel() !== main.getSamplesPerPixel()) continue;
    const w = img.getWidth();
    const h = img.getHeight();
    if (!(w > 0 && h > 0) || w >= width) continue;
    levels.push({ image: img, width: w, height: h, scale: width / w });
  }
  levels.sort((a, b) => a.scale - b.scale);
  return levels;
}

/** A copy cut short still has its header; its tile offsets then point past the end of the file. */
async function checkNotTruncated(levels: MosaicLevel[], size: number, abs: string): Promise<void> {
  for (const level of levels) {
    const fd = level.image.fileDirectory;
    const tiled = fd.hasTag('TileOffsets');
    const offsets = (await fd.loadValue(tiled ? 'TileOffsets' : 'StripOffsets')) as ArrayLike<number | bigint> | undefined;
    const counts = (await fd.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) as ArrayLike<number | bigint> | undefined;
    if (!offsets || !counts) throw corrupt(abs, new Error('image data offsets are missing'));
    checkBlockCount(level, offsets.length, counts.length, tiled, abs);
    let end = 0;
    for (let i = 0; i < offsets.length; i++) {
      const e = Number(offsets[i]) + Number(counts[i] ?? 0);
      if (e > end) end = e;
    }
    if (end > size) {
      throw corrupt(abs, new Error(`image data ends at byte ${end} but the file has only ${size} bytes`));
    }
  }
}

/**
 * A header may claim far more pixels than its strips or tiles hold (a damaged or crafted file);
 * reading such an image fails only later, tile by tile, so refuse it at open.
 */
function checkBlockCount(level: MosaicLevel, offsets: number, counts: number, tiled: boolean, abs: string): void {
  const { image, width, height } = level;
  const fd = image.fileDirectory;
  const planes = Number(fd.getValue('PlanarConfiguration') ?? 1) === 2 ? image.getSamplesPerPixel() : 1;
  let expected: number;
  if (tiled) {
    const tw = image.getTileWidth();
    const th = image.getTileHeight();
    if (!(tw > 0 && th > 0)) throw corrupt(abs, new Error(`the tile size ${tw}×${th} is not valid`));
    expected = Math.ceil(width / tw) * Math.ceil(height / th) * planes;
  } else {
    const rows = Number(fd.getValue('RowsPerStrip') ?? height);
    expected = Math.ceil(height / Math.max(1, Math.min(rows, height))) * planes;
  }
  if (offsets < expected || counts < expected) {
    throw new MosaicError(
      'corrupt',
      `Mosaic ${abs} claims ${width}×${height} pixels, which need ${expected} ${tiled ? 'tiles' : 'strips'}, but it holds only ` +
        `${Math.min(offsets, counts)}. The file is damaged or was written wrongly; re-export it from the source (e.g. gdal_translate -of COG).`,
    );
  }
}

async function readGeoTransform(image: GeoTIFFImage, abs: string): Promise<GeoTransform> {
  const fd = image.fileDirectory;
  const tie = fd.hasTag('ModelTiepoint') ? ((await fd.loadValue('ModelTiepoint')) as ArrayLike<number>) : undefined;
  const scale = fd.hasTag('ModelPixelScale') ? ((await fd.loadValue('ModelPixelScale')) as ArrayLike<number>) : undefined;
  const matrix = fd.hasTag('ModelTransformation')
    ? ((await fd.loadValue('ModelTransformation')) as ArrayLike<number>)
    : undefined;
  const keys = image.getGeoKeys();
  const pixelIsPoint = keys?.GTRasterTypeGeoKey === 2;
  const gt = geoTransformFromTags(tie, scale, matrix, pixelIsPoint);
  if (!gt || !keys) {
    throw new MosaicError(
      'not-georeferenced',
      `Mosaic ${abs} has no georeferencing (no GeoTIFF position or CRS). Georeference it first, e.g. ` +
        `gdal_translate -a_srs EPSG:<code> -a_ullr <west> <north> <east> <south> in.tif out.tif.`,
    );
  }
  const det = gt[1] * gt[5] - gt[2] * gt[4];
  if (!Number.isFinite(det) || det === 0 || Math.abs(det) < 1e-300) {
    throw new MosaicError(
      'not-georeferenced',
      `Mosaic ${abs} has degenerate georeferencing (its pixels have no area on the ground). Georeference it again, e.g. ` +
        `gdal_translate -a_srs EPSG:<code> -a_ullr <west> <north> <east> <south> in.tif out.tif.`,
    );
  }
  return gt;
}

function resolveCrs(image: GeoTIFFImage, abs: string): CrsDefinition {
  const keys = image.getGeoKeys() ?? {};
  const projected = Number(keys.ProjectedCSTypeGeoKey ?? 0);
  const geographic = Number(keys.GeographicTypeGeoKey ?? 0);
  const model = Number(keys.GTModelTypeGeoKey ?? 0);
  const code = model === 2 ? geographic : projected || geographic;
  const citation = String(keys.GTCitationGeoKey ?? keys.PCSCitationGeoKey ?? keys.GeogCitationGeoKey ?? '').trim();
  if (!code || code === USER_DEFINED) {
    throw new MosaicError(
      'unknown-crs',
      `Mosaic ${abs} uses a coordinate system without an EPSG code${citation ? ` ("${citation}")` : ''}. ` +
        `Reproject it to an EPSG-coded CRS, e.g. gdalwarp -t_srs EPSG:3857 in.tif out.tif.`,
    );
  }
  const def = lookupEpsg(code);
  if (!def) {
    throw new MosaicError(
      'unknown-crs',
      `Mosaic ${abs} uses EPSG:${code}, which is not a projected or geographic CRS this app knows. ` +
        `Reproject it, e.g. gdalwarp -t_srs EPSG:3857 in.tif out.tif.`,
    );
  }
  return def;
}

async function pixelLayout(levels: MosaicLevel[], abs: string): Promise<PixelLayout> {
  const image = levels[0].image;
  const fd = image.fileDirectory;
  const spp = image.getSamplesPerPixel();
  const photometric = Number(fd.getValue('PhotometricInterpretation') ?? (spp >= 3 ? PHOTOMETRIC.RGB : PHOTOMETRIC.BlackIsZero));
  const extra = Array.from((fd.getValue('ExtraSamples') as ArrayLike<number> | undefined) ?? []);
  const bits = image.getBitsPerSample(0);
  const format = image.getSampleFormat(0);
  if (photometric === PHOTOMETRIC.Palette) {
    throw new MosaicError(
      'unsupported',
      `Mosaic ${abs} uses a colour palette, which is not supported. Expand it to RGB: gdal_translate -expand rgb in.tif out.tif.`,
    );
  }
  if (bits !== 8 && bits !== 16 && !(format === 3 && bits === 32)) {
    throw new MosaicError(
      'unsupported',
      `Mosaic ${abs} stores ${bits}-bit samples; only 8-bit, 16-bit and 32-bit float rasters are supported. ` +
        `Convert it, e.g. gdal_translate -ot Byte -scale in.tif out.tif.`,
    );
  }
  let colour: PixelLayout['colour'];
  let samples: number[];
  let hasAlpha = false;
  const isAlpha = (extraIndex: number) => extra[extraIndex] === 1 || extra[extraIndex] === 2;
  if (spp >= 3 && (photometric === PHOTOMETRIC.RGB || photometric === PHOTOMETRIC.YCbCr)) {
    // libjpeg (our JPEG decoder, see decoder-pool.ts) already returns JPEG YCbCr tiles as RGB
    const jpeg = Number(fd.getValue('Compression') ?? 1) === JPEG_COMPRESSION;
    colour = photometric === PHOTOMETRIC.YCbCr && !jpeg ? 'ycbcr' : 'rgb';
    samples = [0, 1, 2];
    if (spp >= 4 && isAlpha(0)) {
      samples.push(3);
      hasAlpha = true;
    }
  } else if (photometric === PHOTOMETRIC.BlackIsZero || photometric === PHOTOMETRIC.WhiteIsZero) {
    colour = photometric === PHOTOMETRIC.WhiteIsZero ? 'grey-inverted' : 'grey';
    samples = [0];
    if (spp >= 2 && isAlpha(0)) {
      samples.push(1);
      hasAlpha = true;
    }
  } else {
    throw new MosaicError(
      'unsupported',
      `Mosaic ${abs} has a pixel layout that is not supported (photometric ${photometric}, ${spp} bands). ` +
        `Convert it to 8-bit RGB, e.g. gdal_translate -ot Byte -b 1 -b 2 -b 3 in.tif out.tif.`,
    );
  }
  const noData = image.getGDALNoData();
  const stretch = bits === 8 ? null : await percentileStretch(levels, samples.slice(0, colour === 'grey' || colour === 'grey-inverted' ? 1 : 3), noData);
  return { colour, samples, hasAlpha, stretch, noData };
}

/**
 * 2–98 % percentile stretch over the smallest level, so 16-bit and float imagery shows with a
 * sensible contrast without reading the whole multi-GB file.
 */
async function percentileStretch(
  levels: MosaicLevel[],
  samples: number[],
  noData: number | null,
): Promise<{ low: number; high: number }> {
  const level = levels[levels.length - 1];
  const maxSide = 1024;
  const w = Math.min(level.width, maxSide);
  const h = Math.min(level.height, maxSide);
  const x0 = Math.floor((level.width - w) / 2);
  const y0 = Math.floor((level.height - h) / 2);
  const data = (await level.image.readRasters({ window: [x0, y0, x0 + w, y0 + h], samples, interleave: true })) as unknown as ArrayLike<number>;
  const values: number[] = [];
  const stride = Math.max(1, Math.floor(data.length / 262144));
  for (let i = 0; i < data.length; i += stride) {
    const v = data[i];
    if (Number.isFinite(v) && v !== noData) values.push(v);
  }
  if (values.length === 0) return { low: 0, high: 1 };
  values.sort((a, b) => a - b);
  const low = values[Math.floor(values.length * 0.02)];
  const high = values[Math.min(values.length - 1, Math.floor(values.length * 0.98))];
  return high > low ? { low, high } : { low, high: low + 1 };
}
