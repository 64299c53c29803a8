import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ModelError } from './errors';

export const MODEL_CARD_FILE = 'model_card.json';

const graphFile = z.object({
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/i, 'expected 64 hex digits'),
  inputs: z.array(z.string().min(1)).min(1),
  outputs: z.array(z.string().min(1)).min(1),
});

const triple = z.tuple([z.number(), z.number(), z.number()]);

/** docs/CONTRACTS.md §1. Fields the app does not use are kept but not required. */
export const modelCardSchema = z.looseObject({
  format: z.literal('smgeo-onnx/1'),
  model_id: z.string().min(1),
  preset: z.string().optional(),
  query_size: z.number().int().positive(),
  reference_size: z.number().int().positive(),
  reference_gsd_m: z.number().positive(),
  normalization: z.looseObject({
    mean: triple,
    std: triple.refine((s) => s.every((v) => v > 0), 'std values must be > 0'),
    scale: z.literal('rgb/255'),
  }),
  click_channel: z.literal('(1 - d/diag)^2'),
  heatmap_stride: z.number().int().positive(),
  box_encoding: z.literal('xyxy_reference_pixels'),
  reference_features: z
    .array(z.looseObject({ name: z.string().min(1), stride: z.number().int().positive(), channels: z.number().int().positive() }))
    .min(1),
  files: z.looseObject({ reference_encoder: graphFile, click_localizer: graphFile }),
  opset: z.number().int().optional(),
  parameters: z.number().int().nonnegative().optional(),
  training_data: z.string().optional(),
  not_trained_on: z.string().optional(),
  metrics: z.record(z.string(), z.unknown()).optional(),
  created: z.string().optional(),
});

export type ModelCard = z.infer<typeof modelCardSchema>;
export type GraphName = 'reference_encoder' | 'click_localizer';

/** Reads and validates `model_card.json`, including that the two graphs' names agree with each other. */
export async function readModelCard(dir: string): Promise<ModelCard> {
  const file = path.join(dir, MODEL_CARD_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ModelError('missing', file, `No model card at ${file}. A model folder needs ${MODEL_CARD_FILE}, reference_encoder.onnx and click_localizer.onnx; export one with the training tools (python3 -m smgeo.export) or choose another folder.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ModelError('bad-card', file, `The model card ${file} is not valid JSON (${(e as Error).message}). Re-export the model or restore the card.`);
  }
  const parsed = modelCardSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ModelError('bad-card', file, `The model card ${file} does not follow the smgeo-onnx/1 format: ${issues}. Re-export the model with the current training tools.`);
  }
  checkCardConsistency(parsed.data, file);
  return parsed.data;
}

function checkCardConsistency(card: ModelCard, file: string): void {
  const featureNames = card.reference_features.map((f) => f.name);
  const problems: string[] = [];
  const enc = card.files.reference_encoder;
  const loc = card.files.click_localizer;
  if (!sameSet(enc.inputs, ['reference'])) problems.push(`reference_encoder inputs are [${enc.inputs}], expected [reference]`);
  if (!sameSet(enc.outputs, featureNames)) problems.push(`reference_encoder outputs [${enc.outputs}] differ from reference_features [${featureNames}]`);
  if (!sameSet(loc.inputs, ['query', ...featureNames])) problems.push(`click_localizer inputs are [${loc.inputs}], expected [query, ${featureNames}]`);
  if (!loc.outputs.includes('heatmap') || !loc.outputs.includes('box')) problems.push(`click_localizer outputs [${loc.outputs}] must include heatmap and box`);
  for (const graph of ['reference_encoder', 'click_localizer'] as const) {
    const p = card.files[graph].path;
    // A card from someone else must not make the app read files outside its own folder.
    if (path.isAbsolute(p) || path.win32.isAbsolute(p) || p.split(/[\\/]/).includes('..') || p.includes('\0')) {
      problems.push(`files.${graph}.path "${p}" must be a file name inside the model folder`);
    }
  }
  if (card.reference_size % card.heatmap_stride !== 0) problems.push(`reference_size ${card.reference_size} is not a multiple of heatmap_stride ${card.heatmap_stride}`);
  if (problems.length > 0) {
    throw new ModelError('bad-card', file, `The model card ${file} is inconsistent: ${problems.join('; ')}. Re-export the model.`);
  }
}

export function graphPath(dir: string, card: ModelCard, graph: GraphName): string {
  return path.join(dir, card.files[graph].path);
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Checks that both graph files exist and match the card's sha256; returns the actual digests. */
export async function verifyGraphFiles(dir: string, card: ModelCard): Promise<Record<GraphName, string>> {
  const digests = {} as Record<GraphName, string>;
  for (const graph of ['reference_encoder', 'click_localizer'] as const) {
    const file = graphPath(dir, card, graph);
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
    } catch {
      throw new ModelError('missing', file, `The model file ${file} named in ${MODEL_CARD_FILE} is missing. Copy the whole exported model folder again.`);
    }
    const [realDir, realFile] = await Promise.all([realpath(dir), realpath(file)]);
    const rel = path.relative(realDir, realFile);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new ModelError('bad-card', file, `The model file ${file} is a link to ${realFile}, outside the model folder ${dir}; the app reads model files only from inside it. Copy the file into the folder.`);
    }
    const actual = await sha256OfFile(file);
    if (actual.toLowerCase() !== card.files[graph].sha256.toLowerCase()) {
      throw new ModelError('checksum', file, `The model file ${file} does not match its sha256 in ${MODEL_CARD_FILE} (expected ${card.files[graph].sha256}, found ${actual}). The file is damaged or belongs to another export; copy the exported model folder again.`);
    }
    digests[graph] = actual;
  }
  return digests;
}

/** Compares a loaded session's real input/output names with what the card promises. */
export function checkSessionIo(
  card: ModelCard,
  graph: GraphName,
  file: string,
  session: { inputNames: readonly string[]; outputNames: readonly string[] },
): void {
  const want = card.files[graph];
  const problems: string[] = [];
  if (!sameSet(session.inputNames, want.inputs)) problems.push(`inputs are [${session.inputNames}] but the card says [${want.inputs}]`);
  if (!sameSet(session.outputNames, want.outputs)) problems.push(`outputs are [${session.outputNames}] but the card says [${want.outputs}]`);
  if (problems.length > 0) {
    throw new ModelError('io-mismatch', file, `The graph ${file} does not match ${MODEL_CARD_FILE}: ${problems.join('; ')}. Re-export the model so that card and graphs come from the same export.`);
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.length === sb.length && sa.every((v, i) => v === sb[i]);
}
