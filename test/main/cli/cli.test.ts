import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvaluateCommand } from '../../../src/main/cli/evaluate-command';
import { runLocalizeCommand } from '../../../src/main/cli/localize-command';
import { LoadedModel } from '../../../src/main/model';
import { TINY_MODEL_DIR } from '../model/tiny-model';

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '../../..');

/** A deterministic textured RGB image written as PNG. */
async function writeImage(file: string, width: number, height: number, seed: number): Promise<void> {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * seed + ((i / (width * 3)) | 0) * 17) % 256;
  await sharp(data, { raw: { width, height, channels: 3 } }).png().toFile(file);
}

let tmp: string;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'smgeo-cli-'));
  await writeImage(path.join(tmp, 'frame.png'), 480, 270, 11);
  await writeImage(path.join(tmp, 'chip.png'), 300, 300, 5);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm run localize', () => {
  it('prints the model, the provider and five candidates sorted by score', async () => {
    const out = await runLocalizeCommand(['--query', path.join(tmp, 'frame.png'), '--click', '240,135', '--reference', path.join(tmp, 'chip.png'), '--model', TINY_MODEL_DIR]);
    expect(out.provider).toBe('cpu');
    expect(out.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out.candidates).toHaveLength(5);
    const scores = out.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const c of out.candidates) expect(c.box).toHaveLength(4);
    expect(out.timings.totalMs).toBeGreaterThan(0);
  });

  it('runs as a command and prints JSON', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main/cli/localize.ts',
      '--query', path.join(tmp, 'frame.png'), '--click', '10,20', '--reference', path.join(tmp, 'chip.png'), '--model', TINY_MODEL_DIR, '--top-k', '3'], { cwd: REPO });
    const json = JSON.parse(stdout);
    expect(json.candidates).toHaveLength(3);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['model', 'provider', 'candidates', 'timings']));
  }, 180_000); // a fresh process compiles TypeScript and loads the model: slow on a busy machine

  it('says which model folder is missing and how to choose one', async () => {
    const missing = path.join(tmp, 'no-model-here');
    const err = await run(process.execPath, ['--import', 'tsx', 'src/main/cli/localize.ts',
      '--query', path.join(tmp, 'frame.png'), '--click', '1,1', '--reference', path.join(tmp, 'chip.png'), '--model', missing], { cwd: REPO }).catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stderr).toContain(missing);
    expect(err.stderr).toContain('--model');
  }, 180_000);

  it('refuses a click outside the query image and a malformed click', async () => {
    const base = ['--query', path.join(tmp, 'frame.png'), '--reference', path.join(tmp, 'chip.png'), '--model', TINY_MODEL_DIR];
    await expect(runLocalizeCommand([...base, '--click', '900,10'])).rejects.toThrow(/outside the 480×270 query image/);
    await expect(runLocalizeCommand([...base, '--click', '12'])).rejects.toThrow(/--click needs X,Y/);
  });
});

describe('npm run evaluate', () => {
  /**
   * A dataset whose target boxes are the model's own top-1 predictions, scaled to satellite
   * pixels of a non-square satellite image: a correct evaluation must then score 100 %.
   */
  async function selfConsistentDataset(): Promise<string> {
    const root = path.join(tmp, 'cvogl');
    const dir = path.join(root, 'CVOGL_DroneAerial');
    mkdirSync(path.join(dir, 'query'), { recursive: true });
    mkdirSync(path.join(dir, 'satellite'), { recursive: true });
    const model = await LoadedModel.load(TINY_MODEL_DIR, { provider: 'cpu' });
    const r = model.card.reference_size;
    const entries: unknown[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const q = path.join(dir, 'query', `q${i}.png`);
        const s = path.join(dir, 'satellite', `s${i}.png`);
        await writeImage(q, 320, 240, 3 + i);
        await writeImage(s, 2 * r, r, 7 + i);
        const click = [40 + 100 * i, 60 + 50 * i];
        const { data, info } = await sharp(s).raw().toBuffer({ resolveWithObject: true });
        const feats = await model.encodeReference({ width: info.width, height: info.height, data: new Uint8Array(data) });
        const qimg = await sharp(q).raw().toBuffer({ resolveWithObject: true });
        const top = (await model.localize(feats, { width: 320, height: 240, data: new Uint8Array(qimg.data) }, { x: click[0]!, y: click[1]! }, 1)).candidates[0]!.box;
        entries.push([i, `q${i}.png`, `s${i}.png`, 0, click, [top[0] * 2, top[1], top[2] * 2, top[3]], 0, 'building']);
      }
    } finally {
      await model.close();
    }
    writeFileSync(path.join(dir, 'CVOGL_DroneAerial_test.json'), JSON.stringify(entries));
    writeFileSync(path.join(dir, 'CVOGL_DroneAerial_val.pth'), 'pickle bytes');
    return root;
  }

  it('scores the model on a CVOGL split with absolute IoU in reference pixels', async () => {
    const root = await selfConsistentDataset();
    const out = await runEvaluateCommand(['--data', root, '--split', 'test', '--model', TINY_MODEL_DIR], () => {});
    expect(out.n).toBe(3);
    expect(out['acc@0.5']).toBe(1);
    expect(out.miou).toBeCloseTo(1, 5);
    expect(out.centreErrorPx.mean).toBeCloseTo(0, 3);
    const limited = await runEvaluateCommand(['--data', root, '--model', TINY_MODEL_DIR, '--limit', '2'], () => {});
    expect(limited.n).toBe(2);

    await expect(runEvaluateCommand(['--data', root, '--split', 'val', '--model', TINY_MODEL_DIR])).rejects.toThrow(/smgeo\.data\.to_json/);
    await expect(runEvaluateCommand(['--data', root, '--split', 'train', '--model', TINY_MODEL_DIR])).rejects.toThrow(/No split list .*CVOGL_DroneAerial_train\.json/);
    await expect(runEvaluateCommand(['--data', tmp, '--model', TINY_MODEL_DIR])).rejects.toThrow(/No CVOGL dataset/);
  });
});
