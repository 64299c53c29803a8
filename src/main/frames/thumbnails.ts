// Small JPEG previews for the frame strip, cached in memory by path, size and modification time.
import { stat } from 'node:fs/promises';
import { LruCache } from '../mosaic/lru.js';
import { frameImage } from './decode.js';
import { FramesError } from './errors.js';

const cache = new LruCache<string, Buffer>(4096, 64 * 1024 * 1024, (b) => b.length);

export async function thumbnail(path: string, maxSide = 160): Promise<Buffer> {
  if (!(Number.isInteger(maxSide) && maxSide > 0 && maxSide <= 4096)) {
    throw new RangeError(`thumbnail size ${maxSide} must be an integer between 1 and 4096`);
  }
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(path)).mtimeMs;
  } catch (err) {
    throw new FramesError('not-found', `Frame ${path} cannot be read. Check that the file still exists.`, { cause: err });
  }
  const key = `${path}\0${mtimeMs}\0${maxSide}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let jpeg: Buffer;
  try {
    jpeg = await frameImage(path)
      .rotate()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: { r: 0, g: 0, b: 0 } })
      .jpeg({ quality: 80 })
      .toBuffer();
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new FramesError('corrupt', `Frame ${path} could not be decoded for its thumbnail (${why}). Re-extract it from the video.`, {
      cause: err,
    });
  }
  cache.set(key, jpeg);
  return jpeg;
}

export function clearThumbnailCache(): void {
  cache.clear();
}
