// Turns the samples geotiff.js returns for a window into 8-bit RGBA, whatever the stored layout.
import type { PixelLayout } from './metadata.js';

export interface RgbaWindow {
  x0: number; // window origin in level pixels
  y0: number;
  width: number;
  height: number;
  data: Uint8Array; // RGBA, alpha 0 where there is no data
}

/**
 * Level pixels, either opaque RGB (3 bytes a pixel, the common case served straight from the
 * decoder) or RGBA (4 bytes, alpha 0 where there is no data); rows are width × channels bytes.
 */
export interface PixelWindow {
  x0: number;
  y0: number;
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array;
}

function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

export function samplesToRgba(raw: ArrayLike<number>, pixelCount: number, layout: PixelLayout): Uint8Array {
  const n = layout.samples.length;
  const out = new Uint8Array(pixelCount * 4);
  const s = layout.stretch;
  const gain = s ? 255 / (s.high - s.low) : 1;
  const low = s ? s.low : 0;
  const toByte = s ? (v: number) => clampByte((v - low) * gain) : (v: number) => v;
  const noData = layout.noData;
  const grey = layout.colour === 'grey' || layout.colour === 'grey-inverted';
  const invert = layout.colour === 'grey-inverted';
  const ycc = layout.colour === 'ycbcr';
  const alphaIndex = layout.hasAlpha ? n - 1 : -1;
  for (let p = 0, i = 0, o = 0; p < pixelCount; p++, i += n, o += 4) {
    let a = 255;
    if (alphaIndex >= 0) a = s ? (raw[i + alphaIndex] > 0 ? 255 : 0) : raw[i + alphaIndex];
    if (grey) {
      const v0 = raw[i];
      if (v0 === noData || Number.isNaN(v0)) a = 0;
      let v = toByte(v0);
      if (invert) v = 255 - v;
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
    } else {
      const r0 = raw[i];
      const g0 = raw[i + 1];
      const b0 = raw[i + 2];
      if (noData !== null && r0 === noData && g0 === noData && b0 === noData) a = 0;
      if (ycc) {
        // JPEG-in-TIFF YCbCr as GDAL writes it (full range, ITU-R BT.601)
        const cb = g0 - 128;
        const cr = b0 - 128;
        out[o] = clampByte(r0 + 1.402 * cr);
        out[o + 1] = clampByte(r0 - 0.344136 * cb - 0.714136 * cr);
        out[o + 2] = clampByte(r0 + 1.772 * cb);
      } else {
        out[o] = toByte(r0);
        out[o + 1] = toByte(g0);
        out[o + 2] = toByte(b0);
      }
    }
    out[o + 3] = a;
  }
  return out;
}

/**
 * RGBA of a block of 8-bit samples stored pixel-interleaved (a decoded TIFF tile or strip):
 * `samplesPerPixel` bytes per pixel, `rowStride` bytes per row; reads `layout.samples` of the
 * top-left width×height pixels. Same colour rules as samplesToRgba, without per-sample calls.
 */
export function interleavedBytesToRgba(
  src: Uint8Array,
  samplesPerPixel: number,
  rowStride: number,
  width: number,
  height: number,
  layout: PixelLayout,
): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  const spp = samplesPerPixel;
  const sel = layout.samples;
  const noData = layout.noData;
  const alphaAt = layout.hasAlpha ? sel[sel.length - 1] : -1;
  const grey = layout.colour === 'grey' || layout.colour === 'grey-inverted';
  if (grey) {
    const invert = layout.colour === 'grey-inverted';
    const s0 = sel[0];
    for (let y = 0, o = 0; y < height; y++) {
      for (let x = 0, i = y * rowStride; x < width; x++, i += spp, o += 4) {
        const v0 = src[i + s0];
        const v = invert ? 255 - v0 : v0;
        out[o] = v;
        out[o + 1] = v;
        out[o + 2] = v;
        out[o + 3] = v0 === noData ? 0 : alphaAt >= 0 ? src[i + alphaAt] : 255;
      }
    }
    return out;
  }
  const [sr, sg, sb] = sel;
  if (layout.colour === 'ycbcr') {
    for (let y = 0, o = 0; y < height; y++) {
      for (let x = 0, i = y * rowStride; x < width; x++, i += spp, o += 4) {
        const r0 = src[i + sr];
        const g0 = src[i + sg];
        const b0 = src[i + sb];
        const cb = g0 - 128;
        const cr = b0 - 128;
        out[o] = clampByte(r0 + 1.402 * cr);
        out[o + 1] = clampByte(r0 - 0.344136 * cb - 0.714136 * cr);
        out[o + 2] = clampByte(r0 + 1.772 * cb);
        const noDataPixel = noData !== null && r0 === noData && g0 === noData && b0 === noData;
        out[o + 3] = noDataPixel ? 0 : alphaAt >= 0 ? src[i + alphaAt] : 255;
      }
    }
    return out;
  }
  if (noData === null && alphaAt < 0 && spp === 3 && sr === 0 && sg === 1 && sb === 2) {
    // the common case (JPEG/YCbCr decoded to RGB by libjpeg, plain RGB): add an opaque alpha
    for (let y = 0, o = 0; y < height; y++) {
      for (let x = 0, i = y * rowStride; x < width; x++, i += 3, o += 4) {
        out[o] = src[i];
        out[o + 1] = src[i + 1];
        out[o + 2] = src[i + 2];
        out[o + 3] = 255;
      }
    }
    return out;
  }
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0, i = y * rowStride; x < width; x++, i += spp, o += 4) {
      const r0 = src[i + sr];
      const g0 = src[i + sg];
      const b0 = src[i + sb];
      out[o] = r0;
      out[o + 1] = g0;
      out[o + 2] = b0;
      const noDataPixel = noData !== null && r0 === noData && g0 === noData && b0 === noData;
      out[o + 3] = noDataPixel ? 0 : alphaAt >= 0 ? src[i + alphaAt] : 255;
    }
  }
  return out;
}
