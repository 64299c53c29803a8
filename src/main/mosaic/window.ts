// Reads a rectangle of one level (clamped to the image) and resamples it through any coordinate map.
import { createDecoderPool } from './decoder-pool.js';
import { MosaicError } from './errors.js';
import type { MosaicLevel, PixelLayout } from './metadata.js';
import { samplesToRgba, type PixelWindow, type RgbaWindow } from './pixels.js';

const decoderPool = createDecoderPool();

/** Reads level pixels [x0,x1)×[y0,y1), clamped to the level; null when nothing of it lies inside. */
export async function readLevelWindow(
  level: MosaicLevel,
  layout: PixelLayout,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  path: string,
): Promise<RgbaWindow | null> {
  const cx0 = Math.max(0, Math.floor(x0));
  const cy0 = Math.max(0, Math.floor(y0));
  const cx1 = Math.min(level.width, Math.ceil(x1));
  const cy1 = Math.min(level.height, Math.ceil(y1));
  if (cx1 <= cx0 || cy1 <= cy0) return null;
  let raw: ArrayLike<number>;
  try {
    raw = (await level.image.readRasters({
      window: [cx0, cy0, cx1, cy1],
      samples: [...layout.samples],
      interleave: true,
      pool: decoderPool,
    })) as unknown as ArrayLike<number>;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new MosaicError(
      'corrupt',
      `Reading pixels from mosaic ${path} failed (${why}). The file may be damaged; copy or re-export it.`,
      { cause: err },
    );
  }
  const width = cx1 - cx0;
  const height = cy1 - cy0;
  return { x0: cx0, y0: cy0, width, height, data: samplesToRgba(raw, width * height, layout) };
}

/**
 * Where level coordinate `v` (pixel centres at i + 0.5) falls along a window's row or column that
 * starts at level pixel `start` and is `n` pixels long: cell[0] the pixel before it, cell[1] the
 * fraction towards the next, clamped to the window's edge (the image edge or the read margin).
 */
export function windowCell(v: number, start: number, n: number, cell: Float64Array): void {
  const f = v - 0.5 - start;
  let i = Math.floor(f);
  let t = f - i;
  if (i < 0) {
    i = 0;
    t = 0;
  }
  if (i >= n - 1) {
    i = n - 1;
    t = 0;
  }
  cell[0] = i;
  cell[1] = t;
}

// Scratch for windowCell: the samplers run per output pixel and must not allocate.
const xCell = new Float64Array(2);
const yCell = new Float64Array(2);

/**
 * Bilinear sample of the window at level-pixel coordinate (x, y) (pixel centres at i + 0.5), written
 * as RGBA into `out` at `o`. Neighbours without data do not bleed in; outside the level, alpha is 0.
 * An opaque RGB window (channels 3) samples exactly as the same pixels in RGBA with alpha 255.
 */
export function sampleBilinear(
  win: RgbaWindow | PixelWindow,
  levelWidth: number,
  levelHeight: number,
  x: number,
  y: number,
  out: Uint8Array,
  o: number,
): void {
  if (!(x >= 0 && y >= 0 && x <= levelWidth && y <= levelHeight)) {
    out[o] = out[o + 1] = out[o + 2] = out[o + 3] = 0;
    return;
  }
  windowCell(x, win.x0, win.width, xCell);
  windowCell(y, win.y0, win.height, yCell);
  const ix = xCell[0];
  const fx = xCell[1];
  const iy = yCell[0];
  const fy = yCell[1];
  const ix1 = fx > 0 ? ix + 1 : ix;
  const iy1 = fy > 0 ? iy + 1 : iy;
  const d = win.data;
  const w = win.width;
  const ch = 'channels' in win ? win.channels : 4;
  const p00 = (iy * w + ix) * ch;
  const p10 = (iy * w + ix1) * ch;
  const p01 = (iy1 * w + ix) * ch;
  const p11 = (iy1 * w + ix1) * ch;
  // weights scaled by alpha so transparent neighbours do not darken the edge
  const opaque = ch === 3;
  const w00 = (1 - fx) * (1 - fy) * (opaque ? 255 : d[p00 + 3]);
  const w10 = fx * (1 - fy) * (opaque ? 255 : d[p10 + 3]);
  const w01 = (1 - fx) * fy * (opaque ? 255 : d[p01 + 3]);
  const w11 = fx * fy * (opaque ? 255 : d[p11 + 3]);
  const wSum = w00 + w10 + w01 + w11;
  if (wSum <= 0) {
    out[o] = out[o + 1] = out[o + 2] = out[o + 3] = 0;
    return;
  }
  for (let c = 0; c < 3; c++) {
    out[o + c] = Math.round((d[p00 + c] * w00 + d[p10 + c] * w10 + d[p01 + c] * w01 + d[p11 + c] * w11) / wSum);
  }
  out[o + 3] = Math.round(wSum);
}
