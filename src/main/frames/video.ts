// Drone video as a frame source: ffprobe reads the timing, ffmpeg decodes one frame at a time by
// its timestamp, so a 10-minute 4K file opens in seconds and is never held in memory whole.
import { execFile, spawn } from 'node:child_process';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { FramesError } from './errors.js';

const execFileAsync = promisify(execFile);

export const VIDEO_EXTENSION = /\.(mp4|mov|m4v)$/i;
export const FFMPEG_INSTALL = 'Install ffmpeg (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg) or set SMGEO_FFMPEG and SMGEO_FFPROBE to its binaries.';

export function isVideoFileName(name: string): boolean {
  return !basename(name).startsWith('.') && VIDEO_EXTENSION.test(name);
}

export const ffmpegBinary = (): string => process.env.SMGEO_FFMPEG || 'ffmpeg';
export const ffprobeBinary = (): string => process.env.SMGEO_FFPROBE || 'ffprobe';

export interface VideoInfo {
  path: string;
  codec: string;
  width: number;
  height: number;
  /** Nominal frames per second (the average rate for a variable-rate file). */
  fps: number;
  durationS: number;
  frameCount: number;
  /** Variable frame rate: frames are then placed by their own timestamps, not by index / fps. */
  variableFrameRate: boolean;
  /** Presentation time of each frame from the start of the video, seconds; only for variable-rate files. */
  frameTimesS: Float64Array | null;
}

interface ProbeStream {
  codec_name?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  nb_frames?: string;
  duration?: string;
  start_time?: string;
}

function rate(text: string | undefined): number {
  const [n, d] = (text ?? '0/0').split('/').map(Number);
  return d > 0 && Number.isFinite(n / d) ? n / d : 0;
}

async function ffprobe(path: string, args: string[], signal?: AbortSignal): Promise<string> {
  try {
    const { stdout } = await execFileAsync(ffprobeBinary(), ['-v', 'error', ...args, path], { maxBuffer: 256 * 1024 * 1024, signal });
    return stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    // A cancel kills ffprobe: not a damaged file.
    if (signal?.aborted) throw signal.reason;
    if (e.code === 'ENOENT') throw new FramesError('unsupported', `Cannot open the video ${path}: ffprobe was not found. ${FFMPEG_INSTALL}`, { cause: err });
    const why = (e.stderr ?? e.message).trim().split('\n').pop();
    throw new FramesError('corrupt', `The video ${path} could not be read (${why}). The file is damaged, incomplete (a copy that did not finish?) or not a video; copy it again from the drone's card.`, { cause: err });
  }
}

/** Packet timestamps of the video stream (all of them, or the first `limit`), sorted, from the stream start. */
async function frameTimes(path: string, startS: number, limit?: number, signal?: AbortSignal): Promise<number[]> {
  const interval = limit ? ['-read_intervals', `%+#${limit}`] : [];
  const out = await ffprobe(path, ['-select_streams', 'v:0', ...interval, '-show_entries', 'packet=pts_time', '-of', 'csv=p=0'], signal);
  return out
    .split('\n')
    .map((l) => Number.parseFloat(l))
    .filter(Number.isFinite)
    .map((t) => t - startS)
    .sort((a, b) => a - b);
}

/** A frame rate whose frame-to-frame spacing varies by more than a fifth (phones, some DJI modes). */
function isVariable(times: number[]): boolean {
  if (times.length < 3) return false;
  const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  const median = gaps[gaps.length >> 1];
  return median > 0 && (gaps[gaps.length - 1] - gaps[0]) / median > 0.2;
}

