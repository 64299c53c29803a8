// A georeferenced mosaic opened for reading: coordinates, north-up windows and map tiles.
import { LRUCache } from 'lru-cache';
import sharp from 'sharp';
import type { RgbaImage, RgbImage } from '../image/rgb.js';
import { BlockCache } from './blocks.js';
import { crsTransforms, crsUnitsPerMetre, type CrsTransforms } from './crs.js';
import { MosaicError } from './errors.js';
import { applyGeoTransform, invertGeoTransform, type GeoTransform } from './geotransform.js';
import { openTiff, type OpenedTiff } from './metadata.js';
import { chooseOverview } from './overview.js';
import { renderTile } from './tiles.js';
import { isValidTile } from './webmercator.js';
import { sampleBilinear } from './window.js';

export interface MosaicInfo {
  id: string; // sha1 of the absolute path
  path: string;
  width: number;
  height: number;
  bands: number;
  crs: { code: string; proj4: string };
  geoTransform: GeoTransform; // GDAL order
  gsdM: number; // approximate ground metres per pixel at the centre
  boundsLonLat: [number, number, number, number]; // W, S, E, N
  overviewCount: number;
}

export interface CrsRect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

const TILE_CACHE_ENTRIES = 2048;
const TILE_CACHE_BYTES = 64 * 1024 * 1024;
const MAX_OUTPUT_PIXELS = 16384 * 16384;
// A lon/lat that does not survive CRS → lon/lat is outside the projection's domain.
const ROUND_TRIP_TOLERANCE_DEG = 1e-6;

/**
 * Tiles are encoded on the request path and shown from a local server: deflate level 1 without
 * filtering is ~25 % faster than level 2 (measured on ortho imagery) for ~25 % more bytes.
 */
function encodeTilePng(img: RgbaImage): Promise<Buffer> {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 4 } })
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer();
}

export class Mosaic {
  readonly info: MosaicInfo;
  private readonly tiff: OpenedTiff;
  private readonly proj: CrsTransforms;
  private readonly inverse: GeoTransform;
  /** PNG per z/x/y; `png: null` remembers a tile that misses the mosaic. */
  private readonly tiles = new LRUCache<string, { png: Buffer | null }, readonly [number, number, number]>({
    max: TILE_CACHE_ENTRIES,
    maxSize: TILE_CACHE_BYTES,
    sizeCalculation: (t) => (t.png ? t.png.length : 0) + 64,
    fetchMethod: (_key, _stale, { context: [z, x, y] }) => this.trackRender(this.renderTilePng(z, x, y)),
    ignoreFetchAbort: true,
  });
  /** renders in flight, awaited by close() before the file is closed under them */
  private readonly rendering = new Set<Promise<unknown>>();
  /** decoded source blocks shared by neighbouring map tiles */
  private readonly blocks: BlockCache;
  private closed = false;

  private constructor(tiff: OpenedTiff) {
    this.tiff = tiff;
    this.blocks = new BlockCache(tiff.levels, tiff.layout, tiff.path);
    this.proj = crsTransforms(tiff.crs);
    this.inverse = invertGeoTransform(tiff.geoTransform);
    const full = tiff.levels[0];
    this.info = {
      id: tiff.id,
      path: tiff.path,
      width: full.width,
      height: full.height,
      bands: tiff.bands,
      crs: { code: tiff.crs.code, proj4: tiff.crs.proj4 },
      geoTransform: [...tiff.geoTransform] as GeoTransform,
      gsdM: this.computeGsd(),
      boundsLonLat: this.computeBoundsLonLat(),
      overviewCount: tiff.levels.length - 1,
    };
  }

