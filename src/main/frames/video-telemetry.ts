// Telemetry for each video frame from the DJI .SRT beside the video: blocks are placed by their
// time, each frame takes the position interpolated at its own timestamp, and the SRT's FrameCnt
// is checked against the frame that time lands on.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { parseSrtBlocks, type SrtBlock } from './srt.js';
import type { Telemetry } from './telemetry.js';
import { frameTimeS, type VideoInfo } from './video.js';

export interface SrtRecord extends SrtBlock {
  /** DJI's own frame counter (FrameCnt), 1-based; null when the firmware does not write it. */
  frameCnt: number | null;
  /** The date and time the block states (local time of the drone, as written), ISO-like; null if none. */
  takenAt: string | null;
}

const FRAME_CNT = /FrameCnt\s*[:=]?\s*(\d+)/i;
const DATE_TIME = /(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:[.,]\d+)?)/;

/** SRT blocks with DJI's FrameCnt and date line; the position fields are read by parseSrtBlocks. */
export function parseSrtRecords(text: string): SrtRecord[] {
  const blocks = new Map(parseSrtBlocks(text).map((b) => [b.block, b]));
  const out: SrtRecord[] = [];
  for (const chunk of text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const number = /^\s*(\d+)\s*\n/.exec(chunk);
    const block = number ? blocks.get(Number(number[1])) : undefined;
    if (!block || block.startMs === null) continue;
    const cnt = FRAME_CNT.exec(chunk);
    const date = DATE_TIME.exec(chunk);
    out.push({ ...block, frameCnt: cnt ? Number(cnt[1]) : null, takenAt: date ? `${date[1]}T${date[2].replace(',', '.')}` : null });
  }
  return out.sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
}

/** The .SRT that belongs to `video`: same folder, same name, any letter case ("DJI_0042.MP4" → "DJI_0042.SRT"). */
export async function findSrtFor(video: string): Promise<string | null> {
  const stem = basename(video, extname(video)).toLowerCase();
  try {
    const match = (await readdir(dirname(video))).find((n) => /\.srt$/i.test(n) && basename(n, extname(n)).toLowerCase() === stem);
    return match ? join(dirname(video), match) : null;
  } catch {
    return null;
  }
}

function lerp(a: number | undefined, b: number | undefined, f: number): number | undefined {
  return a === undefined || b === undefined ? (f < 0.5 ? a : b) : a + (b - a) * f;
}

function lerpHeading(a: number | undefined, b: number | undefined, f: number): number | undefined {
  if (a === undefined || b === undefined) return f < 0.5 ? a : b;
  const d = ((b - a + 540) % 360) - 180; // the short way round 0°/360°
  return (((a + d * f) % 360) + 360) % 360;
}

function interpolate(a: Telemetry, b: Telemetry, f: number): Telemetry {
  const t: Telemetry = { ...(f < 0.5 ? a : b), lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f, source: 'srt' };
  const alt = lerp(a.altM, b.altM, f);
  const heading = lerpHeading(a.headingDeg, b.headingDeg, f);
  const pitch = lerp(a.pitchDeg, b.pitchDeg, f);
  if (alt !== undefined) t.altM = alt;
  if (heading !== undefined) t.headingDeg = heading;
  if (pitch !== undefined) t.pitchDeg = pitch;
  return t;
}

/** The index of the last record at or before `ms` (binary search; records are sorted by time). */
function recordAtOrBefore(records: SrtRecord[], ms: number): number {
  let lo = 0;
  let hi = records.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((records[mid].startMs ?? 0) <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export interface VideoTelemetry {
  telemetry: Map<number, Telemetry>;
  /** The SRT date and time for each frame that has one. */
  takenAt: Map<number, string>;
  /** What the user should know: counts that disagree, frames the SRT does not cover. */
  notes: string[];
}

/**
 * Telemetry for every frame, interpolated between the SRT records around the frame's time. A
 * frame more than two frame intervals outside the SRT's time span gets none (no guessing).
 */
export function matchSrtToVideo(info: VideoInfo, records: SrtRecord[], srtName: string): VideoTelemetry {
  const telemetry = new Map<number, Telemetry>();
  const takenAt = new Map<number, string>();
  const notes: string[] = [];
  const withPosition = records.filter((r) => r.telemetry);
  if (records.length !== info.frameCount) {
    notes.push(
      `${srtName} has ${records.length} frame records but the video has ${info.frameCount} frames; telemetry is matched to frames by time, not by count.`,
    );
  }
  const slackMs = 2000 / info.fps;
  let cntChecked = 0;
  let cntOff = 0;
  let firstOff = -1;
  for (let i = 0; i < info.frameCount; i++) {
    const ms = frameTimeS(info, i) * 1000;
    const k = recordAtOrBefore(records, ms + 0.5);
    const nearest = k < 0 ? records[0] : k + 1 < records.length && (records[k + 1].startMs ?? 0) - ms < ms - (records[k].startMs ?? 0) ? records[k + 1] : records[k];
    if (nearest && Math.abs((nearest.startMs ?? 0) - ms) <= slackMs) {
      if (nearest.takenAt) takenAt.set(i, nearest.takenAt);
      if (nearest.frameCnt !== null && records.length === info.frameCount) {
        cntChecked++;
        if (nearest.frameCnt !== i + 1) {
          cntOff++;
          if (firstOff < 0) firstOff = i;
        }
      }
    }
    const p = recordAtOrBefore(withPosition, ms + 0.5);
    const a = withPosition[p];
    const b = withPosition[p + 1];
    // SRT times are whole milliseconds: a record within one of the frame's time is that frame's own.
    const own = [a, b].find((r) => r && Math.abs((r.startMs ?? 0) - ms) <= 1);
    if (own) {
      telemetry.set(i, { ...own.telemetry! });
    } else if (a && b) {
      const span = (b.startMs ?? 0) - (a.startMs ?? 0);
      const f = span > 0 ? Math.min(1, Math.max(0, (ms - (a.startMs ?? 0)) / span)) : 0;
      telemetry.set(i, interpolate(a.telemetry!, b.telemetry!, f));
    } else {
      const only = a ?? b;
      if (only && Math.abs((only.startMs ?? 0) - ms) <= slackMs) telemetry.set(i, { ...only.telemetry! });
    }
  }
  if (cntOff > 0) {
    notes.push(`${srtName}: FrameCnt disagrees with the decoded frame at ${cntOff} of ${cntChecked} frames (first at frame ${firstOff + 1}); telemetry follows the timestamps.`);
  }
  const missing = info.frameCount - telemetry.size;
  if (withPosition.length > 0 && missing > 0) notes.push(`${missing} of ${info.frameCount} frames lie outside the time span of ${srtName} and have no telemetry; place the search area by hand for those.`);
  return { telemetry, takenAt, notes };
}

export async function loadVideoTelemetry(info: VideoInfo): Promise<VideoTelemetry & { srt: string | null }> {
  const srt = await findSrtFor(info.path);
  if (!srt) {
    return {
      srt: null,
      telemetry: new Map(),
      takenAt: new Map(),
      notes: [`No .SRT file named like ${basename(info.path)} was found beside it: the frames open without telemetry, so place the search area on the map yourself.`],
    };
  }
  return { srt, ...matchSrtToVideo(info, parseSrtRecords(await readFile(srt, 'utf8')), basename(srt)) };
}
