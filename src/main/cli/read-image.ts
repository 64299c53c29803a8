import sharp from 'sharp';
import type { RgbImage } from '../image/rgb';
import { UserError } from '../../shared/errors';

/** Decodes any image file sharp reads into 8-bit RGB, upright per its EXIF orientation, alpha flattened on black as frames are. */
export async function readRgbImage(file: string, what: string): Promise<RgbImage> {
  try {
    const { data, info } = await sharp(file, { failOn: 'error' }).rotate().flatten({ background: { r: 0, g: 0, b: 0 } }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (e) {
    throw new CliError(`Cannot read the ${what} image ${file}: ${(e as Error).message}. Give a PNG, JPEG, WebP or TIFF file.`);
  }
}

/** An error whose message is meant for the terminal as is. */
export class CliError extends UserError {
  constructor(message: string) {
    super('usage', message);
    this.name = 'CliError';
  }
}
