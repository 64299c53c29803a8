// The analyst's verdicts as training data: every accepted or corrected object becomes one CVOGL
// sample (docs/CONTRACTS.md §2) — the frame as the query, the click, the reference chip the model
// saw, and the final box on that chip — so `python -m smgeo.train --init-from <model folder>`
// can fine-tune on them. Split by frame, never by object: every fifth frame that holds verdicts
// goes to `test`, so the fine-tune is measured on frames it never saw.
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { RgbImage } from '../image/rgb';
import type { LocatedObject } from '../store/types';
import { TrainingPairsError } from './errors';

export const DATASET_FOLDER = 'CVOGL_DroneAerial';
/** Frames are written with this long side at most: the model reads 128–512 px queries. */
export const QUERY_LONG_SIDE = 1024;
const TEST_EVERY = 5;

export interface FrameImage {
  /** The frame's upright size in the pixels clicks are given in. */
  width: number;
  height: number;
  /** The frame resized to fit `longSide` (aspect kept), as RGB. */
  read(longSide: number): Promise<RgbImage>;
}

export interface ChipSource {
  readWindowCrs(rect: { minX: number; minY: number; maxX: number; maxY: number }, width: number, height: number): Promise<RgbImage>;
  lonLatToCrs(lon: number, lat: number): [number, number];
}

export interface PairSources {
  /** The frame an object was clicked in, or null when it is no longer in the open frames. */
  frame(index: number, name: string): Promise<FrameImage | null>;
  /** The open mosaic at `path`, or null when the project no longer has it. */
  mosaic(path: string): ChipSource | null;
}

export interface PairExportOptions {
  progress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface PairExportResult {
  folder: string;
  train: number;
  test: number;
  skipped: { id: string; reason: string }[];
}

type Entry = [string, string, string, number, [number, number], [number, number, number, number], number, string];

/** The object's final ring on its reference chip, in chip pixels, clipped to the chip. */
export function ringToChipBox(object: LocatedObject, mosaic: Pick<ChipSource, 'lonLatToCrs'>): [number, number, number, number] | null {
  const [minX, minY, maxX, maxY] = object.chip.bounds;
  const size = object.chip.size;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [lon, lat] of object.ring) {
    const [X, Y] = mosaic.lonLatToCrs(lon, lat);
    xs.push(((X - minX) / (maxX - minX)) * size);
    ys.push(((maxY - Y) / (maxY - minY)) * size);
  }
  const clip = (v: number) => Math.min(Math.max(v, 0), size);
  const box: [number, number, number, number] = [clip(Math.min(...xs)), clip(Math.min(...ys)), clip(Math.max(...xs)), clip(Math.max(...ys))];
  return box[2] - box[0] >= 1 && box[3] - box[1] >= 1 ? box : null;
}

/** Test frames: every TEST_EVERY-th distinct frame index, in index order. */
export function testFrames(objects: LocatedObject[]): Set<number> {
  const frames = [...new Set(objects.map((o) => o.frame.index))].sort((a, b) => a - b);
  return new Set(frames.filter((_, i) => i % TEST_EVERY === TEST_EVERY - 1));
}

async function assertUsableFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => null);
  if (info && !info.isDirectory()) throw new TrainingPairsError(`${folder} is a file, not a folder. Choose a folder for the training pairs.`);
  const existing = await stat(join(folder, DATASET_FOLDER)).catch(() => null);
  if (existing) {
    throw new TrainingPairsError(`${join(folder, DATASET_FOLDER)} already exists. Choose an empty folder, or move the earlier export away first; nothing was overwritten.`);
  }
}

function pngOf(img: RgbImage): Promise<Buffer> {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).png().toBuffer();
}

function jpegOf(img: RgbImage): Promise<Buffer> {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
}

/**
 * Writes `<folder>/CVOGL_DroneAerial/{query,satellite}/…`, the `train`/`test` JSON split lists and
 * `samples.json` (telemetry and provenance per sample). The dataset appears whole or not at all:
 * it is written beside the target and renamed into place at the end, and a cancel removes it.
 */
