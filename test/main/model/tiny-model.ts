import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelCard } from '../../../src/main/model/card';

/** The tiny model the training code exports for tests (python3 -m smgeo.export on a nano preset). */
export const TINY_MODEL_DIR = fileURLToPath(new URL('../../fixtures/model-tiny/', import.meta.url));

/** A throwaway copy of the tiny model that a test may damage. */
export function copyTinyModel(): { dir: string; card: ModelCard; writeCard(card: unknown): void; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smgeo-model-'));
  for (const f of ['reference_encoder.onnx', 'click_localizer.onnx', 'model_card.json']) cpSync(path.join(TINY_MODEL_DIR, f), path.join(dir, f));
  const cardPath = path.join(dir, 'model_card.json');
  return {
    dir,
    card: JSON.parse(readFileSync(cardPath, 'utf8')),
    writeCard: (card) => writeFileSync(cardPath, typeof card === 'string' ? card : JSON.stringify(card)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
