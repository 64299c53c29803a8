import { createHash } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadedModel, ModelError, type ModelErrorCode } from '../../../src/main/model';
import { copyTinyModel, TINY_MODEL_DIR } from './tiny-model';

async function loadError(dir: string): Promise<ModelError> {
  try {
    const m = await LoadedModel.load(dir, { provider: 'cpu', threads: 1 });
    await m.close();
  } catch (e) {
    if (e instanceof ModelError) return e;
    throw e;
  }
  throw new Error('the model loaded although it should have been refused');
}

function expectRefusal(err: ModelError, code: ModelErrorCode, file: string): void {
  expect(err.code).toBe(code);
  expect(err.file).toBe(file);
  expect(err.message).toContain(file);
}

let copy: ReturnType<typeof copyTinyModel> | undefined;
afterEach(() => {
  copy?.cleanup();
  copy = undefined;
});

describe('loading a model folder', () => {
  it('loads the tiny model on the CPU, with its card and a combined checksum', async () => {
    const m = await LoadedModel.load(TINY_MODEL_DIR, { provider: 'cpu', threads: 1 });
    try {
      expect(m.provider).toBe('cpu');
      expect(m.providerNotes).toEqual([]);
      expect(m.card.format).toBe('smgeo-onnx/1');
      expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(m.threads).toBe(1);
    } finally {
      await m.close();
    }
  });

  it('refuses a folder without a model card, naming the card', async () => {
    copy = copyTinyModel();
    rmSync(path.join(copy.dir, 'model_card.json'));
    expectRefusal(await loadError(copy.dir), 'missing', path.join(copy.dir, 'model_card.json'));
  });

  it('refuses a card that is not JSON', async () => {
    copy = copyTinyModel();
    copy.writeCard('{ "format": "smgeo-onnx/1", ');
    const err = await loadError(copy.dir);
    expectRefusal(err, 'bad-card', path.join(copy.dir, 'model_card.json'));
    expect(err.message).toMatch(/not valid JSON/);
  });

  it('refuses a card without a query size, naming the field', async () => {
    copy = copyTinyModel();
    const { query_size: _, ...card } = copy.card;
    copy.writeCard(card);
    const err = await loadError(copy.dir);
    expectRefusal(err, 'bad-card', path.join(copy.dir, 'model_card.json'));
    expect(err.message).toContain('query_size');
  });

  it('refuses a graph whose sha256 differs from the card', async () => {
    copy = copyTinyModel();
    copy.card.files.click_localizer.sha256 = '0'.repeat(64);
    copy.writeCard(copy.card);
    const err = await loadError(copy.dir);
    expectRefusal(err, 'checksum', path.join(copy.dir, copy.card.files.click_localizer.path));
    expect(err.message).toMatch(/sha256/);
  });

  it('refuses a folder whose graph file is missing', async () => {
    copy = copyTinyModel();
    const file = path.join(copy.dir, copy.card.files.click_localizer.path);
    rmSync(file);
    expectRefusal(await loadError(copy.dir), 'missing', file);
  });

  it('refuses a card whose tensor names do not match the graphs', async () => {
    copy = copyTinyModel();
    // Rename the first reference feature consistently throughout the card, so only the graphs disagree.
    const card = copy.card;
    const old = card.reference_features[0].name as string;
    const renamed = (names: string[]) => names.map((n) => (n === old ? 'renamed_feature' : n));
    card.reference_features[0].name = 'renamed_feature';
    card.files.reference_encoder.outputs = renamed(card.files.reference_encoder.outputs);
    card.files.click_localizer.inputs = renamed(card.files.click_localizer.inputs);
    copy.writeCard(card);
    const err = await loadError(copy.dir);
    expectRefusal(err, 'io-mismatch', path.join(copy.dir, card.files.reference_encoder.path));
    expect(err.message).toContain('renamed_feature');
  });

  it('refuses a card whose own names contradict each other', async () => {
    copy = copyTinyModel();
    copy.card.files.click_localizer.inputs = ['query'];
    copy.writeCard(copy.card);
    const err = await loadError(copy.dir);
    expectRefusal(err, 'bad-card', path.join(copy.dir, 'model_card.json'));
  });

  it('refuses a file that is not ONNX, with a clear message naming it', async () => {
    copy = copyTinyModel();
    const file = path.join(copy.dir, copy.card.files.reference_encoder.path);
    const bogus = Buffer.from('this is not an ONNX graph');
    writeFileSync(file, bogus);
    copy.card.files.reference_encoder.sha256 = createHash('sha256').update(bogus).digest('hex');
    copy.writeCard(copy.card);
    const err = await loadError(copy.dir);
    expectRefusal(err, 'load-failed', file);
    expect(err.message).toMatch(/not a valid ONNX graph/);
  });
});

describe('execution provider fallback', () => {
  const binding = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
  const cudaInstalled = existsSync(path.join(binding, 'bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so'));

  it.skipIf(cudaInstalled || process.platform !== 'linux')('asking for CUDA without its libraries runs on the CPU and says why', async () => {
    const m = await LoadedModel.load(TINY_MODEL_DIR, { provider: 'cuda', threads: 1 });
    try {
      expect(m.provider).toBe('cpu');
      expect(m.providerNotes).toHaveLength(1);
      expect(m.providerNotes[0]).toMatch(/^cuda: .*shared library.*CUDA 12/);
    } finally {
      await m.close();
    }
  });
});