/** `step` is told as each of the (up to) three ffprobe passes ends; `signal` kills the one running. */
export async function probeVideo(path: string, options: { signal?: AbortSignal; step?: (done: number, total: number) => void } = {}): Promise<VideoInfo> {
  const { signal, step } = options;
  const json = JSON.parse(
    await ffprobe(path, ['-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,r_frame_rate,avg_frame_rate,nb_frames,duration,start_time:format=duration', '-of', 'json'], signal),
  ) as { streams?: ProbeStream[]; format?: { duration?: string } };
  const s = json.streams?.[0];
  if (!s || !s.width || !s.height) {
    throw new FramesError('corrupt', `The file ${path} holds no video stream ffmpeg can decode. Choose the drone's MP4 or MOV file.`);
  }
  const startS = Number.parseFloat(s.start_time ?? '0') || 0;
  const durationS = Number.parseFloat(s.duration ?? json.format?.duration ?? '') || 0;
  step?.(1, 3);
  const head = await frameTimes(path, startS, 300, signal);
  step?.(2, 3);
  const vfr = isVariable(head) || Math.abs(rate(s.r_frame_rate) - rate(s.avg_frame_rate)) > 0.01 * rate(s.r_frame_rate);
  const fps = rate(s.avg_frame_rate) || rate(s.r_frame_rate);
  if (!(fps > 0) || head.length === 0) {
    throw new FramesError('corrupt', `The video ${path} has no readable frames (no frame rate or timestamps). The file is damaged; copy it again from the drone's card.`);
  }
  // A variable-rate file needs every frame's timestamp; a constant-rate one is index / fps.
  const all = vfr ? Float64Array.from(await frameTimes(path, startS, undefined, signal)) : null;
  step?.(3, 3);
  const counted = Number.parseInt(s.nb_frames ?? '', 10);
  const frameCount = all ? all.length : Number.isFinite(counted) && counted > 0 ? counted : Math.max(1, Math.round(durationS * fps));
  return { path, codec: s.codec_name ?? 'unknown', width: s.width, height: s.height, fps, durationS, frameCount, variableFrameRate: vfr, frameTimesS: all };
}

/** Seconds from the start of the video at which frame `index` is shown. */
export function frameTimeS(info: VideoInfo, index: number): number {
  return info.frameTimesS ? info.frameTimesS[index] : index / info.fps;
}

/**
 * A seek time that lands on frame `index` exactly: ffmpeg's input seek decodes from the previous
 * keyframe and outputs the first frame at or after the time, so aim a quarter frame early.
 */
function seekTimeS(info: VideoInfo, index: number): number {
  const t = frameTimeS(info, index);
  const previous = index > 0 ? frameTimeS(info, index - 1) : t - 1 / info.fps;
  return Math.max(0, t - (t - previous) / 4);
}

/** One frame as JPEG (optionally scaled to fit `maxSide`), decoded by ffmpeg at its timestamp. */
export function extractFrameJpeg(info: VideoInfo, index: number, maxSide?: number): Promise<Buffer> {
  if (!(Number.isInteger(index) && index >= 0 && index < info.frameCount)) {
    return Promise.reject(new FramesError('not-found', `The video ${info.path} has no frame ${index} (it has ${info.frameCount}).`));
  }
  const scale = maxSide ? ['-vf', `scale=w=${maxSide}:h=${maxSide}:force_original_aspect_ratio=decrease`] : [];
  const args = ['-v', 'error', '-nostdin', '-ss', seekTimeS(info, index).toFixed(6), '-i', info.path, '-frames:v', '1', ...scale, '-q:v', '2', '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1'];
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(new FramesError('unsupported', `Cannot decode frames of ${info.path}: ${e.code === 'ENOENT' ? 'ffmpeg was not found' : e.message}. ${FFMPEG_INSTALL}`, { cause: e })),
    );
    child.on('close', (code) => {
      const jpeg = Buffer.concat(out);
      if (code === 0 && jpeg.length > 0) return resolve(jpeg);
      reject(new FramesError('corrupt', `Frame ${index} of the video ${info.path} could not be decoded (${err.trim().split('\n').pop() || `ffmpeg exit ${code}`}). The file may be damaged near ${frameTimeS(info, index).toFixed(2)} s.`));
    });
  });
}
