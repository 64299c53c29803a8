// Telemetry for a frame folder: a DJI .SRT beside the frames wins, EXIF GPS fills the gaps.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readExifTelemetry } from './exif.js';
import { compareNatural, type FrameEntry } from './scan.js';
import { mapBlocksToFrames, parseSrtBlocks } from './srt.js';
import type { Telemetry } from './telemetry.js';

const EXIF_CONCURRENCY = 8;

async function findSrt(folder: string): Promise<string | null> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return null;
  }
  const srt = names.filter((n) => !n.startsWith('.') && /\.srt$/i.test(n)).sort(compareNatural);
  return srt.length > 0 ? join(folder, srt[0]) : null;
}

export interface TelemetryProgress {
  /** Frames whose telemetry is settled (from the SRT, or their EXIF read), out of all frames. */
  progress?: (done: number, total: number) => void;
  /** Stops reading EXIF; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export async function loadTelemetry(folder: string, frames: FrameEntry[], options: TelemetryProgress = {}): Promise<Map<number, Telemetry>> {
  const out = new Map<number, Telemetry>();
  const srtPath = await findSrt(folder);
  if (srtPath) {
    const blocks = parseSrtBlocks(await readFile(srtPath, 'utf8'));
    for (const [frameIndex, block] of mapBlocksToFrames(blocks, frames.length)) {
      if (block.telemetry) out.set(frameIndex, block.telemetry);
    }
  }
  const missing = frames.filter((f) => !out.has(f.index));
  let next = 0;
  let settled = frames.length - missing.length;
  options.progress?.(settled, frames.length);
  const worker = async () => {
    while (next < missing.length) {
      options.signal?.throwIfAborted();
      const frame = missing[next++];
      const t = await readExifTelemetry(frame.path);
      if (t) out.set(frame.index, t);
      options.progress?.(++settled, frames.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(EXIF_CONCURRENCY, missing.length) }, worker));
  return out;
}
