// Map-tile latency on a large JPEG-compressed tiled GeoTIFF with overviews (20,000² px, UTM 32N, 0.5 m).
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lonLatToTile, Mosaic } from '../src/main/mosaic/index.js';
import { gdal, makeTmpDir, patternImage, removeDir, writeEnvi } from '../test/helpers/gdal.js';

const SIZE = 20_000;
const PIXEL_M = 0.5;
const ZOOMS = [12, 13, 14, 15, 16, 17, 18];
const TILES_PER_ZOOM = 20;

async function ensureMosaic(): Promise<string> {
  const dir = join(tmpdir(), 'smgeo-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `mosaic-${SIZE}-jpeg512.tif`);
  if (existsSync(path)) return path;
  const work = makeTmpDir('smgeo-bench-make-');
  try {
    const src = writeEnvi(work, 'seed', patternImage(640, 640, 3), 640, 640, 3);
    const tmp = join(dir, `building-${process.pid}.tif`);
    const x0 = 480000;
    const y0 = 5250000;
    await gdal('gdal_translate', [
      '-q', '-outsize', String(SIZE), String(SIZE), '-r', 'bilinear',
      '-a_srs', 'EPSG:32632', '-a_ullr', String(x0), String(y0), String(x0 + SIZE * PIXEL_M), String(y0 - SIZE * PIXEL_M),
      '-co', 'TILED=YES', '-co', 'BLOCKXSIZE=512', '-co', 'BLOCKYSIZE=512', '-co', 'COMPRESS=JPEG',
      '-co', 'PHOTOMETRIC=YCBCR', '-co', 'JPEG_QUALITY=85', '-co', 'BIGTIFF=IF_SAFER',
      src, tmp,
    ]);
    await gdal('gdaladdo', [
      '-q', '-r', 'average', '--config', 'COMPRESS_OVERVIEW', 'JPEG', '--config', 'PHOTOMETRIC_OVERVIEW', 'YCBCR',
      '--config', 'GDAL_TIFF_OVR_BLOCKSIZE', '512', tmp, '2', '4', '8', '16', '32', '64',
    ]);
    renameSync(tmp, path);
    return path;
  } finally {
    removeDir(work);
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function stats(ms: number[]): { n: number; p50Ms: number; p95Ms: number; maxMs: number } {
  const s = [...ms].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 100) / 100;
  return { n: s.length, p50Ms: r(percentile(s, 50)), p95Ms: r(percentile(s, 95)), maxMs: r(s[s.length - 1]) };
}

/** Deterministic pseudo-random numbers so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PAN_ZOOMS = [15, 16, 17, 18];
const VIEW_COLS = 4;
const VIEW_ROWS = 3;
const PAN_STEPS = 6;

/**
 * Per zoom: the first full viewport (all tiles requested concurrently; per-tile latency = time
 * from request to its PNG) and the new column after each one-column pan.
 */
async function panBench(path: string, bounds: [number, number, number, number]): Promise<Record<string, unknown>> {
  const m = await Mosaic.open(path);
  try {
    const [w, s, e, n] = bounds;
    const firstView: number[] = [];
    const panColumn: number[] = [];
    const viewportMs: number[] = [];
    const timed = async (z: number, x: number, y: number, into: number[]) => {
      const a = performance.now();
      await m.tile(z, x, y);
      into.push(performance.now() - a);
    };
    for (const [k, z] of PAN_ZOOMS.entries()) {
      // start near the west edge so that the pan stays inside the mosaic; a different row per zoom
      const [tx, ty] = lonLatToTile(w + (e - w) * 0.2, n - (n - s) * (0.3 + 0.1 * k), z);
      const x0 = Math.floor(tx);
      const y0 = Math.floor(ty);
      const a = performance.now();
      const first: Promise<void>[] = [];
      for (let r = 0; r < VIEW_ROWS; r++) for (let c = 0; c < VIEW_COLS; c++) first.push(timed(z, x0 + c, y0 + r, firstView));
      await Promise.all(first);
      viewportMs.push(performance.now() - a);
      for (let step = 1; step <= PAN_STEPS; step++) {
        const col: Promise<void>[] = [];
        for (let r = 0; r < VIEW_ROWS; r++) col.push(timed(z, x0 + VIEW_COLS - 1 + step, y0 + r, panColumn));
        await Promise.all(col);
      }
    }
    return {
      pattern: `${VIEW_COLS}×${VIEW_ROWS} viewport then ${PAN_STEPS} one-column pans at z${PAN_ZOOMS.join(',')}`,
      firstViewportTile: stats(firstView),
      firstViewportWholeMs: stats(viewportMs),
      panColumnTile: stats(panColumn),
    };
  } finally {
    await m.close();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const path = await ensureMosaic();
  const prepareS = (performance.now() - t0) / 1000;

  const openStart = performance.now();
  const mosaic = await Mosaic.open(path);
  const openMs = performance.now() - openStart;
  try {
    const [w, s, e, n] = mosaic.info.boundsLonLat;
    const random = rng(42);
    const tiles: [number, number, number][] = [];
    const seen = new Set<string>();
    for (const z of ZOOMS) {
      // distinct tiles only, so that "cold" never hits the cache (low zooms have few tiles)
      for (let tries = 0, picked = 0; picked < TILES_PER_ZOOM && tries < 50 * TILES_PER_ZOOM; tries++) {
        const lon = w + (e - w) * (0.05 + 0.9 * random());
        const lat = s + (n - s) * (0.05 + 0.9 * random());
        const [tx, ty] = lonLatToTile(lon, lat, z);
        const key = `${z}/${Math.floor(tx)}/${Math.floor(ty)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        picked++;
        tiles.push([z, Math.floor(tx), Math.floor(ty)]);
      }
    }
    // "cold" = not in the PNG tile cache; decoded source blocks shared with tiles read earlier in
    // this pass may be (as in the app). tilePan.firstViewportTile starts from nothing cached.
    const cold: number[] = [];
    const coldByZoom: Record<string, number[]> = {};
    let empty = 0;
    for (const [z, x, y] of tiles) {
      const a = performance.now();
      const png = await mosaic.tile(z, x, y);
      const ms = performance.now() - a;
      if (!png) empty++;
      cold.push(ms);
      (coldByZoom[z] ??= []).push(ms);
    }
    // A realistic session: a 4×3 viewport of neighbouring tiles (requested together, as Leaflet
    // does), then panned one column east at a time, at a few zooms, on a fresh mosaic handle so
    // neither the tile nor the source-block cache holds anything from the random pass above.
    const pan = await panBench(path, mosaic.info.boundsLonLat);
    const warm: number[] = [];
    for (const [z, x, y] of tiles) {
      const a = performance.now();
      await mosaic.tile(z, x, y);
      warm.push(performance.now() - a);
    }
    // A model reference chip: 512² px at 1 m/px around a random point (reads the 1/2 overview).
    const chip: number[] = [];
    for (let i = 0; i < 10; i++) {
      const [X, Y] = mosaic.pixelToCrs(SIZE * (0.1 + 0.8 * random()), SIZE * (0.1 + 0.8 * random()));
      const a = performance.now();
      await mosaic.readWindowCrs({ minX: X - 256, minY: Y - 256, maxX: X + 256, maxY: Y + 256 }, 512, 512);
      chip.push(performance.now() - a);
    }
    return {
      // other work on the machine inflates latencies; report the load the figures were taken under
      loadAvg1m: Math.round(loadavg()[0] * 100) / 100,
      mosaic: { path, width: mosaic.info.width, height: mosaic.info.height, overviews: mosaic.info.overviewCount, compression: 'JPEG/YCbCr, 512² tiles' },
      prepareS: Math.round(prepareS * 10) / 10,
      openMs: Math.round(openMs * 10) / 10,
      tileCold: stats(cold),
      tileColdByZoom: Object.fromEntries(Object.entries(coldByZoom).map(([z, ms]) => [z, stats(ms)])),
      tileWarmCached: stats(warm),
      tilePan: pan,
      emptyTiles: empty,
      referenceChip512At1m: stats(chip),
    };
  } finally {
    await mosaic.close();
  }
}
