// A small GeoTIFF writer for test fixtures, so the mosaic tests need no GDAL: little-endian
// classic TIFF, strips or tiles, no compression or DEFLATE, internal overviews as chained
// reduced-resolution IFDs (as gdaladdo writes them), and the GeoTIFF tags gdal_translate
// -a_srs/-a_ullr would set. GDAL still cross-checks what the app reads (test/helpers/gdal.ts).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

export interface TiffRaster {
  width: number;
  height: number;
  /** 1 grey, 3 RGB, 4 RGB + unassociated alpha; pixel-interleaved samples. */
  bands: 1 | 3 | 4;
  data: Uint8Array | Uint16Array;
}

export interface TiffGeo {
  /** An EPSG code, or a PROJ string stored as a user-defined CRS (the app refuses those). */
  srs: string;
  /** west, north, east, south in CRS units (gdal_translate -a_ullr order). */
  ullr: [number, number, number, number];
  /** Whether the EPSG code is geographic (lon/lat). */
  geographic?: boolean;
}

export interface TiffOptions {
  /** Square tile side (multiple of 16); omitted = one strip per 16 rows. */
  tile?: number;
  deflate?: boolean;
  geo?: TiffGeo;
  /** Overview factors (2, 4, 8 …), each a box-filtered copy of the full level. */
  overviews?: number[];
}

const SHORT = 3;
const LONG = 4;
const DOUBLE = 12;
const ASCII = 2;
const USER_DEFINED = 32767;

interface Entry {
  tag: number;
  type: number;
  values: number[] | string;
}

/** Box-filters a raster down by an integer factor (edge pixels average what exists). */
export function downsample(r: TiffRaster, factor: number): TiffRaster {
  const width = Math.ceil(r.width / factor);
  const height = Math.ceil(r.height / factor);
  const data = new (r.data.constructor as Uint8ArrayConstructor)(width * height * r.bands);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let b = 0; b < r.bands; b++) {
        let sum = 0;
        let n = 0;
        for (let yy = y * factor; yy < Math.min(r.height, (y + 1) * factor); yy++) {
          for (let xx = x * factor; xx < Math.min(r.width, (x + 1) * factor); xx++) {
            sum += r.data[(yy * r.width + xx) * r.bands + b];
            n++;
          }
        }
        data[(y * width + x) * r.bands + b] = Math.round(sum / n);
      }
    }
  }
  return { width, height, bands: r.bands, data };
}

/** The byte chunks of one level: tiles (padded to full tiles, as TIFF requires) or strips. */
function chunks(r: TiffRaster, o: TiffOptions): { chunks: Buffer[]; rowsPerStrip: number } {
  const bytesPerSample = r.data.BYTES_PER_ELEMENT;
  const bytes = Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength);
  const pixel = r.bands * bytesPerSample;
  const out: Buffer[] = [];
  const rowsPerStrip = 16;
  if (o.tile) {
    const t = o.tile;
    for (let ty = 0; ty < Math.ceil(r.height / t); ty++) {
      for (let tx = 0; tx < Math.ceil(r.width / t); tx++) {
        const tile = Buffer.alloc(t * t * pixel);
        for (let y = 0; y < t && ty * t + y < r.height; y++) {
          const cols = Math.min(t, r.width - tx * t);
          const src = ((ty * t + y) * r.width + tx * t) * pixel;
          bytes.copy(tile, y * t * pixel, src, src + cols * pixel);
        }
        out.push(tile);
      }
    }
  } else {
    for (let y = 0; y < r.height; y += rowsPerStrip) {
      out.push(bytes.subarray(y * r.width * pixel, Math.min(r.height, y + rowsPerStrip) * r.width * pixel));
    }
  }
  return { chunks: out.map((c) => (o.deflate ? deflateSync(c) : c)), rowsPerStrip };
}

function geoEntries(geo: TiffGeo, width: number, height: number): Entry[] {
  const [west, north, east, south] = geo.ullr;
  const epsg = /^EPSG:(\d+)$/.exec(geo.srs);
  const citation = epsg ? '' : `${geo.srs}|`;
  // GeoKeyDirectory: header, then key, location (0 = inline, 34737 = ascii params), count, value.
  const keys: number[][] = [
    [1024, 0, 1, geo.geographic ? 2 : 1], // GTModelTypeGeoKey
    [1025, 0, 1, 1], // GTRasterTypeGeoKey: PixelIsArea
  ];
  if (citation) keys.push([1026, 34737, citation.length, 0]); // GTCitationGeoKey
  if (geo.geographic) keys.push([2048, 0, 1, Number(epsg![1])]);
  else keys.push([3072, 0, 1, epsg ? Number(epsg[1]) : USER_DEFINED]);
  keys.sort((a, b) => a[0] - b[0]);
  const entries: Entry[] = [
    { tag: 33550, type: DOUBLE, values: [(east - west) / width, (north - south) / height, 0] },
    { tag: 33922, type: DOUBLE, values: [0, 0, 0, west, north, 0] },
    { tag: 34735, type: SHORT, values: [1, 1, 0, keys.length, ...keys.flat()] },
  ];
  if (citation) entries.push({ tag: 34737, type: ASCII, values: citation });
  return entries;
}

