// Memory for one click (localize.run through the handler) on a 16000×16000 PNG frame: resident
// memory before, at the peak and after, compared with decoding the whole frame as before.
// Measurements only; nothing here passes or fails.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import sharp from 'sharp';
import { decodeFrame } from '../src/main/frames';
import { resizeRgb } from '../src/main/image/rgb';
import { hasGdal } from '../test/helpers/gdal';
import { INSIDE_MOSAIC, makeFramesFolder, makeMosaic, makeSession, tinyModelDir } from '../test/main/handlers/fixtures';

const SIDE = 16_000;
const MiB = 2 ** 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const rss = () => process.memoryUsage.rss();

/** Peak resident memory while `work` runs: the kernel's high-water mark (reset first) and 2 ms samples. */
async function peakDuring(work: () => Promise<unknown>): Promise<number> {
  let canReset = true;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    canReset = false;
  }
  let peak = rss();
  const timer = setInterval(() => (peak = Math.max(peak, rss())), 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, rss());
  if (canReset) {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
  }
  return peak;
}

async function settle(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 300));
  }
  return rss();
}

async function bigPng(dir: string): Promise<string> {
  const file = join(dir, `frame_${SIDE}.png`);
  if (existsSync(file)) return file;
  // A smooth gradient compresses well, like the 750 KB frame of the report.
  const tile = Buffer.alloc(256 * 256 * 3);
  for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) tile.set([x, y, (x + y) >> 1], (y * 256 + x) * 3);
  const tmp = `${file}.tmp`;
  await sharp(tile, { raw: { width: 256, height: 256, channels: 3 } })
    .resize(SIDE, SIDE, { kernel: 'linear' })
    .png({ compressionLevel: 9 })
    .toFile(tmp);
  const { renameSync } = await import('node:fs');
  renameSync(tmp, file);
  return file;
}

export async function run(): Promise<Record<string, unknown>> {
  const modelDir = tinyModelDir();
  if (!modelDir) return { skipped: 'no model at test/fixtures/model-tiny (or SMGEO_TEST_MODEL)' };
  if (!hasGdal()) return { skipped: 'gdal_translate not found (install gdal-bin)' };
  const root = join(tmpdir(), 'smgeo-bench', 'frame-memory');
  mkdirSync(root, { recursive: true });
  const frames = join(root, 'frames');
  await makeFramesFolder(frames, 1);
  const png = await bigPng(frames);
  const t = makeSession(join(root, `run-${process.pid}`), { modelDir });
  try {
    await t.call('project.create', { path: join(root, `run-${process.pid}`, 'p.smgeo') });
    const mosaicId = (await t.call('mosaic.open', { path: await makeMosaic(join(root, 'maps')) })).id;
    await t.call('frames.open', { folder: frames });
    const bigIndex = t.session.requireFrames().entries.find((e) => e.path === png)!.index;
    const click = (frameIndex: number, x: number) => t.call('localize.run', { frameIndex, click: { x, y: x }, centre: INSIDE_MOSAIC, mosaicId });
    // Warm-up on the small frame: model sessions, sharp and the reference chip are loaded once.
    await click(0, 10);
    await click(0, 20);
    const before = await settle();
    const peak = await peakDuring(() => click(bigIndex, 8000));
    const after = await settle();
    // Memory kept after one click is the allocator's to reuse: more clicks must not add to it.
    for (let i = 0; i < 4; i++) await click(bigIndex, 1000 + i * 3000);
    const afterFive = await settle();
    // The old way, for comparison: the whole frame decoded, then resized.
    const oldPeak = await peakDuring(async () => {
      const full = await decodeFrame(png);
      await resizeRgb(full, 128, 128);
    });
    const oldAfter = await settle();
    const r = (b: number) => Math.round((b / MiB) * 10) / 10;
    return {
      frame: `${SIDE}x${SIDE} PNG, ${r(statSync(png).size)} MiB on disk`,
      clickRssBeforeMiB: r(before),
      clickPeakExtraMiB: r(peak - before),
      clickRetainedAfterMiB: r(after - before),
      clickRetainedAfterFiveMiB: r(afterFive - before),
      fullDecodePeakExtraMiB: r(oldPeak - before),
      fullDecodeRetainedAfterMiB: r(oldAfter - before),
      note:
        'extra = resident memory above the level after a warm-up click on a small frame; peak from VmHWM and 2 ms samples. ' +
        'What stays after a click is freed heap that glibc keeps for reuse (MALLOC_MMAP_THRESHOLD_=131072 hands it back at once).',
    };
  } finally {
    await t.session.close();
  }
}
