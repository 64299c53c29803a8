// Reprojects the mosaic into a Web-Mercator XYZ tile. Projecting every output pixel through proj4
// would cost ~65k transforms per tile; a 17×17 grid interpolated bilinearly is sub-pixel accurate at
// map zooms and ~200× cheaper.
import type { RgbaImage } from '../image/rgb.js';
import type { MosaicLevel } from './metadata.js';
import { chooseOverview } from './overview.js';
import type { PixelWindow } from './pixels.js';
import { mercatorToLonLat, TILE_SIZE, tileBoundsMercator } from './webmercator.js';
import { sampleBilinear, windowCell } from './window.js';

export const GRID_STEPS = 16; // 17×17 points
const MAX_WINDOW_PIXELS = 4096 * 4096;

export interface TileSource {
  levels: MosaicLevel[];
  /** RGBA of level pixels [x0,x1)×[y0,y1), clamped to the level; null when none of it is inside */
  readWindow(levelIndex: number, x0: number, y0: number, x1: number, y1: number): Promise<PixelWindow | null>;
  boundsLonLat: [number, number, number, number];
  /** full-resolution pixel of a WGS84 point, or null where the CRS cannot represent it */
  lonLatToPixel(lon: number, lat: number): [number, number] | null;
}

function tileLonLatBounds(z: number, x: number, y: number): [number, number, number, number] {
  const b = tileBoundsMercator(z, x, y);
  const [w, s] = mercatorToLonLat(b.minX, b.minY);
  const [e, n] = mercatorToLonLat(b.maxX, b.maxY);
  return [w, s, e, n];
}

function overlaps(a: [number, number, number, number], b: [number, number, number, number]): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/** Full-resolution pixel coordinates of the tile's grid points (NaN where not representable). */
export function tilePixelGrid(src: TileSource, z: number, x: number, y: number): Float64Array {
  const b = tileBoundsMercator(z, x, y);
  const n = GRID_STEPS + 1;
  const grid = new Float64Array(n * n * 2);
  for (let j = 0; j < n; j++) {
    const my = b.maxY - ((b.maxY - b.minY) * j) / GRID_STEPS;
    for (let i = 0; i < n; i++) {
      const mx = b.minX + ((b.maxX - b.minX) * i) / GRID_STEPS;
      const [lon, lat] = mercatorToLonLat(mx, my);
      const p = src.lonLatToPixel(lon, lat);
      const k = (j * n + i) * 2;
      grid[k] = p ? p[0] : Number.NaN;
      grid[k + 1] = p ? p[1] : Number.NaN;
    }
  }
  return grid;
}

/** Median full-resolution pixels per tile pixel over the grid cells that touch the image. */
function gridScale(grid: Float64Array, width: number, height: number): number {
  const n = GRID_STEPS + 1;
  const step = TILE_SIZE / GRID_STEPS;
  const scales: number[] = [];
  for (let j = 0; j < GRID_STEPS; j++) {
    for (let i = 0; i < GRID_STEPS; i++) {
      const k = (j * n + i) * 2;
      const kx = k + 2;
      const ky = k + n * 2;
      const px = grid[k];
      const py = grid[k + 1];
      if (!Number.isFinite(px + py + grid[kx] + grid[kx + 1] + grid[ky] + grid[ky + 1])) continue;
      if (px < -width || py < -height || px > 2 * width || py > 2 * height) continue;
      const sx = Math.hypot(grid[kx] - px, grid[kx + 1] - py) / step;
      const sy = Math.hypot(grid[ky] - px, grid[ky + 1] - py) / step;
      scales.push(Math.min(sx, sy));
    }
  }
  if (scales.length === 0) return Number.NaN;
  scales.sort((a, b) => a - b);
  return scales[Math.floor(scales.length / 2)];
}

export async function renderTile(src: TileSource, z: number, x: number, y: number): Promise<RgbaImage | null> {
  if (!overlaps(tileLonLatBounds(z, x, y), src.boundsLonLat)) return null;
  const full = src.levels[0];
  const grid = tilePixelGrid(src, z, x, y);
  const scale = gridScale(grid, full.width, full.height);
  if (!Number.isFinite(scale)) return null;
  const levelIndex = chooseOverview(
    src.levels.map((l) => l.scale),
    scale,
  );
  const level = src.levels[levelIndex];

  // The part of the level the tile covers: bounding box of the grid points, one pixel of margin.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let k = 0; k < grid.length; k += 2) {
    const gx = grid[k] / level.scale;
    const gy = grid[k + 1] / level.scale;
    if (!Number.isFinite(gx + gy)) continue;
    if (gx < minX) minX = gx;
    if (gx > maxX) maxX = gx;
    if (gy < minY) minY = gy;
    if (gy > maxY) maxY = gy;
  }
  const clampedArea =
    (Math.min(level.width, maxX + 2) - Math.max(0, minX - 1)) * (Math.min(level.height, maxY + 2) - Math.max(0, minY - 1));
  // Without overviews a zoomed-out tile would decode the whole mosaic; leave it empty instead
  // (the map shows the mosaic from the zoom where one tile reads a bounded window).
  if (clampedArea > MAX_WINDOW_PIXELS) return null;
  const win = await src.readWindow(levelIndex, minX - 1, minY - 1, maxX + 2, maxY + 2);
  if (!win) return null;

  const out = new Uint8Array(TILE_SIZE * TILE_SIZE * 4);
  const anyPixel = win.channels === 3 ? resampleRgb(grid, win, level, out) : resampleRgba(grid, win, level, out);
  return anyPixel ? { width: TILE_SIZE, height: TILE_SIZE, data: out } : null;
}

