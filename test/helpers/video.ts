// Small test videos made on the spot with ffmpeg (never committed): each frame a flat colour of its
// own, so a decoded frame tells which frame it is.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

export const FFMPEG_INSTALL_LINE = 'sudo apt-get install ffmpeg (Debian/Ubuntu) or brew install ffmpeg (macOS)';

export function requireFfmpeg(): void {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    execFileSync('ffprobe', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error(`ffmpeg/ffprobe are not installed; the video tests make their videos with them. Install them: ${FFMPEG_INSTALL_LINE}`);
  }
}

/** The colour of frame i: far enough from every other frame's colour to survive H.264. */
export function frameColour(i: number): [number, number, number] {
  return [(i * 53 + 20) % 256, (i * 97 + 80) % 256, (i * 151 + 160) % 256];
}

export interface VideoSpec {
  frames: number;
  fps?: number;
  width?: number;
  height?: number;
  /** Seconds each frame is shown; makes a variable-frame-rate file. */
  durations?: number[];
}

export async function makeVideo(dir: string, name: string, spec: VideoSpec): Promise<string> {
  const src = join(dir, `${name}-src`);
  mkdirSync(src, { recursive: true });
  const w = spec.width ?? 64;
  const h = spec.height ?? 48;
  for (let i = 0; i < spec.frames; i++) {
    const [r, g, b] = frameColour(i);
    await sharp({ create: { width: w, height: h, channels: 3, background: { r, g, b } } }).png().toFile(join(src, `f_${String(i).padStart(4, '0')}.png`));
  }
  const out = join(dir, name);
  const encode = ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '12', '-crf', '12', '-y', out];
  if (spec.durations) {
    const list = spec.durations.map((d, i) => `file 'f_${String(i).padStart(4, '0')}.png'\nduration ${d}`).join('\n');
    writeFileSync(join(src, 'list.txt'), `ffconcat version 1.0\n${list}\n`);
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'concat', '-safe', '0', '-i', join(src, 'list.txt'), '-fps_mode', 'vfr', ...encode]);
  } else {
    execFileSync('ffmpeg', ['-v', 'error', '-framerate', String(spec.fps ?? 30), '-i', join(src, 'f_%04d.png'), ...encode]);
  }
  return out;
}

/** A DJI-style SRT: one block per record, FrameCnt, the date line, position and gimbal. */
export function writeDjiSrt(file: string, records: { ms: number; frameCnt: number; lat: number; lon: number; yaw?: number }[], date = '2024-06-01'): void {
  const t = (ms: number) => {
    const h = Math.floor(ms / 3_600_000);
    const m = Math.floor(ms / 60_000) % 60;
    const s = Math.floor(ms / 1000) % 60;
    return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')},${String(Math.round(ms) % 1000).padStart(3, '0')}`;
  };
  const blocks = records.map((r, i) => {
    const end = records[i + 1]?.ms ?? r.ms + 33;
    return `${i + 1}\n${t(r.ms)} --> ${t(end)}\n<font size="28">FrameCnt: ${r.frameCnt}, DiffTime: 33ms\n${date} 10:15:${String(Math.floor(r.ms / 1000) % 60).padStart(2, '0')}.${String(Math.round(r.ms) % 1000).padStart(3, '0')}\n[iso: 100] [latitude: ${r.lat}] [longitude: ${r.lon}] [rel_alt: 80.000 abs_alt: 520.000] [gb_yaw: ${r.yaw ?? 90} gb_pitch: -60.0 gb_roll: 0.0]</font>\n`;
  });
  writeFileSync(file, blocks.join('\n'));
}
