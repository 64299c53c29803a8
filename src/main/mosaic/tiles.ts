// Reprojects the mosaic into a Web-Mercator XYZ tile. Projecting every output pixel through proj4
// would cost ~65k transforms per tile; a 17×17 grid interpolated bilinearly is sub-pixel accurate at
// map zooms and ~200× cheaper.
import type { RgbaImage } from '../image/rgb.js';
import type { MosaicLevel, PixelLayout } from './metadata.js';
import { chooseOverview } from './overview.js';
import { mercatorToLonLat, TILE_SIZE, tileBoundsMercator } from './webmercator.js';
import { readLevelWindow, sampleBilinear } from './window.js';

export const GRID_STEPS = 16; // 17×17 points
const MAX_WINDOW_PIXELS = 4096 * 4096;

export interface TileSource {
  path: string;
  levels: MosaicLevel[];
  layout: PixelLayout;
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
  const win = await readLevelWindow(level, src.layout, minX - 1, minY - 1, maxX + 2, maxY + 2, src.path);
  if (!win) return null;

  const out = new Uint8Array(TILE_SIZE * TILE_SIZE * 4);
  const n = GRID_STEPS + 1;
  const step = TILE_SIZE / GRID_STEPS;
  let anyPixel = false;
  for (let py = 0; py < TILE_SIZE; py++) {
    const gyf = (py + 0.5) / step;
    const j = Math.min(GRID_STEPS - 1, Math.floor(gyf));
    const ty = gyf - j;
    for (let px = 0; px < TILE_SIZE; px++) {
      const gxf = (px + 0.5) / step;
      const i = Math.min(GRID_STEPS - 1, Math.floor(gxf));
      const tx = gxf - i;
      const k00 = (j * n + i) * 2;
      const k10 = k00 + 2;
      const k01 = k00 + n * 2;
      const k11 = k01 + 2;
      const o = (py * TILE_SIZE + px) * 4;
      const sx =
        (grid[k00] * (1 - tx) + grid[k10] * tx) * (1 - ty) + (grid[k01] * (1 - tx) + grid[k11] * tx) * ty;
      const sy =
        (grid[k00 + 1] * (1 - tx) + grid[k10 + 1] * tx) * (1 - ty) + (grid[k01 + 1] * (1 - tx) + grid[k11 + 1] * tx) * ty;
      // NaN corners (outside the CRS's domain) fail the range test inside sampleBilinear
      sampleBilinear(win, level.width, level.height, sx / level.scale, sy / level.scale, out, o);
      if (out[o + 3] !== 0) anyPixel = true;
    }
  }
  return anyPixel ? { width: TILE_SIZE, height: TILE_SIZE, data: out } : null;
}