/**
 * Level-pixel position of every output pixel, bilinear between the grid points: calls `each(o, x, y)`
 * with the RGBA offset of the output pixel and its (x, y) in level pixels.
 */
function forEachOutputPixel(grid: Float64Array, scale: number, each: (o: number, x: number, y: number) => void): void {
  const n = GRID_STEPS + 1;
  const step = TILE_SIZE / GRID_STEPS;
  const inv = 1 / scale;
  for (let py = 0; py < TILE_SIZE; py++) {
    const gyf = (py + 0.5) / step;
    const j = Math.min(GRID_STEPS - 1, Math.floor(gyf));
    const ty = gyf - j;
    for (let i = 0; i < GRID_STEPS; i++) {
      // the grid cell's left and right edges at this row; along the row the position is linear
      const k00 = (j * n + i) * 2;
      const k01 = k00 + n * 2;
      const lx = grid[k00] * (1 - ty) + grid[k01] * ty;
      const ly = grid[k00 + 1] * (1 - ty) + grid[k01 + 1] * ty;
      const rx = grid[k00 + 2] * (1 - ty) + grid[k01 + 2] * ty;
      const ry = grid[k00 + 3] * (1 - ty) + grid[k01 + 3] * ty;
      const px0 = i * step;
      for (let px = px0; px < px0 + step; px++) {
        const tx = (px + 0.5) / step - i;
        // NaN corners (outside the CRS's domain) fail the range tests of the samplers
        each((py * TILE_SIZE + px) * 4, (lx * (1 - tx) + rx * tx) * inv, (ly * (1 - tx) + ry * tx) * inv);
      }
    }
  }
}

/** Bilinear resampling of an RGBA window (alpha-weighted, see sampleBilinear); true if any pixel shows. */
function resampleRgba(grid: Float64Array, win: PixelWindow, level: MosaicLevel, out: Uint8Array): boolean {
  let any = false;
  forEachOutputPixel(grid, level.scale, (o, x, y) => {
    sampleBilinear(win, level.width, level.height, x, y, out, o);
    if (out[o + 3] !== 0) any = true;
  });
  return any;
}

/**
 * Bilinear resampling of an opaque RGB window: the same sampling as sampleBilinear with every alpha
 * 255, without the alpha weighting; outside the level stays transparent.
 */
function resampleRgb(grid: Float64Array, win: PixelWindow, level: MosaicLevel, out: Uint8Array): boolean {
  const d = win.data;
  const w = win.width;
  const lw = level.width;
  const lh = level.height;
  const xCell = new Float64Array(2);
  const yCell = new Float64Array(2);
  let any = false;
  forEachOutputPixel(grid, level.scale, (o, x, y) => {
    if (!(x >= 0 && y >= 0 && x <= lw && y <= lh)) return; // out is zero: transparent
    windowCell(x, win.x0, w, xCell);
    windowCell(y, win.y0, win.height, yCell);
    const ix = xCell[0];
    const fx = xCell[1];
    const iy = yCell[0];
    const fy = yCell[1];
    const p00 = (iy * w + ix) * 3;
    const p10 = fx > 0 ? p00 + 3 : p00;
    const dy = fy > 0 ? w * 3 : 0;
    const p01 = p00 + dy;
    const p11 = p10 + dy;
    const w00 = (1 - fx) * (1 - fy);
    const w10 = fx * (1 - fy);
    const w01 = (1 - fx) * fy;
    const w11 = fx * fy;
    out[o] = d[p00] * w00 + d[p10] * w10 + d[p01] * w01 + d[p11] * w11 + 0.5;
    out[o + 1] = d[p00 + 1] * w00 + d[p10 + 1] * w10 + d[p01 + 1] * w01 + d[p11 + 1] * w11 + 0.5;
    out[o + 2] = d[p00 + 2] * w00 + d[p10 + 2] * w10 + d[p01 + 2] * w01 + d[p11 + 2] * w11 + 0.5;
    out[o + 3] = 255;
    any = true;
  });
  return any;
}