  static async open(path: string): Promise<Mosaic> {
    const tiff = await openTiff(path);
    try {
      return new Mosaic(tiff);
    } catch (err) {
      // Bounds and ground resolution come from the georeferencing: one that maps the image off the
      // CRS's domain (a damaged or crafted file) is refused here rather than failing tile by tile.
      await Promise.resolve(tiff.tiff.close()).catch(() => undefined);
      if (err instanceof MosaicError) throw err;
      const why = err instanceof Error ? err.message : String(err);
      throw new MosaicError(
        'not-georeferenced',
        `Mosaic ${tiff.path} cannot be placed on the map (${why}): its georeferencing or CRS is damaged. Georeference it again, e.g. gdal_translate -a_srs EPSG:<code> -a_ullr <west> <north> <east> <south> in.tif out.tif.`,
        { cause: err },
      );
    }
  }

  pixelToCrs(x: number, y: number): [number, number] {
    return applyGeoTransform(this.tiff.geoTransform, x, y);
  }

  crsToPixel(X: number, Y: number): [number, number] {
    return applyGeoTransform(this.inverse, X, Y);
  }

  crsToLonLat(X: number, Y: number): [number, number] {
    return this.proj.toLonLat([X, Y]);
  }

  lonLatToCrs(lon: number, lat: number): [number, number] {
    return this.proj.fromLonLat([lon, lat]);
  }

  /** CRS units per ground metre eastwards near (X, Y) (see metresToCrsUnitsXY for both axes). */
  metresToCrsUnits(X: number, Y: number): number {
    return crsUnitsPerMetre(this.proj, X, Y).east;
  }

  /** CRS units per ground metre along X (east) and Y (north); they differ in geographic CRSs. */
  metresToCrsUnitsXY(X: number, Y: number): [number, number] {
    const u = crsUnitsPerMetre(this.proj, X, Y);
    return [u.east, u.north];
  }

