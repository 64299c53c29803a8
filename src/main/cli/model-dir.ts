import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Provider } from '../../shared/api';
import { isProviderChoice, LoadedModel, ModelError, type ProviderChoice } from '../model';
import { CliError } from './read-image';

/** The shipped model folder, relative to this source file so the CLI works from any directory. */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../../resources/models/', import.meta.url));

export async function loadModelForCli(dir: string | undefined, provider: ProviderChoice = 'auto'): Promise<LoadedModel> {
  const modelDir = path.resolve(dir ?? DEFAULT_MODEL_DIR);
  if (!existsSync(modelDir)) {
    throw new CliError(`No model folder at ${modelDir}. Pass --model DIR with an exported SMGeo model (reference_encoder.onnx, click_localizer.onnx, model_card.json).`);
  }
  try {
    return await LoadedModel.load(modelDir, { provider });
  } catch (e) {
    if (e instanceof ModelError && e.code === 'missing' && dir === undefined) {
      throw new CliError(`${e.message} (No default model is installed in ${modelDir} yet; pass --model DIR.)`);
    }
    throw e;
  }
}

export function parseProvider(value: string | undefined): ProviderChoice {
  if (value === undefined) return 'auto';
  if (!isProviderChoice(value)) throw new CliError(`--provider must be one of ${Provider.options.join(', ')}, got "${value}"`);
  return value;
}

export function parsePositiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag} needs a whole number ≥ 1, got "${value}"`);
  return n;
}
