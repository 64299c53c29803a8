// Opening a video as the frames of a project: one entry per frame, decoded only when shown,
// localized or thumbnailed. Full frames live as JPEG files in a small on-disk cache (so the usual
// file-based decoding applies); thumbnails are scaled by ffmpeg while decoding.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { LRUCache } from 'lru-cache';
import type { FrameEntry } from './scan.js';
import type { Telemetry } from './telemetry.js';
import { extractFrameJpeg, frameTimeS, probeVideo, type VideoInfo } from './video.js';
import { loadVideoTelemetry } from './video-telemetry.js';

export interface VideoFrameEntry extends FrameEntry {
  video: VideoInfo;
}

export interface OpenedVideo {
  info: VideoInfo;
  entries: VideoFrameEntry[];
  telemetry: Map<number, Telemetry>;
  takenAt: Map<number, string>;
  srt: string | null;
  notes: string[];
}

export function isVideoEntry(entry: FrameEntry): entry is VideoFrameEntry {
  return (entry as Partial<VideoFrameEntry>).video !== undefined;
}

function clock(s: number): string {
  const ms = Math.round(s * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const sec = ((ms % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${sec}`;
}

/**
 * Progress is in steps: the three ffprobe passes (stream, first timestamps, all timestamps of a
 * variable-rate file), then the SRT. A cancel kills the running ffprobe and rejects with the
 * signal's reason.
 */
export async function openVideo(path: string, options: { progress?: (done: number, total: number) => void; signal?: AbortSignal } = {}): Promise<OpenedVideo> {
  const { progress, signal } = options;
  const abs = resolve(path);
  progress?.(0, 4);
  const info = await probeVideo(abs, { signal, step: (done) => progress?.(done, 4) });
  signal?.throwIfAborted();
  const name = basename(abs);
  const entries: VideoFrameEntry[] = new Array(info.frameCount);
  for (let i = 0; i < info.frameCount; i++) {
    entries[i] = { index: i, name: `${name} ${clock(frameTimeS(info, i))} #${i + 1}`, path: abs, video: info };
  }
  const t = await loadVideoTelemetry(info);
  signal?.throwIfAborted();
  progress?.(4, 4);
  const notes = [...t.notes];
  if (info.variableFrameRate) notes.unshift(`${name} has a variable frame rate: frames are placed by their own timestamps (${info.frameCount} frames, about ${info.fps.toFixed(2)} per second).`);
  return { info, entries, telemetry: t.telemetry, takenAt: t.takenAt, srt: t.srt, notes };
}

// Full-size frames decoded for the frame pane and the model: a few dozen, on disk, never all.
const cacheDir = join(tmpdir(), `smgeo-video-frames-${process.pid}-${randomBytes(3).toString('hex')}`);
const frameFiles = new LRUCache<string, string, { entry: VideoFrameEntry }>({
  max: 32,
  fetchMethod: async (key, _stale, { context }) => {
    const jpeg = await extractFrameJpeg(context.entry.video, context.entry.index);
    mkdirSync(cacheDir, { recursive: true });
    const file = join(cacheDir, `${key.replace(/[^a-z0-9]/gi, '_')}.jpg`);
    writeFileSync(file, jpeg);
    return file;
  },
  dispose: (file) => rmSync(file, { force: true }),
});
const thumbnails = new LRUCache<string, Buffer, { entry: VideoFrameEntry; maxSide: number }>({
  max: 2048,
  maxSize: 32 * 1024 * 1024,
  sizeCalculation: (b) => b.length,
  fetchMethod: (_key, _stale, { context }) => extractFrameJpeg(context.entry.video, context.entry.index, context.maxSide),
});

/** The image file to read for `entry`: the frame file itself, or the video frame decoded into the cache. */
export async function frameFile(entry: FrameEntry): Promise<string> {
  if (!isVideoEntry(entry)) return entry.path;
  const file = await frameFiles.fetch(`${entry.path}#${entry.index}`, { context: { entry } });
  if (!file) throw new Error(`frame ${entry.index} of ${entry.path} decoded to nothing`);
  return file;
}

export async function videoThumbnail(entry: VideoFrameEntry, maxSide = 160): Promise<Buffer> {
  const jpeg = await thumbnails.fetch(`${entry.path}#${entry.index}@${maxSide}`, { context: { entry, maxSide } });
  if (!jpeg) throw new Error(`thumbnail of frame ${entry.index} of ${entry.path} decoded to nothing`);
  return jpeg;
}

process.once('exit', () => rmSync(cacheDir, { recursive: true, force: true }));
