// Export and store throughput. Figures are wall-clock ms on this machine; compare runs on the same one.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { objectToFeature, writeCsv, writeFileAtomic, writeGeoJSON } from '../src/main/export';
import { ExportJobs, type ExportJobResult } from '../src/main/export/jobs';
import { ProjectStore, type LocatedObject, type LonLat, type NewLocatedObject } from '../src/main/store';
import { clockwiseBox } from '../test/main/store/sample-object';

const EXPORT_OBJECTS = 100_000;
const INSERT_OBJECTS = 1_000;

/** A small random clockwise box near Zurich, like one the model returns. */
function box(rand: () => number): LonLat[] {
  return clockwiseBox(8.4 + rand() * 0.3, 47.3 + rand() * 0.2, 0.00005 + rand() * 0.0002);
}

function newObject(i: number, rand: () => number): NewLocatedObject {
  const candidates = Array.from({ length: 5 }, (_, k) => ({
    score: Math.round((0.95 - k * 0.15) * 1e4) / 1e4,
    chipBox: [100 + k, 110 + k, 130 + k, 140 + k] as [number, number, number, number],
    ring: box(rand),
  }));
  return {
    status: i % 10 === 0 ? 'corrected' : 'accepted',
    frame: { index: i % 5000, name: `DJI_${String(i % 5000).padStart(4, '0')}.jpg` },
    click: { x: rand() * 1920, y: rand() * 1080 },
    telemetry: { lat: 47.37, lon: 8.54, altM: 120, headingDeg: 35, pitchDeg: -45, source: 'srt' },
    searchCentre: { lon: 8.54, lat: 47.37, source: 'telemetry' },
    chip: { mosaicPath: '/data/zurich.tif', crs: 'EPSG:2056', bounds: [2683000, 1247000, 2683256, 1247256], gsdM: 1, size: 256 },
    model: { id: 'smgeo-nano-synth-2026.11', sha256: 'ab'.repeat(32), provider: 'cpu' },
    candidates,
    chosen: 0,
    ring: candidates[0].ring,
    correctedFrom: i % 10 === 0 ? box(rand) : null,
    label: `building ${i}`,
    note: i % 3 === 0 ? 'roof "red", see next frame,\nchecked twice' : '',
  };
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The GeoJSON text as the export handler wrote it before exports ran as jobs. */
function* objectTreeChunks(objs: readonly LocatedObject[]): Generator<string> {
  yield '{"type":"FeatureCollection","features":[';
  for (let start = 0; start < objs.length; start += 2000) {
    yield (start ? ',' : '') + objs.slice(start, start + 2000).map((o) => JSON.stringify(objectToFeature(o))).join(',');
  }
  yield ']}\n';
}

/** The same text from batches of stored objects, as the export job wrote it before its own read path. */
function* featureChunks(batches: Iterable<LocatedObject[]>): Generator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let separator = '';
  for (const batch of batches) {
    yield separator + batch.map((o) => JSON.stringify(objectToFeature(o))).join(',');
    separator = ',';
  }
  yield ']}\n';
}

/** Runs `fn` while measuring how late a 5 ms timer fires on this thread: what a tile request would wait. */
async function withLoopLag<T>(fn: () => Promise<T>): Promise<[T, number]> {
  let last = performance.now();
  let maxLag = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxLag = Math.max(maxLag, now - last - 5);
    last = now;
  }, 5);
  try {
    const out = await fn();
    return [out, Math.round(Math.max(maxLag, performance.now() - last - 5))];
  } finally {
    clearInterval(timer);
  }
}

