import { parseArgs } from 'node:util';
import { summarizeDetections, type EvaluationSummary } from '../localize/metrics';
import { readCvoglSplit } from './cvogl-list';
import { loadModelForCli, parsePositiveInt, parseProvider } from './model-dir';
import { CliError, readRgbImage } from './read-image';

export const EVALUATE_USAGE = `usage: npm run evaluate -- --data DIR --split test [--model DIR] [--limit N] [--provider auto|cpu|cuda|directml|coreml]
  DIR  a CVOGL-format dataset (CVOGL_DroneAerial/{query,satellite}/ and CVOGL_DroneAerial_<split>.json)`;

export interface EvaluateCommandResult extends EvaluationSummary {
  model: { id: string; dir: string; sha256: string };
  provider: string;
  split: string;
  /** IoU and centre error are measured on absolute boxes in reference-model pixels (R×R). */
  referenceSize: number;
  msPerSample: number;
}

/** Top-1 accuracy of the model on a CVOGL split, with absolute IoU (not per-cell as the published code). */
export async function runEvaluateCommand(argv: string[], log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<EvaluateCommandResult> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      split: { type: 'string', default: 'test' },
      model: { type: 'string' },
      limit: { type: 'string' },
      provider: { type: 'string' },
    },
    strict: true,
  });
  if (!values.data) throw new CliError('--data DIR is required');
  const split = values.split ?? 'test';
  const entries = await readCvoglSplit(values.data, split);
  const limit = parsePositiveInt('--limit', values.limit, entries.length);
  const chosen = entries.slice(0, limit);
  if (chosen.length === 0) throw new CliError(`The ${split} split of ${values.data} has no entries.`);
  const model = await loadModelForCli(values.model, parseProvider(values.provider));
  const r = model.card.reference_size;
  const pairs: { predicted: [number, number, number, number]; target: [number, number, number, number] }[] = [];
  const started = performance.now();
  try {
    for (const [i, entry] of chosen.entries()) {
      const [query, satellite] = await Promise.all([readRgbImage(entry.queryPath, 'query'), readRgbImage(entry.satellitePath, 'satellite')]);
      const feats = await model.encodeReference(satellite);
      const { candidates } = await model.localize(feats, query, entry.click, 1);
      const sx = r / satellite.width;
      const sy = r / satellite.height;
      const target: [number, number, number, number] = [entry.box[0] * sx, entry.box[1] * sy, entry.box[2] * sx, entry.box[3] * sy];
      // A heatmap with no local maximum cannot happen for finite logits; an empty box scores zero if it does.
      pairs.push({ predicted: candidates[0]?.box ?? [0, 0, 0, 0], target });
      if ((i + 1) % 50 === 0) log(`evaluated ${i + 1}/${chosen.length}`);
    }
  } finally {
    await model.close();
  }
  return {
    model: { id: model.card.model_id, dir: model.dir, sha256: model.sha256 },
    provider: model.provider,
    split,
    referenceSize: r,
    ...summarizeDetections(pairs),
    msPerSample: (performance.now() - started) / chosen.length,
  };
}
