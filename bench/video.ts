// Opening a long 4K drone video: how long until its frames are listed with telemetry, how long one
// frame takes to decode by time, and how much memory the open video holds. The synthetic video
// (ffmpeg testsrc, 3840×2160, 30 fps, 10 minutes) and its SRT are made once and kept in the temp folder.
// SMGEO_BENCH_FFMPEG_ALT=/path/to/ffmpeg also times frame decoding with another ffmpeg build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractFrameJpeg } from '../src/main/frames/video';
import { openVideo } from '../src/main/frames/video-source';

const MINUTES = Number(process.env.SMGEO_BENCH_VIDEO_MINUTES ?? 10);
const FPS = 30;
const SEGMENT_S = 10;

function clock(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')},${String(Math.floor(ms) % 1000).padStart(3, '0')}`;
}

/** A 10 s 4K segment encoded once, repeated by stream copy: minutes of 4K without minutes of encoding. */
function makeVideo(dir: string): string {
  const file = path.join(dir, `DJI_4K_${MINUTES}min.MP4`);
  if (existsSync(file)) return file;
  const segment = path.join(dir, 'segment.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=3840x2160:rate=${FPS}:duration=${SEGMENT_S}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(FPS), '-pix_fmt', 'yuv420p', segment]);
  const copies = Math.round((MINUTES * 60) / SEGMENT_S);
  writeFileSync(path.join(dir, 'list.txt'), Array.from({ length: copies }, () => `file '${segment}'`).join('\n'));
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', path.join(dir, 'list.txt'), '-c', 'copy', `${file}.part.mp4`]);
  renameSync(`${file}.part.mp4`, file);
  const frames = MINUTES * 60 * FPS;
  const blocks: string[] = [];
  for (let i = 0; i < frames; i++) {
    const ms = (i * 1000) / FPS;
    blocks.push(`${i + 1}\n${clock(ms)} --> ${clock(ms + 1000 / FPS)}\n<font size="28">FrameCnt: ${i + 1}, DiffTime: 33ms\n2024-06-01 10:15:00.000\n[latitude: ${47 + i * 1e-6}] [longitude: ${8 + i * 1e-6}] [rel_alt: 80.000 abs_alt: 520.000] [gb_yaw: 90.0 gb_pitch: -60.0 gb_roll: 0.0]</font>\n`);
  }
  writeFileSync(file.replace(/\.MP4$/, '.SRT'), blocks.join('\n'));
  return file;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, Math.round(performance.now() - t0)];
}

async function decodeMs(video: Awaited<ReturnType<typeof openVideo>>, frames: number[]): Promise<number[]> {
  const out: number[] = [];
  for (const i of frames) out.push((await timed(() => extractFrameJpeg(video.info, i)))[1]);
  return out;
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = path.join(os.tmpdir(), 'smgeo-bench-video');
  mkdirSync(dir, { recursive: true });
  const [file, makeMs] = await timed(async () => makeVideo(dir));
  const rss0 = process.memoryUsage().rss;
  const [video, openMs] = await timed(() => openVideo(file));
  const rssMb = Math.round((process.memoryUsage().rss - rss0) / 2 ** 20);
  const n = video.info.frameCount;
  // Middle of a GOP and a keyframe, far into the file: the seek has to decode up to a second of 4K.
  const picks = [Math.floor(n / 2) + FPS - 1, Math.floor(n / 2), n - 2];
  const debian = await decodeMs(video, picks);
  const report: Record<string, unknown> = {
    video: `${video.info.width}x${video.info.height} ${video.info.fps} fps ${(video.info.durationS / 60).toFixed(1)} min, ${n} frames`,
    make_video_ms: makeMs,
    open_ms: openMs,
    open_rss_growth_mb: rssMb,
    frames_with_telemetry: video.telemetry.size,
    decode_frame_ms: debian,
    ffmpeg: execFileSync('ffmpeg', ['-version']).toString().split('\n')[0],
  };
  const alt = process.env.SMGEO_BENCH_FFMPEG_ALT;
  if (alt) {
    const before = process.env.SMGEO_FFMPEG;
    process.env.SMGEO_FFMPEG = alt;
    try {
      report.alt_ffmpeg = execFileSync(alt, ['-version']).toString().split('\n')[0];
      report.alt_decode_frame_ms = await decodeMs(video, picks);
    } finally {
      if (before === undefined) delete process.env.SMGEO_FFMPEG;
      else process.env.SMGEO_FFMPEG = before;
    }
  }
  report.load_avg_1m = +os.loadavg()[0].toFixed(1);
  report.cpus = os.cpus().length;
  return report;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}
