// Small JPEG previews for the frame strip, cached in memory by path, size and modification time.
import { stat } from 'node:fs/promises';
import { LRUCache } from 'lru-cache';
import { failure, frameImage } from './decode.js';
import { FramesError } from './errors.js';

const cache = new LRUCache<string, Buffer, { path: string; maxSide: number }>({
  max: 4096,
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (b) => b.length,
  fetchMethod: (_key, _stale, { context }) => encodeThumbnail(context.path, context.maxSide),
  ignoreFetchAbort: true,
});

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
  // Concurrent requests for one thumbnail share one encode.
  const jpeg = await cache.fetch(`${path}\0${mtimeMs}\0${maxSide}`, { context: { path, maxSide } });
  if (!jpeg) throw new Error(`thumbnail of ${path} encoded to nothing`);
  return jpeg;
}

async function encodeThumbnail(path: string, maxSide: number): Promise<Buffer> {
  try {
    return await frameImage(path)
      .rotate()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: { r: 0, g: 0, b: 0 } })
      .jpeg({ quality: 80 })
      .toBuffer();
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    if (/pixel limit/i.test(why)) throw failure(path, err);
    throw new FramesError('corrupt', `Frame ${path} could not be decoded for its thumbnail (${why}). Re-extract it from the video.`, {
      cause: err,
    });
  }
}

export function clearThumbnailCache(): void {
  cache.clear();
}
