import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { RgbImage } from '../image/rgb';
import { resizeRgb } from '../image/rgb';
import { checkSessionIo, graphPath, readModelCard, verifyGraphFiles, type ModelCard } from './card';
import { decodePeaks, sigmoid, type Box } from './decode';
import { ModelError } from './errors';
import { candidateProviders, createSessionsWithFallback, ProvidersExhaustedError, type ProviderChoice } from './providers';
import { normalizeRgbChw, queryTensorData, scaleClick } from './preprocess';

/** Encoded reference chip; opaque outside src/main/model. */
export interface ReferenceFeatures {
  readonly modelSha: string;
  readonly maps: Readonly<Record<string, ort.Tensor>>;
}

export interface Heatmap {
  width: number;
  height: number;
  /** sigmoid probabilities, row-major. */
  data: Float32Array;
}

export interface LocalizeResult {
  candidates: { score: number; box: Box }[];
  heatmap: Heatmap;
  /** The box every cell predicts (absolute xyxy chip pixels, channel-major 4×h×w), for fusion with a prior. */
  boxes: Float32Array;
  ms: number;
}

export interface RawLocalizerOutput {
  /** heatmap logits, row-major h×w */
  logits: Float32Array;
  /** absolute xyxy box per cell, channel-major 4×h×w */
  boxes: Float32Array;
  width: number;
  height: number;
}

/**
 * A frame that reads its own Q×Q pixels straight from the file (frames/decode.ts openFrame), so
 * the full-resolution frame is never held in memory.
 */
export interface QuerySource {
  width: number;
  height: number;
  readQuery(size: number): Promise<RgbImage>;
}

export interface LoadOptions {
  provider?: ProviderChoice;
  /** onnxruntime intra-op threads; defaults to every core this process may use. */
  threads?: number;
  /** See SessionSettings.allowSpinning. */
  allowSpinning?: boolean;
}

export class LoadedModel {
  private closed = false;

  private constructor(
    readonly dir: string,
    readonly card: ModelCard,
    readonly sha256: string,
    readonly provider: string,
    readonly providerNotes: string[],
    readonly threads: number,
    private readonly encoder: ort.InferenceSession,
    private readonly localizer: ort.InferenceSession,
  ) {}

  /**
   * Validates the card and checksums before creating sessions, so a damaged or mismatched
   * export is refused with a message naming the file rather than failing mid-inference.
   */
  static async load(dir: string, opts: LoadOptions = {}): Promise<LoadedModel> {
    const absDir = path.resolve(dir);
    const card = await readModelCard(absDir);
    const digests = await verifyGraphFiles(absDir, card);
    const encoderFile = graphPath(absDir, card, 'reference_encoder');
    const localizerFile = graphPath(absDir, card, 'click_localizer');
    const threads = opts.threads ?? Math.max(1, os.availableParallelism());
    let created: Awaited<ReturnType<typeof createSessionsWithFallback>>;
    try {
      created = await createSessionsWithFallback([encoderFile, localizerFile], candidateProviders(opts.provider ?? 'auto'), {
        intraOpNumThreads: threads,
        allowSpinning: opts.allowSpinning ?? false,
      });
    } catch (e) {
      if (!(e instanceof ProvidersExhaustedError)) throw e;
      throw new ModelError(
        'load-failed',
        e.file,
        `onnxruntime cannot load the model file ${e.file} (${e.notes.join('; ')}). The file is not a valid ONNX graph for onnxruntime ${ort.env.versions.common}; re-export the model (opset ${card.opset ?? 17}) or copy the model folder again.`,
      );
    }
    const [encoder, localizer] = created.sessions as [ort.InferenceSession, ort.InferenceSession];
    try {
      checkSessionIo(card, 'reference_encoder', encoderFile, encoder);
      checkSessionIo(card, 'click_localizer', localizerFile, localizer);
    } catch (e) {
      await Promise.all([encoder.release(), localizer.release()]);
      throw e;
    }
    // One digest for the pair: a cached reference is only valid for the exact encoder/localizer pair.
    const sha = createHash('sha256').update(`${digests.reference_encoder}:${digests.click_localizer}`).digest('hex');
    return new LoadedModel(absDir, card, sha, created.provider, created.notes, threads, encoder, localizer);
  }

  get querySize(): number {
    return this.card.query_size;
  }

  get referenceSize(): number {
    return this.card.reference_size;
  }

  /** Encodes an R×R reference chip (resized to R×R if it is not). */
  async encodeReference(chip: RgbImage): Promise<ReferenceFeatures> {
    const r = this.card.reference_size;
    const sized = chip.width === r && chip.height === r ? chip : await resizeRgb(chip, r, r);
    return this.encodeReferenceTensor(normalizeRgbChw(sized, this.card.normalization));
  }

  /** Runs the encoder on an already normalised [1,3,R,R] tensor (parity checks use this). */
  async encodeReferenceTensor(data: Float32Array): Promise<ReferenceFeatures> {
    this.assertOpen();
    const r = this.card.reference_size;
    const out = await this.encoder.run({ reference: new ort.Tensor('float32', data, [1, 3, r, r]) });
    const maps: Record<string, ort.Tensor> = {};
    for (const f of this.card.reference_features) maps[f.name] = out[f.name]!;
    return { modelSha: this.sha256, maps };
  }

  /** Finds the clicked object of a whole drone frame (any size, pixels or a file) in the encoded reference chip. */
  async localize(feats: ReferenceFeatures, query: RgbImage | QuerySource, click: { x: number; y: number }, topK = 5): Promise<LocalizeResult> {
    const started = performance.now();
    const q = this.card.query_size;
    const sized = 'readQuery' in query ? await query.readQuery(q) : await resizeRgb(query, q, q);
    if (sized.width !== q || sized.height !== q) throw new Error(`the query was read at ${sized.width}×${sized.height}, expected ${q}×${q}`);
    const data = queryTensorData(sized, scaleClick(click, query, q), this.card.normalization);
    const raw = await this.localizeTensor(data, feats);
    const probs = sigmoid(raw.logits);
    const candidates = decodePeaks(probs, raw.boxes, raw.width, raw.height, topK).map(({ score, box }) => ({ score, box }));
    return { candidates, heatmap: { width: raw.width, height: raw.height, data: probs }, boxes: raw.boxes, ms: performance.now() - started };
  }

  /** Runs the localizer on an already built [1,4,Q,Q] query tensor; returns logits and boxes. */
  async localizeTensor(queryData: Float32Array, feats: ReferenceFeatures): Promise<RawLocalizerOutput> {
    this.assertOpen();
    if (feats.modelSha !== this.sha256) {
      throw new Error('these reference features were encoded by another model; encode the reference chip again with the loaded model');
    }
    const q = this.card.query_size;
    const out = await this.localizer.run({ query: new ort.Tensor('float32', queryData, [1, 4, q, q]), ...feats.maps });
    const heatmap = out.heatmap!;
    const box = out.box!;
    const [, , h, w] = heatmap.dims as number[];
    if (h === undefined || w === undefined || box.dims[1] !== 4 || box.dims[2] !== h || box.dims[3] !== w) {
      throw new ModelError('io-mismatch', graphPath(this.dir, this.card, 'click_localizer'),
        `The graph returned heatmap [${heatmap.dims}] and box [${box.dims}], expected [1,1,h,w] and [1,4,h,w]. Re-export the model.`);
    }
    return { logits: heatmap.data as Float32Array, boxes: box.data as Float32Array, width: w, height: h };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.encoder.release(), this.localizer.release()]);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the model ${this.dir} was closed; load it again`);
  }
}