  /** North-up resample of a CRS rectangle to width×height RGB; outside the mosaic is black. */
  async readWindowCrs(b: CrsRect, width: number, height: number): Promise<RgbImage> {
    this.assertOpen();
    if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && width * height <= MAX_OUTPUT_PIXELS)) {
      throw new RangeError(`readWindowCrs: output size ${width}×${height} is not a positive integer size`);
    }
    if (!(b.maxX > b.minX && b.maxY > b.minY) || ![b.minX, b.minY, b.maxX, b.maxY].every(Number.isFinite)) {
      throw new RangeError(`readWindowCrs: empty or invalid rectangle ${JSON.stringify(b)}`);
    }
    const dx = (b.maxX - b.minX) / width;
    const dy = (b.maxY - b.minY) / height;
    // Output pixel (i, j) centre in full-resolution pixels is p0 + (i + .5)·u + (j + .5)·v.
    const inv = this.inverse;
    const p0 = applyGeoTransform(inv, b.minX, b.maxY);
    const u: [number, number] = [inv[1] * dx, inv[4] * dx];
    const v: [number, number] = [-inv[2] * dy, -inv[5] * dy];
    const footprint = Math.min(Math.hypot(u[0], u[1]), Math.hypot(v[0], v[1]));
    const levelIndex = chooseOverview(
      this.tiff.levels.map((l) => l.scale),
      footprint,
    );
    const level = this.tiff.levels[levelIndex];
    const corners = [
      [0, 0],
      [width, 0],
      [0, height],
      [width, height],
    ].map(([i, j]) => [(p0[0] + i * u[0] + j * v[0]) / level.scale, (p0[1] + i * u[1] + j * v[1]) / level.scale]);
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    const out = new Uint8Array(width * height * 3);
    // Decoded blocks shared with the map tiles (the same pixels geotiff.js's readRasters gives; layouts
    // without a direct decoder go through readRasters inside the cache, block by block).
    const win = await this.blocks.readWindow(
      levelIndex,
      Math.min(...xs) - 1,
      Math.min(...ys) - 1,
      Math.max(...xs) + 1,
      Math.max(...ys) + 1,
    );
    if (!win) return { width, height, data: out };
    const s = level.scale;
    const px = new Uint8Array(4);
    for (let j = 0; j < height; j++) {
      for (let i = 0; i < width; i++) {
        const fx = (p0[0] + (i + 0.5) * u[0] + (j + 0.5) * v[0]) / s;
        const fy = (p0[1] + (i + 0.5) * u[1] + (j + 0.5) * v[1]) / s;
        sampleBilinear(win, level.width, level.height, fx, fy, px, 0);
        const o = (j * width + i) * 3;
        const a = px[3];
        // partly covered edge pixels fade to the black used outside the mosaic
        out[o] = a === 255 ? px[0] : Math.round((px[0] * a) / 255);
        out[o + 1] = a === 255 ? px[1] : Math.round((px[1] * a) / 255);
        out[o + 2] = a === 255 ? px[2] : Math.round((px[2] * a) / 255);
      }
    }
    return { width, height, data: out };
  }

  /** 256² PNG Web-Mercator XYZ tile (transparent outside the mosaic); null where the tile misses it. */
  async tile(z: number, x: number, y: number): Promise<Buffer | null> {
    this.assertOpen();
    if (!isValidTile(z, x, y)) return null;
    const tile = await this.tiles.fetch(`${z}/${x}/${y}`, { context: [z, x, y] });
    return tile?.png ?? null;
  }

  private async trackRender(job: Promise<Buffer | null>): Promise<{ png: Buffer | null }> {
    this.rendering.add(job);
    try {
      return { png: await job };
    } finally {
      this.rendering.delete(job);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.tiles.clear();
    await Promise.allSettled([...this.rendering]);
    this.blocks.clear();
    await this.tiff.tiff.close();
  }

  private async renderTilePng(z: number, x: number, y: number): Promise<Buffer | null> {
    const img = await renderTile(
      {
        levels: this.tiff.levels,
        readWindow: (levelIndex, x0, y0, x1, y1) => this.blocks.readWindow(levelIndex, x0, y0, x1, y1),
        boundsLonLat: this.info.boundsLonLat,
        lonLatToPixel: (lon, lat) => this.lonLatToPixel(lon, lat),
      },
      z,
      x,
      y,
    );
    return img ? encodeTilePng(img) : null;
  }

  private lonLatToPixel(lon: number, lat: number): [number, number] | null {
    let X: number;
    let Y: number;
    try {
      [X, Y] = this.proj.fromLonLat([lon, lat]);
      if (!Number.isFinite(X) || !Number.isFinite(Y)) return null;
      const [lon2, lat2] = this.proj.toLonLat([X, Y]);
      if (!(Math.abs(lon2 - lon) < ROUND_TRIP_TOLERANCE_DEG && Math.abs(lat2 - lat) < ROUND_TRIP_TOLERANCE_DEG)) return null;
    } catch {
      return null;
    }
    return this.crsToPixel(X, Y);
  }

  private assertOpen(): void {
    if (this.closed) throw new MosaicError('corrupt', `Mosaic ${this.tiff.path} was closed; open it again.`);
  }

  private computeGsd(): number {
    const { width, height } = this.tiff.levels[0];
    const gt = this.tiff.geoTransform;
    const [X, Y] = this.pixelToCrs(width / 2, height / 2);
    const [ue, un] = this.metresToCrsUnitsXY(X, Y);
    const gx = Math.hypot(gt[1], gt[4]) / ue;
    const gy = Math.hypot(gt[2], gt[5]) / un;
    return (gx + gy) / 2;
  }

  /** WGS84 bounds from points along every edge, since projected edges are curved in lon/lat. */
  private computeBoundsLonLat(): [number, number, number, number] {
    const { width, height } = this.tiff.levels[0];
    const steps = 20;
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    for (let k = 0; k <= steps; k++) {
      const t = k / steps;
      for (const [px, py] of [
        [t * width, 0],
        [t * width, height],
        [0, t * height],
        [width, t * height],
      ]) {
        const [lon, lat] = this.crsToLonLat(...this.pixelToCrs(px, py));
        if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
        w = Math.min(w, lon);
        e = Math.max(e, lon);
        s = Math.min(s, lat);
        n = Math.max(n, lat);
      }
    }
    return [w, s, e, n];
  }
}
