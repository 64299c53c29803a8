// When a frame was taken: the SRT's date line for a video frame; for a photo its EXIF capture time,
// else the date line of the DJI .SRT beside the frames folder.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import exifr from 'exifr';
import type { DatedSource } from '../../shared/date-gap';
import { isoDate } from '../mosaic/acquisition-date';
import { compareNatural, type FrameEntry } from './scan.js';
import { mapBlocksToFrames } from './srt.js';
import { isVideoEntry, type OpenedVideo } from './video-source.js';
import { parseSrtRecords, type SrtRecord } from './video-telemetry.js';

export interface DatedFrames {
  folder: string;
  entries: FrameEntry[];
  video?: OpenedVideo;
}

async function exifDate(entry: FrameEntry): Promise<DatedSource | null> {
  try {
    // Raw strings: exifr would turn them into Dates in this computer's time zone.
    const tags = (await exifr.parse(entry.path, { tiff: true, exif: true, gps: false, reviveValues: false, pick: ['DateTimeOriginal', 'CreateDate', 'ModifyDate'] })) as
      | Record<string, unknown>
      | undefined;
    for (const tag of ['DateTimeOriginal', 'CreateDate', 'ModifyDate']) {
      const date = isoDate(tags?.[tag]);
      if (date) return { date, source: `EXIF ${tag} of ${entry.name}` };
    }
  } catch {
    // No readable metadata: the frame simply has no date.
  }
  return null;
}

// The folder's SRT dates per frame, read once per SRT file version.
let folderCache: { key: string; srt: string; dates: Map<number, string> } | null = null;

async function folderSrtDate(frames: DatedFrames, index: number): Promise<DatedSource | null> {
  const names = await readdir(frames.folder).catch(() => [] as string[]);
  const srtName = names.filter((n) => !n.startsWith('.') && /\.srt$/i.test(n)).sort(compareNatural)[0];
  if (!srtName) return null;
  const srt = join(frames.folder, srtName);
  const key = `${srt}\0${(await stat(srt)).mtimeMs}\0${frames.entries.length}`;
  if (folderCache?.key !== key) {
    const records = parseSrtRecords(await readFile(srt, 'utf8'));
    const dates = new Map<number, string>();
    for (const [i, block] of mapBlocksToFrames(records, frames.entries.length)) {
      // mapBlocksToFrames hands back the records it was given.
      const takenAt = (block as SrtRecord).takenAt;
      if (takenAt) dates.set(i, takenAt);
    }
    folderCache = { key, srt, dates };
  }
  const date = folderCache.dates.get(index);
  return date ? { date, source: `${basename(srt)} (SRT date line)` } : null;
}

export async function frameTakenAt(entry: FrameEntry, frames?: DatedFrames): Promise<DatedSource | null> {
  if (isVideoEntry(entry)) {
    const video = frames?.video;
    const date = video?.takenAt.get(entry.index);
    return date && video?.srt ? { date, source: `${basename(video.srt)} (SRT date line)` } : null;
  }
  return (await exifDate(entry)) ?? (frames ? await folderSrtDate(frames, entry.index) : null);
}
