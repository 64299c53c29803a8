// Scanning a frame folder of 10,000 files (tiny files: the scan never opens them).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { scanFrames } from '../src/main/frames/index.js';

const COUNT = 10_000;

function ensureFolder(): string {
  const dir = join(tmpdir(), 'smgeo-bench', `frames-${COUNT}`);
  if (existsSync(dir) && readdirSync(dir).length >= COUNT + 2) return dir;
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= COUNT; i++) writeFileSync(join(dir, `frame_${i}.jpg`), 'x');
  writeFileSync(join(dir, 'flight.SRT'), '');
  writeFileSync(join(dir, '.DS_Store'), '');
  return dir;
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = ensureFolder();
  const runs: number[] = [];
  let count = 0;
  for (let i = 0; i < 7; i++) {
    const a = performance.now();
    const frames = await scanFrames(dir);
    runs.push(performance.now() - a);
    count = frames.length;
    if (frames[9]?.name !== 'frame_10.jpg') throw new Error('scan order is not natural');
  }
  const sorted = [...runs].sort((x, y) => x - y);
  const r = (v: number) => Math.round(v * 10) / 10;
  return { loadAvg1m: Math.round(loadavg()[0] * 100) / 100, files: count, scanFirstMs: r(runs[0]), scanMedianMs: r(sorted[3]), scanMaxMs: r(sorted[sorted.length - 1]) };
}
