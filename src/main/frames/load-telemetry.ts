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

export async function loadTelemetry(folder: string, frames: FrameEntry[]): Promise<Map<number, Telemetry>> {
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
  const worker = async () => {
    while (next < missing.length) {
      const frame = missing[next++];
      const t = await readExifTelemetry(frame.path);
      if (t) out.set(frame.index, t);
    }
  };
  await Promise.all(Array.from({ length: Math.min(EXIF_CONCURRENCY, missing.length) }, worker));
  return out;
}