function valueBytes(e: Entry): Buffer {
  if (typeof e.values === 'string') return Buffer.from(`${e.values}\0`, 'latin1');
  const size = e.type === DOUBLE ? 8 : e.type === LONG ? 4 : 2;
  const b = Buffer.alloc(e.values.length * size);
  e.values.forEach((v, i) => (e.type === DOUBLE ? b.writeDoubleLE(v, i * 8) : e.type === LONG ? b.writeUInt32LE(v, i * 4) : b.writeUInt16LE(v, i * 2)));
  return b;
}

/** Writes `raster` (and its overviews) as a GeoTIFF at `path`. */
export function writeTiff(path: string, raster: TiffRaster, o: TiffOptions = {}): string {
  if (raster.data.length !== raster.width * raster.height * raster.bands) throw new Error('writeTiff: data does not match the size');
  if (o.tile && o.tile % 16 !== 0) throw new Error('writeTiff: the tile side must be a multiple of 16');
  const levels = [raster, ...(o.overviews ?? []).map((f) => downsample(raster, f))];
  const parts: Buffer[] = [Buffer.from([0x49, 0x49, 42, 0, 0, 0, 0, 0])];
  let offset = 8;
  const put = (b: Buffer): number => {
    const at = offset;
    parts.push(b);
    offset += b.length;
    if (offset % 2) {
      parts.push(Buffer.alloc(1));
      offset++;
    }
    return at;
  };
  let previousNextPointer = 4; // where the offset of the next IFD goes
  const pointers: { at: number; value: number }[] = [];
  levels.forEach((r, level) => {
    const { chunks: data, rowsPerStrip } = chunks(r, o);
    const dataOffsets = data.map(put);
    const bits = r.data.BYTES_PER_ELEMENT * 8;
    const entries: Entry[] = [
      { tag: 254, type: LONG, values: [level === 0 ? 0 : 1] },
      { tag: 256, type: LONG, values: [r.width] },
      { tag: 257, type: LONG, values: [r.height] },
      { tag: 258, type: SHORT, values: Array(r.bands).fill(bits) },
      { tag: 259, type: SHORT, values: [o.deflate ? 8 : 1] },
      { tag: 262, type: SHORT, values: [r.bands >= 3 ? 2 : 1] },
      { tag: 277, type: SHORT, values: [r.bands] },
      { tag: 284, type: SHORT, values: [1] },
      { tag: 339, type: SHORT, values: Array(r.bands).fill(1) },
    ];
    if (r.bands === 4) entries.push({ tag: 338, type: SHORT, values: [2] });
    if (o.tile) {
      entries.push(
        { tag: 322, type: SHORT, values: [o.tile] },
        { tag: 323, type: SHORT, values: [o.tile] },
        { tag: 324, type: LONG, values: dataOffsets },
        { tag: 325, type: LONG, values: data.map((c) => c.length) },
      );
    } else {
      entries.push(
        { tag: 273, type: LONG, values: dataOffsets },
        { tag: 278, type: LONG, values: [rowsPerStrip] },
        { tag: 279, type: LONG, values: data.map((c) => c.length) },
      );
    }
    if (o.geo && level === 0) entries.push(...geoEntries(o.geo, r.width, r.height));
    entries.sort((a, b) => a.tag - b.tag);
    // Values longer than 4 bytes live outside the IFD.
    const external = entries.map((e) => {
      const b = valueBytes(e);
      return b.length > 4 ? put(b) : null;
    });
    const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
    ifd.writeUInt16LE(entries.length, 0);
    entries.forEach((e, i) => {
      const b = valueBytes(e);
      const at = 2 + i * 12;
      ifd.writeUInt16LE(e.tag, at);
      ifd.writeUInt16LE(e.type, at + 2);
      ifd.writeUInt32LE(typeof e.values === 'string' ? b.length : e.values.length, at + 4);
      if (external[i] !== null) ifd.writeUInt32LE(external[i]!, at + 8);
      else b.copy(ifd, at + 8);
    });
    const ifdOffset = put(ifd);
    pointers.push({ at: previousNextPointer, value: ifdOffset });
    previousNextPointer = ifdOffset + 2 + entries.length * 12;
  });
  const file = Buffer.concat(parts);
  for (const p of pointers) file.writeUInt32LE(p.value, p.at);
  writeFileSync(path, file);
  return path;
}
