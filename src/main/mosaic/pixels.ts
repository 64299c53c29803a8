// Turns the samples geotiff.js returns for a window into 8-bit RGBA, whatever the stored layout.
import type { PixelLayout } from './metadata.js';

export interface RgbaWindow {
  x0: number; // window origin in level pixels
  y0: number;
  width: number;
  height: number;
  data: Uint8Array; // RGBA, alpha 0 where there is no data
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
