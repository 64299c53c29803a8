// export.trainingPairs on the bundled sample: the analyst's verdicts become a CVOGL dataset that the
// training code's own reader loads, split by frame, with each box where the analyst left it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { REPO_ROOT, makeSession, tinyModelDir, type TestSession } from './fixtures';

const SAMPLE = join(REPO_ROOT, 'resources/sample');
const PYTHON = join(REPO_ROOT, 'training/.venv/bin/python');
const DATASET = 'CVOGL_DroneAerial';
type Entry = [string, string, string, number, [number, number], [number, number, number, number], number, string];

describe('export.trainingPairs', () => {
  let dir: string;
  let t: TestSession;
  const verdicts = new Map<string, { frame: number; status: string; box: number[] }>();

  beforeAll(async () => {
    const modelDir = tinyModelDir();
    if (!modelDir) throw new Error('no tiny model at test/fixtures/model-tiny (or SMGEO_TEST_MODEL)');
    dir = makeTmpDir('smgeo-pairs-');
    t = makeSession(dir, { modelDir, resourcesDir: join(REPO_ROOT, 'resources') });
    await t.call('project.create', { path: join(dir, 'p.smgeo') });
    await t.call('frames.open', { folder: join(SAMPLE, 'frames') });
    await t.call('mosaic.open', { path: join(SAMPLE, 'mosaic.tif') });
    // Six frames with verdicts: the fifth distinct frame is the test split's.
    for (const [i, frameIndex] of [0, 4, 8, 12, 16, 20].entries()) {
      const { object } = await t.call('localize.run', { frameIndex, click: { x: 480, y: 400 } });
      const status = i === 1 ? 'corrected' : 'accepted';
      if (status === 'corrected') {
        // The analyst drags the box about 5.5 m north: same size, higher up on the chip.
        const ring = object.ring.map(([lon, lat]) => [lon, lat + 0.00005] as [number, number]);
        await t.call('objects.update', { id: object.id, ring, status });
        verdicts.set(object.id, { frame: frameIndex, status, box: [...object.candidates[0]!.chipBox] });
      } else {
        await t.call('objects.update', { id: object.id, status });
        verdicts.set(object.id, { frame: frameIndex, status, box: [...object.candidates[0]!.chipBox] });
      }
    }
    const pending = await t.call('localize.run', { frameIndex: 24, click: { x: 100, y: 500 } });
    const rejected = await t.call('localize.run', { frameIndex: 28, click: { x: 700, y: 600 } });
    await t.call('objects.update', { id: rejected.object.id, status: 'rejected' });
    expect(pending.object.status).toBe('pending');
  }, 120_000);

  afterAll(async () => {
    await t?.session.close();
    if (dir) removeDir(dir);
  });

  it('writes only confirmed objects, split by frame, each box where the analyst left it on its chip', async () => {
    const out = join(dir, 'pairs');
    const result = await t.call('export.trainingPairs', { folder: out });
    expect(result).toMatchObject({ folder: join(out, DATASET), train: 5, test: 1, skipped: [] });
    const root = join(out, DATASET);
    const read = (split: string) => JSON.parse(readFileSync(join(root, `${DATASET}_${split}.json`), 'utf8')) as Entry[];
    const entries = [...read('train'), ...read('test')];
    expect(new Set(entries.map((e) => e[0]))).toEqual(new Set(verdicts.keys()));
    expect(read('test').map((e) => verdicts.get(e[0])!.frame)).toEqual([16]);
    for (const [id, query, satellite, , click, box] of entries) {
      expect(existsSync(join(root, 'query', query)) && existsSync(join(root, 'satellite', satellite))).toBe(true);
      const verdict = verdicts.get(id)!;
      const chosen = verdict.box.map((v) => Math.min(Math.max(v, 0), 256));
      if (verdict.status === 'accepted') {
        // ring (lon/lat) → mosaic CRS → chip pixels gives back the box the model proposed
        chosen.forEach((v, k) => expect(box[k]).toBeCloseTo(v, 3));
      } else {
        const gsd = (await t.call('objects.list', {})).find((o) => o.id === id)!.chip.gsdM;
        expect(chosen[1]! - box[1]).toBeCloseTo(5.56 / gsd, 0); // moved north by the drag
        expect(box[2] - box[0]).toBeCloseTo(chosen[2]! - chosen[0]!, 0);
      }
      // 960×720 frames are written as they are (under the 1024 px long side): the click is unchanged
      expect(click).toEqual([480, 400]);
    }
    const samples = JSON.parse(readFileSync(join(root, 'samples.json'), 'utf8')) as { id: string; telemetry: { lat: number } | null }[];
    expect(samples.every((s) => s.telemetry !== null && Number.isFinite(s.telemetry.lat))).toBe(true);
    expect(readdirSync(out)).toEqual([DATASET]); // no partial folder left behind
  });

  it('the training code reads the exported set with its own dataset class', () => {
    if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: npm test's pretest step builds it (node scripts/pretest.mjs)`);
    const script = [
      'import sys, json',
      'from smgeo.data import CvoglDataset',
      'out = {}',
      'for split in ("train", "test"):',
      '    ds = CvoglDataset(sys.argv[1], split, 128, 256)',
      '    s = ds[0]',
      '    out[split] = [len(ds), list(s["query"].shape), list(s["reference"].shape), [round(float(v), 2) for v in s["box"]]]',
      'print(json.dumps(out))',
    ].join('\n');
    const r = spawnSync(PYTHON, ['-c', script, join(dir, 'pairs')], { cwd: join(REPO_ROOT, 'training'), encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/Error/);
    const got = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, [number, number[], number[], number[]]>;
    expect(got.train![0]).toBe(5);
    expect(got.test![0]).toBe(1);
    expect(got.train![1]).toEqual([4, 128, 128]);
    expect(got.train![2]).toEqual([3, 256, 256]);
  });

  it('as a job: counts objects written, and a cancel part-way leaves no dataset and no partial folder', async () => {
    const jobs = t.session.jobs;
    const out = join(dir, 'pairs-cancelled');
    const mosaic = [...t.session.mosaics.values()][0]!;
    const read = mosaic.readWindowCrs.bind(mosaic);
    let chips = 0;
    let id = '';
    // The user presses Cancel while the second object's reference chip is being read.
    const spy = vi.spyOn(mosaic, 'readWindowCrs').mockImplementation(async (...args) => {
      if (++chips === 2) jobs.cancel(id);
      return read(...args);
    });
    try {
      id = (await t.call('export.trainingPairsStart', { folder: out })).id;
      await jobs.wait(id).catch(() => undefined);
    } finally {
      spy.mockRestore();
    }
    const cancelled = await t.call('jobs.status', { id });
    expect(cancelled).toMatchObject({ state: 'cancelled', done: 1, total: 6, result: null });
    expect(cancelled.error).toMatch(/cancelled; nothing was written/);
    expect(readdirSync(out)).toEqual([]);

    const job = await t.call('export.trainingPairsStart', { folder: out });
    await jobs.wait(job.id);
    const done = await t.call('jobs.status', { id: job.id });
    expect(done).toMatchObject({ state: 'done', done: 6, total: 6, result: { kind: 'trainingPairs', pairs: { folder: join(out, DATASET), train: 5, test: 1 } } });
    expect(readdirSync(out)).toEqual([DATASET]);
  });

  it('refuses a folder that already holds an export, and a file, without touching either', async () => {
    const again = await t.fail('export.trainingPairs', { folder: join(dir, 'pairs') });
    expect(again.message).toMatch(/already exists.*nothing was overwritten/);
    mkdirSync(join(dir, 'f'), { recursive: true });
    writeFileSync(join(dir, 'f', 'file.txt'), 'keep');
    const onFile = await t.fail('export.trainingPairs', { folder: join(dir, 'f', 'file.txt') });
    expect(onFile.message).toMatch(/is a file, not a folder/);
    expect(readFileSync(join(dir, 'f', 'file.txt'), 'utf8')).toBe('keep');
  });
});
