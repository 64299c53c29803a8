// Frame pixels for the model and frame bytes for the frame pane. A frame is never decoded at a
// size nobody needs: the model gets its Q×Q query straight from the file in one sharp pipeline
// (shrink-on-load for JPEG, streamed rows for PNG/TIFF), so a 16000×16000 frame costs megabytes,
// not gigabytes; anything above MAX_FRAME_PIXELS is refused from its header alone.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import type { RgbImage } from '../image/rgb.js';
import { FramesError } from './errors.js';

/** 16384², libvips' own default ceiling; a larger frame is almost surely not a video frame. */
export const MAX_FRAME_PIXELS = 16384 * 16384;

/** A frame on disk whose upright size is known; pixels are read only at the size asked for. */
export interface FrameFile {
  path: string;
  /** Upright size (EXIF orientation applied), in the pixels clicks are given in. */
  width: number;
  height: number;
  /** The whole frame resized (aspect not kept) to `size`×`size` RGB, as the model's query wants it. */
  readQuery(size: number): Promise<RgbImage>;
  /** The whole frame, aspect kept, with its long side at most `longSide` (never enlarged). */
  readFitted(longSide: number): Promise<RgbImage>;
}

/** The FramesError for a failed decode of `path`: not found, above the pixel limit, or damaged. */
export function failure(path: string, err: unknown): FramesError {
  if (err instanceof FramesError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
    return new FramesError('not-found', `Frame ${path} cannot be read (${code}). Check that the file still exists.`, { cause: err });
  }
  const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
  if (/pixel limit/i.test(why)) return tooLarge(path, null, err);
  return new FramesError(
    'corrupt',
    `Frame ${path} could not be decoded (${why}). The image is damaged or not a JPEG/PNG/TIFF; re-extract it from the video.`,
    { cause: err },
  );
}

function tooLarge(path: string, size: { width: number; height: number } | null, cause?: unknown): FramesError {
  const dims = size ? `${size.width}×${size.height} px` : 'larger than the limit';
  return new FramesError(
    'too-large',
    `Frame ${path} is ${dims}, above the ${Math.round(MAX_FRAME_PIXELS / 1e6)}-megapixel limit for a frame. ` +
      `Scale it down first, e.g. ffmpeg -i ${basename(path)} -vf scale=3840:-1 smaller.jpg.`,
    { cause },
  );
}

/** Every frame decode starts here: the pixel limit holds for the model, the viewer and thumbnails alike. */
export function frameImage(path: string): Sharp {
  return sharp(path, { failOn: 'error', limitInputPixels: MAX_FRAME_PIXELS });
}

/** RGB on black, sRGB, whatever the file held (grey, alpha, CMYK, 16-bit). */
function toRgb(img: Sharp): Sharp {
  return img.flatten({ background: { r: 0, g: 0, b: 0 } }).toColourspace('srgb').removeAlpha();
}

async function rawRgb(img: Sharp): Promise<RgbImage> {
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels instead of 3`);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Reads the frame's header only: its upright size, refused above MAX_FRAME_PIXELS. */
export async function openFrame(path: string): Promise<FrameFile> {
  let meta: sharp.Metadata;
  try {
    // The header alone, without the limit, so that the refusal can say how large the frame is.
    meta = await sharp(path, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw failure(path, err);
  }
  if (!meta.width || !meta.height) throw failure(path, new Error('the image has no size'));
  if (meta.width * meta.height > MAX_FRAME_PIXELS) throw tooLarge(path, meta);
  // Orientations 5–8 turn the image by 90°.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = turned ? meta.height : meta.width;
  const height = turned ? meta.width : meta.height;
  return {
    path,
    width,
    height,
    async readQuery(size: number): Promise<RgbImage> {
      try {
        // One pipeline, file → size×size: rotate, then resize with shrink-on-load; 'fill' and the
        // linear kernel as resizeRgb (the query deliberately does not keep the aspect ratio).
        return await rawRgb(toRgb(frameImage(path).rotate().resize(size, size, { fit: 'fill', kernel: 'linear' })));
      } catch (err) {
        throw failure(path, err);
      }
    },
    async readFitted(longSide: number): Promise<RgbImage> {
      try {
        return await rawRgb(toRgb(frameImage(path).rotate().resize(longSide, longSide, { fit: 'inside', withoutEnlargement: true })));
      } catch (err) {
        throw failure(path, err);
      }
    },
  };
}

/** The whole frame at full resolution (tools and tests; the app asks for openFrame's sizes). */
export async function decodeFrame(path: string): Promise<RgbImage> {
  try {
    return await rawRgb(toRgb(frameImage(path).rotate()));
  } catch (err) {
    throw failure(path, err);
  }
}

const DISPLAY_MIME: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' };

/** Bytes the renderer can show: JPEG and PNG as stored, TIFF (which browsers do not show) as PNG. */
export async function frameForDisplay(path: string): Promise<{ mime: string; body: Buffer }> {
  const mime = DISPLAY_MIME[extname(path).toLowerCase()];
  try {
    if (!mime && !/\.tiff?$/i.test(path)) {
      throw new FramesError('unsupported', `Frame ${basename(path)} is not a JPEG, PNG or TIFF image (${path}).`);
    }
    // The viewer shows the frame at full size: refuse one above the limit before the window tries.
    await openFrame(path);
    if (mime) return { mime, body: await readFile(path) };
    return { mime: 'image/png', body: await frameImage(path).rotate().png().toBuffer() };
  } catch (err) {
    throw failure(path, err);
  }
}