export async function exportTrainingPairs(objects: LocatedObject[], sources: PairSources, folder: string, options: PairExportOptions = {}): Promise<PairExportResult> {
  await assertUsableFolder(folder);
  const verdicts = objects.filter((o) => o.status === 'accepted' || o.status === 'corrected');
  if (verdicts.length === 0) {
    throw new TrainingPairsError('No accepted or corrected objects yet: only objects the analyst confirmed become training pairs.');
  }
  await mkdir(folder, { recursive: true });
  const partial = join(folder, `.${DATASET_FOLDER}.partial-${process.pid}-${Date.now()}`);
  await mkdir(join(partial, 'query'), { recursive: true });
  await mkdir(join(partial, 'satellite'), { recursive: true });
  const testSet = testFrames(verdicts);
  const splits: Record<'train' | 'test', Entry[]> = { train: [], test: [] };
  const samples: Record<string, unknown>[] = [];
  const skipped: PairExportResult['skipped'] = [];
  const models = new Set<string>();
  try {
    for (const [i, object] of verdicts.entries()) {
      if (options.signal?.aborted) throw new TrainingPairsError('The training-pair export was cancelled; nothing was written.', 'cancelled');
      options.progress?.(i, verdicts.length);
      const mosaic = sources.mosaic(object.chip.mosaicPath);
      if (!mosaic) {
        skipped.push({ id: object.id, reason: `its mosaic ${object.chip.mosaicPath} is not open in the project` });
        continue;
      }
      const frame = await sources.frame(object.frame.index, object.frame.name);
      if (!frame) {
        skipped.push({ id: object.id, reason: `its frame ${object.frame.name} is not in the open frames` });
        continue;
      }
      const box = ringToChipBox(object, mosaic);
      if (!box) {
        skipped.push({ id: object.id, reason: 'its box lies outside the reference chip it was found on' });
        continue;
      }
      const query = await frame.read(QUERY_LONG_SIDE);
      const [minX, minY, maxX, maxY] = object.chip.bounds;
      const chip = await mosaic.readWindowCrs({ minX, minY, maxX, maxY }, object.chip.size, object.chip.size);
      const queryName = `${object.id}.jpg`;
      const satelliteName = `${object.id}.png`;
      await writeFile(join(partial, 'query', queryName), await jpegOf(query));
      await writeFile(join(partial, 'satellite', satelliteName), await pngOf(chip));
      const sx = query.width / frame.width;
      const sy = query.height / frame.height;
      const click: [number, number] = [object.click.x * sx, object.click.y * sy];
      const split = testSet.has(object.frame.index) ? 'test' : 'train';
      splits[split].push([object.id, queryName, satelliteName, 0, click, box, 0, object.label || 'object']);
      models.add(object.model.id);
      samples.push({
        id: object.id,
        split,
        status: object.status,
        frame: object.frame,
        telemetry: object.telemetry,
        chip: object.chip,
        ring: object.ring,
        model: object.model,
      });
    }
    for (const split of ['train', 'test'] as const) {
      await writeFile(join(partial, `${DATASET_FOLDER}_${split}.json`), `${JSON.stringify(splits[split])}\n`);
    }
    const meta = {
      format: 'smgeo-training-pairs/1',
      about: 'Accepted and corrected objects exported by SMGeo Workstation; split by frame (every fifth frame with verdicts is test).',
      created: new Date().toISOString(),
      models: [...models],
      counts: { train: splits.train.length, test: splits.test.length, skipped: skipped.length },
      skipped,
    };
    await writeFile(join(partial, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
    await writeFile(join(partial, 'samples.json'), `${JSON.stringify(samples, null, 1)}\n`);
    await rename(partial, join(folder, DATASET_FOLDER));
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  }
  options.progress?.(verdicts.length, verdicts.length);
  return { folder: join(folder, DATASET_FOLDER), train: splits.train.length, test: splits.test.length, skipped };
}