/** Wall ms, and the CPU ms this process used (user + system), which is less skewed by other load. */
async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number, number]> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = await fn();
  const cpu = process.cpuUsage(c0);
  return [out, Math.round(performance.now() - t0), Math.round((cpu.user + cpu.system) / 1000)];
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smgeo-bench-export-'));
  try {
    const rand = seeded(7);
    const now = new Date().toISOString();
    const objs: LocatedObject[] = Array.from({ length: EXPORT_OBJECTS }, (_, i) => ({
      ...newObject(i, rand),
      id: randomUUID(),
      createdAt: now,
      updatedAt: now,
    }));

    const geojsonFile = path.join(dir, 'objects.geojson');
    const csvFile = path.join(dir, 'objects.csv');
    const [, geojsonMs, geojsonCpuMs] = await timed(() => writeGeoJSON(geojsonFile, objs));
    const [, csvMs, csvCpuMs] = await timed(() => writeCsv(csvFile, objs));

    const projectFile = path.join(dir, 'bench.smgeo');
    const store = ProjectStore.create(projectFile, 'bench');
    const inserts = Array.from({ length: INSERT_OBJECTS }, (_, i) => newObject(i, rand));
    let insertMs: number;
    let listMs: number;
    let todayPath: { ms: number; cpuMs: number; loopLagMs: number };
    let jobPath: { ms: number; cpuMs: number; loopLagMs: number; count: number };
    let jobBefore: { ms: number; cpuMs: number };
    let emptyJobMs: number;
    try {
      [, insertMs] = await timed(() => {
        for (const o of inserts) store.insertObject(o);
      });
      [, listMs] = await timed(() => store.listObjects());
      // The whole project: EXPORT_OBJECTS objects, in one transaction.
      store.insertObjects(Array.from({ length: EXPORT_OBJECTS - INSERT_OBJECTS }, (_, i) => newObject(i, rand)));
      // Before: the handler read every object and wrote the file on the main thread.
      const [[, ms, cpuMs], lag] = await withLoopLag(() => timed(() => writeFileAtomic(geojsonFile, objectTreeChunks(store.listObjects()))));
      todayPath = { ms, cpuMs, loopLagMs: lag };
      // What the export job did before its own read path: every object through the zod parse, in
      // batches of 2000, then stringified (run here, without the worker, so no worker start-up).
      const [, zodMs, zodCpuMs] = await timed(() => writeFileAtomic(geojsonFile, featureChunks(store.objectBatches(2000))));
      jobBefore = { ms: zodMs, cpuMs: zodCpuMs };
      // Now: a worker reads the project in batches and writes; this thread only waits.
      const jobs = new ExportJobs();
      const [[result, jobMs, jobCpuMs], jobLag] = await withLoopLag(() =>
        timed(() => jobs.wait<ExportJobResult>(jobs.start({ format: 'geojson', projectPath: projectFile, target: geojsonFile }).id)),
      );
      jobPath = { ms: jobMs, cpuMs: jobCpuMs, loopLagMs: jobLag, count: result.count };
      // The same job on an empty project: the worker's start and teardown, which bench runs (tsx,
      // compiling the worker's imports from source) pay far more of than the built app does.
      const empty = path.join(dir, 'empty.smgeo');
      ProjectStore.create(empty, 'empty').close();
      [, emptyJobMs] = await timed(() => jobs.wait(jobs.start({ format: 'geojson', projectPath: empty, target: path.join(dir, 'empty.geojson') }).id));
    } finally {
      store.close();
    }

    return {
      export_objects: EXPORT_OBJECTS,
      // In memory, on this thread: the writer alone.
      geojson_ms: geojsonMs,
      geojson_cpu_ms: geojsonCpuMs,
      // From the project file to the .geojson: before on the main thread (how long it stalled is the
      // longest a tile request waited), now in the export worker.
      project_export_before_ms: todayPath.ms,
      project_export_before_cpu_ms: todayPath.cpuMs,
      project_export_before_main_loop_max_lag_ms: todayPath.loopLagMs,
      project_export_job_before_ms: jobBefore.ms,
      project_export_job_before_cpu_ms: jobBefore.cpuMs,
      project_export_job_ms: jobPath.ms,
      // Includes the worker thread: process.cpuUsage counts every thread of the process.
      project_export_job_cpu_ms: jobPath.cpuMs,
      project_export_job_main_loop_max_lag_ms: jobPath.loopLagMs,
      project_export_job_count: jobPath.count,
      project_export_empty_job_ms: emptyJobMs,
      geojson_mb: +(fs.statSync(geojsonFile).size / 1e6).toFixed(1),
      csv_ms: csvMs,
      csv_cpu_ms: csvCpuMs,
      csv_mb: +(fs.statSync(csvFile).size / 1e6).toFixed(1),
      insert_objects: INSERT_OBJECTS,
      // Each insert is its own transaction with synchronous=FULL: this is fsync-bound by design.
      insert_per_s: Math.round(INSERT_OBJECTS / (insertMs / 1000)),
      list_ms: listMs,
      // The machine is shared: read the timings against how busy it was.
      load_avg_1m: +os.loadavg()[0].toFixed(1),
      cpus: os.cpus().length,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Allows `npx tsx bench/export.ts` on its own; bench/run.ts imports run() instead.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}
