/** Pixel → tensor conversions; must match training/smgeo/utils/{normalize,click}.py exactly. */

export interface RgbPixels {
  width: number;
  height: number;
  /** RGB interleaved, 3 bytes per pixel. */
  data: Uint8Array;
}

export interface Normalization {
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

/** Interleaved RGB bytes → CHW float32, rgb/255 then (x − mean)/std, written into `out` at `offset`. */
export function normalizeRgbChw(img: RgbPixels, norm: Normalization, out?: Float32Array, offset = 0): Float32Array {
  const plane = img.width * img.height;
  if (img.data.length !== plane * 3) {
    throw new Error(`image data has ${img.data.length} bytes, expected ${plane * 3} for ${img.width}×${img.height} RGB`);
  }
  const target = out ?? new Float32Array(plane * 3);
  for (let c = 0; c < 3; c++) {
    // Folding /255, −mean and /std into one multiply-add keeps this loop cheap on big chips.
    const scale = 1 / (255 * norm.std[c]!);
    const shift = -norm.mean[c]! / norm.std[c]!;
    const base = offset + c * plane;
    for (let p = 0, s = c; p < plane; p++, s += 3) target[base + p] = img.data[s]! * scale + shift;
  }
  return target;
}

/**
 * The click prompt channel (1 − d/diag)², clamped at 0, for a click at (x, y) in Q-scaled pixels.
 * Pixel (i, j) sits at (i + 0.5, j + 0.5), as in training, so a frame click scales by plain multiplication.
 */
export function clickChannel(size: number, x: number, y: number, out?: Float32Array, offset = 0): Float32Array {
  const target = out ?? new Float32Array(size * size);
  const diag = size * Math.SQRT2;
  for (let j = 0; j < size; j++) {
    const dy = j + 0.5 - y;
    const row = offset + j * size;
    for (let i = 0; i < size; i++) {
      const dx = i + 0.5 - x;
      const v = Math.max(0, 1 - Math.sqrt(dx * dx + dy * dy) / diag);
      target[row + i] = v * v;
    }
  }
  return target;
}

/** The 4-channel query tensor data [3 normalised RGB planes, click plane] for a Q×Q image. */
export function queryTensorData(img: RgbPixels, clickQ: { x: number; y: number }, norm: Normalization): Float32Array {
  if (img.width !== img.height) throw new Error(`query must be square, got ${img.width}×${img.height}`);
  const plane = img.width * img.height;
  const out = new Float32Array(plane * 4);
  normalizeRgbChw(img, norm, out, 0);
  clickChannel(img.width, clickQ.x, clickQ.y, out, plane * 3);
  return out;
}

/** A frame-pixel click mapped onto the Q×Q query (aspect not kept, like the resize). */
export function scaleClick(click: { x: number; y: number }, frame: { width: number; height: number }, size: number): { x: number; y: number } {
  return { x: (click.x * size) / frame.width, y: (click.y * size) / frame.height };
}
