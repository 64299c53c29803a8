// Model runtime figures per model folder: load time, reference encoding per chip, per-click
// latency with a cached reference (model only, and the whole localize use case minus the
// mosaic read). Measurements only; nothing here passes or fails.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RgbImage } from '../src/main/image/rgb';
import { localizeClick } from '../src/main/localize';
import { LoadedModel, ReferenceCache, type ProviderChoice } from '../src/main/model';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHIPS = 5;
const CLICKS = 40;
/** Big presets on a small CPU take seconds per run: stop a series after this long (but keep ≥ MIN_RUNS). */
const SERIES_BUDGET_MS = 60_000;
const MIN_RUNS = 3;

/** Times `step(i)` up to `max` times or until the budget is spent. */
async function timeSeries(max: number, step: (i: number) => Promise<number | void>): Promise<number[]> {
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < max; i++) {
    if (times.length >= MIN_RUNS && performance.now() - started > SERIES_BUDGET_MS) break;
    const s = performance.now();
    const reported = await step(i);
    times.push(typeof reported === 'number' ? reported : performance.now() - s);
  }
  return times;
}

function texture(width: number, height: number, seed: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    data[i] = s >>> 24;
  }
  return { width, height, data };
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function stats(ms: number[]): { p50: number; p95: number; mean: number; n: number } {
  const s = [...ms].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 100) / 100;
  return { p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), mean: r(s.reduce((a, b) => a + b, 0) / s.length), n: s.length };
}

/** An in-memory UTM mosaic so the use-case timing excludes GeoTIFF I/O (the mosaic bench covers that). */
function memoryMosaic(chip: RgbImage) {
  const origin = [465_000, 5_247_000];
  return {
    info: { id: 'bench', path: 'memory', crs: { code: 'EPSG:32632' } },
    lonLatToCrs: (lon: number, lat: number): [number, number] => [origin[0]! + (lon - 8.54) * 75_000, origin[1]! + (lat - 47.37) * 111_000],
    crsToLonLat: (X: number, Y: number): [number, number] => [8.54 + (X - origin[0]!) / 75_000, 47.37 + (Y - origin[1]!) / 111_000],
    metresToCrsUnits: () => 1,
    readWindowCrs: async () => chip,
  };
}

async function benchModel(dir: string, provider: ProviderChoice): Promise<Record<string, unknown>> {
  if (!existsSync(path.join(dir, 'model_card.json'))) return { dir, skipped: `no model_card.json in ${dir}` };
  const t0 = performance.now();
  const model = await LoadedModel.load(dir, { provider });
  const loadMs = performance.now() - t0;
  try {
    const r = model.card.reference_size;
    const frame = texture(1920, 1080, 1);
    const chips = Array.from({ length: CHIPS + 1 }, (_, i) => texture(r, r, 100 + i));
    let feats = await model.encodeReference(chips[0]!); // warm-up: first run allocates
    const encodeMs = await timeSeries(CHIPS, async (i) => {
      feats = await model.encodeReference(chips[i + 1]!);
    });
    const clickAt = (i: number) => ({ x: (i * 397) % 1920, y: (i * 211) % 1080 });
    await model.localize(feats, frame, { x: 10, y: 10 });
    const clickMs = await timeSeries(CLICKS, async (i) => {
      await model.localize(feats, frame, clickAt(i));
    });
    const mosaic = memoryMosaic(chips[0]!);
    const cache = new ReferenceCache(2);
    const centre = { lon: 8.55, lat: 47.38 };
    await localizeClick({ mosaic, model, cache, frame, click: { x: 5, y: 5 }, centre });
    const useCaseMs = await timeSeries(CLICKS, async (i) => (await localizeClick({ mosaic, model, cache, frame, click: clickAt(i), centre })).timings.totalMs);
    return {
      dir: path.relative(ROOT, dir) || dir,
      modelId: model.card.model_id,
      preset: model.card.preset,
      querySize: model.card.query_size,
      referenceSize: r,
      provider: model.provider,
      providerNotes: model.providerNotes,
      intraOpThreads: model.threads,
      loadMs: Math.round(loadMs),
      referenceEncodeMs: stats(encodeMs),
      clickCachedReferenceMs: stats(clickMs),
      localizeClickCachedReferenceMs: stats(useCaseMs),
      frame: '1920x1080 decoded pixels; every click pays its Q×Q resize (the app reads the Q×Q query from the file instead)',
    };
  } finally {
    await model.close();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const provider = (process.env.SMGEO_BENCH_PROVIDER ?? 'auto') as ProviderChoice;
  const dirs: [string, string][] = [
    ['shipped', path.join(ROOT, 'resources/models')],
    ['tiny', path.join(ROOT, 'test/fixtures/model-tiny')],
  ];
  if (process.env.SMGEO_PAPER_MODEL) dirs.push(['paper', path.resolve(process.env.SMGEO_PAPER_MODEL)]);
  const report: Record<string, unknown> = {};
  for (const [name, dir] of dirs) {
    try {
      report[name] = await benchModel(dir, provider);
    } catch (e) {
      report[name] = { dir, error: (e as Error).message };
    }
  }
  if (!process.env.SMGEO_PAPER_MODEL) report.paper = { skipped: 'set SMGEO_PAPER_MODEL to a paper-preset export folder to measure it' };
  return report;
}
