// Frame pixels for the model and frame bytes for the frame pane.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import sharp from 'sharp';
import type { RgbImage } from '../image/rgb.js';
import { FramesError } from './errors.js';

function failure(path: string, err: unknown): FramesError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
    return new FramesError('not-found', `Frame ${path} cannot be read (${code}). Check that the file still exists.`, { cause: err });
  }
  const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return new FramesError(
    'corrupt',
    `Frame ${path} could not be decoded (${why}). The image is damaged or not a JPEG/PNG/TIFF; re-extract it from the video.`,
    { cause: err },
  );
}

export async function decodeFrame(path: string): Promise<RgbImage> {
  try {
    const { data, info } = await sharp(path, { failOn: 'error' })
      .rotate() // honour the EXIF orientation
      .flatten({ background: { r: 0, g: 0, b: 0 } })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels instead of 3`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (err) {
    throw failure(path, err);
  }
}

const DISPLAY_MIME: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' };

/** Bytes the renderer can show: JPEG and PNG as stored, TIFF (which browsers do not show) as PNG. */
export async function frameForDisplay(path: string): Promise<{ mime: string; body: Buffer }> {
  const mime = DISPLAY_MIME[extname(path).toLowerCase()];
  try {
    if (mime) return { mime, body: await readFile(path) };
    if (!/\.tiff?$/i.test(path)) {
      throw new FramesError('unsupported', `Frame ${basename(path)} is not a JPEG, PNG or TIFF image (${path}).`);
    }
    return { mime: 'image/png', body: await sharp(path, { failOn: 'error' }).rotate().png().toBuffer() };
  } catch (err) {
    if (err instanceof FramesError) throw err;
    throw failure(path, err);
  }
}
