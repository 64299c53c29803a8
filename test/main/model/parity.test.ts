import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clickChannel, LoadedModel } from '../../../src/main/model';
import { TINY_MODEL_DIR } from './tiny-model';

/**
 * The training export (training/smgeo/export.py) writes the tensors it fed PyTorch and what
 * PyTorch returned, raw little-endian float32; onnxruntime-node must reproduce them.
 */
const PARITY_DIR = path.join(TINY_MODEL_DIR, 'parity');

const tensorEntry = z.object({ file: z.string(), shape: z.array(z.number().int()) });
const metaSchema = z.object({
  dtype: z.literal('float32'),
  byte_order: z.literal('little'),
  click_xy: z.tuple([z.number(), z.number()]),
  tolerance: z.object({ heatmap: z.number(), box_px: z.number() }),
  tensors: z.object({ reference: tensorEntry, query: tensorEntry, heatmap: tensorEntry, box: tensorEntry }),
});
type Meta = z.infer<typeof metaSchema>;

function readTensor(meta: Meta, name: keyof Meta['tensors']): Float32Array {
  const { file, shape } = meta.tensors[name];
  const buf = readFileSync(path.join(PARITY_DIR, file));
  const out = new Float32Array(buf.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(i * 4);
  expect(out.length, `${file} holds ${out.length} floats, meta.json says shape [${shape}]`).toBe(shape.reduce((a, b) => a * b, 1));
  return out;
}

function maxAbsDiff(a: Float32Array, b: Float32Array, offset = 0): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[offset + i]!));
  return m;
}

let model: LoadedModel;
let meta: Meta;
beforeAll(async () => {
  meta = metaSchema.parse(JSON.parse(readFileSync(path.join(PARITY_DIR, 'meta.json'), 'utf8')));
  model = await LoadedModel.load(TINY_MODEL_DIR, { provider: 'cpu' });
});
afterAll(async () => {
  await model.close();
});

describe('onnxruntime-node reproduces PyTorch on the exported tiny model', () => {
  it('has parity tensors of the sizes the card implies', () => {
    const r = model.card.reference_size;
    const q = model.card.query_size;
    const side = r / model.card.heatmap_stride;
    expect(meta.tensors.reference.shape).toEqual([1, 3, r, r]);
    expect(meta.tensors.query.shape).toEqual([1, 4, q, q]);
    expect(meta.tensors.heatmap.shape).toEqual([1, 1, side, side]);
    expect(meta.tensors.box.shape).toEqual([1, 4, side, side]);
  });

  it('gives the same heatmap logits (≤ 1e-3) and boxes for the parity inputs', async () => {
    const feats = await model.encodeReferenceTensor(readTensor(meta, 'reference'));
    const out = await model.localizeTensor(readTensor(meta, 'query'), feats);
    const heatmap = readTensor(meta, 'heatmap');
    const box = readTensor(meta, 'box');
    expect(out.logits.length).toBe(heatmap.length);
    expect(maxAbsDiff(out.logits, heatmap)).toBeLessThanOrEqual(Math.min(1e-3, meta.tolerance.heatmap));
    expect(out.boxes.length).toBe(box.length);
    expect(maxAbsDiff(out.boxes, box)).toBeLessThanOrEqual(meta.tolerance.box_px);

    // The decoded best cell must agree too, not only the raw maps.
    const argmax = (a: Float32Array) => a.reduce((best, v, i) => (v > a[best]! ? i : best), 0);
    expect(argmax(out.logits)).toBe(argmax(heatmap));
  });

  it('builds the same click channel as the exporter did for its click', () => {
    const q = model.card.query_size;
    const query = readTensor(meta, 'query');
    const [x, y] = meta.click_xy;
    // click_xy is rounded to 4 decimals in meta.json; the channel moves by far less than 1e-4 for that.
    expect(maxAbsDiff(clickChannel(q, x, y), query, 3 * q * q)).toBeLessThan(1e-4);
  });
});
