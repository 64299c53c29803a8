import { parseArgs } from 'node:util';
import { loadModelForCli, parsePositiveInt, parseProvider } from './model-dir';
import { CliError, readRgbImage } from './read-image';

export const LOCALIZE_USAGE = `usage: npm run localize -- --query FRAME --click X,Y --reference CHIP [--model DIR] [--top-k 5] [--provider auto|cpu|cuda|directml|coreml]
  FRAME  drone image; the click is in its pixels
  CHIP   north-up reference image (resized to the model's reference size)`;

export interface LocalizeCommandResult {
  model: { id: string; dir: string; sha256: string };
  provider: string;
  providerNotes: string[];
  referenceSize: number;
  candidates: { score: number; box: [number, number, number, number] }[];
  timings: { encodeMs: number; localizeMs: number; totalMs: number };
}

export function parseClick(value: string | undefined): { x: number; y: number } {
  const parts = (value ?? '').split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || parts.some((v) => !Number.isFinite(v))) throw new CliError(`--click needs X,Y in query-image pixels, got "${value ?? ''}"`);
  return { x: parts[0]!, y: parts[1]! };
}

/** One query + click against one reference image; boxes come back in reference-model pixels (R×R). */
export async function runLocalizeCommand(argv: string[]): Promise<LocalizeCommandResult> {
  const started = performance.now();
  const { values } = parseArgs({
    args: argv,
    options: {
      query: { type: 'string' },
      click: { type: 'string' },
      reference: { type: 'string' },
      model: { type: 'string' },
      'top-k': { type: 'string' },
      provider: { type: 'string' },
    },
    strict: true,
  });
  if (!values.query || !values.reference) throw new CliError('--query and --reference are required');
  const click = parseClick(values.click);
  const topK = parsePositiveInt('--top-k', values['top-k'], 5);
  const model = await loadModelForCli(values.model, parseProvider(values.provider));
  try {
    const [query, reference] = await Promise.all([readRgbImage(values.query, 'query'), readRgbImage(values.reference, 'reference')]);
    if (click.x < 0 || click.y < 0 || click.x > query.width || click.y > query.height) {
      throw new CliError(`--click ${click.x},${click.y} lies outside the ${query.width}×${query.height} query image ${values.query}`);
    }
    const t0 = performance.now();
    const feats = await model.encodeReference(reference);
    const encodeMs = performance.now() - t0;
    const result = await model.localize(feats, query, click, topK);
    return {
      model: { id: model.card.model_id, dir: model.dir, sha256: model.sha256 },
      provider: model.provider,
      providerNotes: model.providerNotes,
      referenceSize: model.card.reference_size,
      candidates: result.candidates,
      timings: { encodeMs, localizeMs: result.ms, totalMs: performance.now() - started },
    };
  } finally {
    await model.close();
  }
}
