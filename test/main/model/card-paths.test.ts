// A model card names its graph files; it must not make the app read anything outside the model folder.
import { renameSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadedModel, ModelError } from '../../../src/main/model';
import { copyTinyModel } from './tiny-model';

let copy: ReturnType<typeof copyTinyModel> | undefined;
afterEach(() => {
  copy?.cleanup();
  copy = undefined;
});

async function loadError(dir: string): Promise<ModelError> {
  const err = await LoadedModel.load(dir, { provider: 'cpu', threads: 1 }).then(
    async (m) => {
      await m.close();
      throw new Error('the model loaded although it should have been refused');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelError);
  return err as ModelError;
}

describe('model card file paths', () => {
  for (const bad of ['../outside.onnx', '/etc/passwd', 'sub/../../x.onnx', 'C:\\Windows\\x.onnx', '..\\x.onnx']) {
    it(`refuses files.reference_encoder.path "${bad}"`, async () => {
      copy = copyTinyModel();
      copy.writeCard({ ...copy.card, files: { ...copy.card.files, reference_encoder: { ...copy.card.files.reference_encoder, path: bad } } });
      const err = await loadError(copy.dir);
      expect(err.code).toBe('bad-card');
      expect(err.message).toContain('must be a file name inside the model folder');
    });
  }

  it('refuses a graph file that is a link to outside the folder', async () => {
    copy = copyTinyModel();
    const outside = path.join(path.dirname(copy.dir), `${path.basename(copy.dir)}-outside.onnx`);
    renameSync(path.join(copy.dir, 'click_localizer.onnx'), outside);
    symlinkSync(outside, path.join(copy.dir, 'click_localizer.onnx'));
    try {
      const err = await loadError(copy.dir);
      expect(err.code).toBe('bad-card');
      expect(err.message).toMatch(/outside the model folder/);
    } finally {
      const { rmSync } = await import('node:fs');
      rmSync(outside, { force: true });
    }
  });

  it('a plain file name in a subfolder is fine', async () => {
    copy = copyTinyModel();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(copy.dir, 'graphs'));
    renameSync(path.join(copy.dir, 'click_localizer.onnx'), path.join(copy.dir, 'graphs', 'click_localizer.onnx'));
    copy.writeCard({ ...copy.card, files: { ...copy.card.files, click_localizer: { ...copy.card.files.click_localizer, path: 'graphs/click_localizer.onnx' } } });
    await (await LoadedModel.load(copy.dir, { provider: 'cpu', threads: 1 })).close();
  });
});
