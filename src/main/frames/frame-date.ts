// When a frame was taken: the SRT's date line for a video frame, the EXIF capture time for a photo.
import { basename } from 'node:path';
import exifr from 'exifr';
import type { DatedSource } from '../../shared/date-gap';
import { isoDate } from '../mosaic/acquisition-date';
import type { FrameEntry } from './scan.js';
import { isVideoEntry, type OpenedVideo } from './video-source.js';

export async function frameTakenAt(entry: FrameEntry, video?: OpenedVideo): Promise<DatedSource | null> {
  if (isVideoEntry(entry)) {
    const date = video?.takenAt.get(entry.index);
    return date && video?.srt ? { date, source: `${basename(video.srt)} (SRT date line)` } : null;
  }
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
