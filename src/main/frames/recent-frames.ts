// The frames last clicked, kept opened with the queries the model read from them: an analyst
// clicks several objects on one frame, and each click would otherwise read the file's header and
// decode it to Q×Q again (about 3 ms of a 25 ms click). A changed file (size, time or inode) is
// read afresh.
import { stat } from 'node:fs/promises';
import { LRUCache } from 'lru-cache';
import type { RgbImage } from '../image/rgb.js';
import { failure, openFrame, type FrameFile } from './decode.js';

interface Kept {
  stamp: string;
  frame: FrameFile;
}

export class RecentFrames {
  private readonly kept: LRUCache<string, Kept, string>;

  /** `max` frames; each holds its header and one Q×Q RGB query per size asked (49 KB at Q = 128). */
  constructor(max = 8) {
    this.kept = new LRUCache<string, Kept, string>({
      max,
      // fetch() shares one open between clicks that arrive while the frame is being opened.
      fetchMethod: async (path, _stale, { context: stamp }) => ({ stamp, frame: remembering(await openFrame(path)) }),
    });
  }

  /** openFrame(path), whose readQuery answers a size it read before from memory. */
  async open(path: string): Promise<FrameFile> {
    let stamp: string;
    try {
      const s = await stat(path);
      stamp = `${s.size}:${s.mtimeMs}:${s.ino}`;
    } catch (err) {
      throw failure(path, err);
    }
    const known = this.kept.peek(path);
    if (known && known.stamp !== stamp) this.kept.delete(path);
    let kept = await this.kept.fetch(path, { context: stamp });
    // An open already under way when the file changed answers for the old file: open it again.
    if (kept && kept.stamp !== stamp) {
      this.kept.delete(path);
      kept = await this.kept.fetch(path, { context: stamp });
    }
    if (!kept) throw failure(path, new Error('the frame could not be opened'));
    return kept.frame;
  }

  clear(): void {
    this.kept.clear();
  }
}

function remembering(frame: FrameFile): FrameFile {
  const queries = new Map<number, Promise<RgbImage>>();
  return {
    ...frame,
    readQuery(size: number): Promise<RgbImage> {
      let query = queries.get(size);
      if (!query) {
        query = frame.readQuery(size);
        queries.set(size, query);
        // A failed read is not kept: the next click tries the file again.
        query.catch(() => queries.delete(size));
      }
      return query;
    },
  };
}
