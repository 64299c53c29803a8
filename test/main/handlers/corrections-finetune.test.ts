// The loop from the analyst's corrections to a better model, end to end on a small set: objects of
// the sample are clicked through the app and corrected to their true boxes, exported as training
// pairs (split by frame), and a model folder is fine-tuned on the train frames with the training
// code; it must then do better on the held-out frames' objects than the model it started from.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSampleTruth, truthClicks } from '../../../src/main/evaluate/sample-truth';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { REPO_ROOT, makeSession, tinyModelDir } from './fixtures';

const SAMPLE = join(REPO_ROOT, 'resources/sample');
const TRAINING = join(REPO_ROOT, 'training');
const PYTHON = join(TRAINING, '.venv/bin/python');

function python(args: string[]): string {
  const r = spawnSync(PYTHON, args, { cwd: TRAINING, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-1500)}`);
  return r.stdout;
}

/** The closed lon/lat ring of a footprint's bounding box (what a corrected box on the map is). */
function bboxRing(footprint: ReadonlyArray<readonly [number, number]>): [number, number][] {
  const lons = footprint.map((p) => p[0]);
  const lats = footprint.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  return [[w, s], [e, s], [e, n], [w, n], [w, s]];
}

describe('corrections teach the model', () => {
  const dir = makeTmpDir('smgeo-corrections-');
  afterAll(() => removeDir(dir));

  it('a fine-tune on exported corrections does better on held-out frames than its starting model', async () => {
    if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: npm test's pretest step builds it (node scripts/pretest.mjs)`);
    const modelDir = tinyModelDir();
    if (!modelDir) throw new Error('no tiny model at test/fixtures/model-tiny (or SMGEO_TEST_MODEL)');
    const t = makeSession(dir, { modelDir, resourcesDir: join(REPO_ROOT, 'resources') });
    try {
      await t.call('project.create', { path: join(dir, 'p.smgeo') });
      await t.call('frames.open', { folder: join(SAMPLE, 'frames') });
      await t.call('mosaic.open', { path: join(SAMPLE, 'mosaic.tif') });
      // The two largest non-field objects of every second frame: the same buildings recur in
      // neighbouring frames, so the held-out frames show objects seen from other frames.
      const truth = await readSampleTruth(join(SAMPLE, 'ground_truth.json'));
      const clicks = truthClicks(truth, 3000).filter((c) => c.cls !== 'field' && c.frameIndex % 2 === 0);
      const perFrame = new Map<number, typeof clicks>();
      for (const c of clicks) perFrame.set(c.frameIndex, [...(perFrame.get(c.frameIndex) ?? []), c].slice(0, 2));
      for (const c of [...perFrame.values()].flat()) {
        const r = await t.call('localize.run', { frameIndex: c.frameIndex, click: c.click });
        await t.call('objects.update', { id: r.object.id, ring: bboxRing(c.footprint), status: 'corrected' });
      }
      const pairs = join(dir, 'pairs');
      const exported = await t.call('export.trainingPairs', { folder: pairs });
      expect(exported.skipped).toEqual([]);
      expect(exported.test).toBeGreaterThanOrEqual(6);
      expect(exported.train).toBeGreaterThanOrEqual(4 * exported.test - 8);
    } finally {
      await t.session.close();
    }

    // An exported model folder (PyTorch weights included) to start from, and a short fine-tune.
    const start = join(dir, 'start-model');
    python(['-m', 'smgeo.export', '--random-init', '--preset', 'tiny', '--seed', '1', '--out', start]);
    const config = JSON.parse(readFileSync(join(TRAINING, 'configs/finetune_corrections.json'), 'utf8')) as Record<string, unknown>;
    Object.assign(config, { preset: 'tiny', max_steps: 60, batch_size: 6, lr: 0.002, warmup_steps: 5, augment: false, log_every: 20, checkpoint_every: 1000 });
    writeFileSync(join(dir, 'finetune.json'), JSON.stringify(config));
    python(['-m', 'smgeo.train', '--config', join(dir, 'finetune.json'), '--data', join(dir, 'pairs'), '--init-from', start, '--out', join(dir, 'run')]);

    const score = (checkpoint: string) => {
      const out = python(['-m', 'smgeo.evaluate', '--checkpoint', checkpoint, '--data', join(dir, 'pairs'), '--split', 'test', '--out', join(dir, 'm.json')]);
      expect(out).toContain('miou');
      return JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')) as { miou: number; 'acc@0.25': number };
    };
    const before = score(start);
    const after = score(join(dir, 'run', 'last.pt'));
    console.log(`held-out frames: mIoU ${before.miou.toFixed(3)} → ${after.miou.toFixed(3)}, acc@0.25 ${before['acc@0.25'].toFixed(2)} → ${after['acc@0.25'].toFixed(2)}`);
    expect(after.miou).toBeGreaterThan(before.miou + 0.1);
  }, 600_000);
});
