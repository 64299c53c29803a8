// Lists the drone frames of a folder in the order an analyst expects (frame_2 before frame_10).
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FramesError } from './errors.js';

export interface FrameEntry {
  index: number; // 0-based, natural sort order
  name: string;
  path: string;
}

const IMAGE_EXTENSION = /\.(jpe?g|png|tiff?)$/i;
const naturalOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function compareNatural(a: string, b: string): number {
  // ties under the collator (e.g. "A.jpg" vs "a.jpg") fall back to code points for a stable order
  return naturalOrder.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function isFrameFileName(name: string): boolean {
  return !name.startsWith('.') && IMAGE_EXTENSION.test(name);
}

export async function scanFrames(folder: string): Promise<FrameEntry[]> {
  const abs = resolve(folder);
  let entries;
  try {
    entries = await readdir(abs, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOTDIR' ? 'is not a folder' : code === 'EACCES' ? 'cannot be read (permission denied)' : 'does not exist';
    throw new FramesError('not-found', `Frame folder ${abs} ${why}. Choose the folder that holds the drone frames.`, {
      cause: err,
    });
  }
  const names = entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && isFrameFileName(e.name))
    .map((e) => e.name)
    .sort(compareNatural);
  if (names.length === 0) {
    throw new FramesError(
      'no-images',
      `Folder ${abs} holds no frames (.jpg, .jpeg, .png, .tif, .tiff). Extract frames from the video first, ` +
        `e.g. ffmpeg -i video.mp4 -vf fps=1 frame_%05d.jpg.`,
    );
  }
  return names.map((name, index) => ({ index, name, path: join(abs, name) }));
}
