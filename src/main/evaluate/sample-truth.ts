// The synthetic sample's answers (resources/sample/ground_truth.json, written by the scene generator)
// and noisy copies of its telemetry, for the end-to-end accuracy command.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CliError } from '../cli/read-image';
import { offsetLonLat } from '../localize/lookat';

const box = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const truthSchema = z.object({
  format: z.literal('smgeo-synth-truth/1'),
  crs: z.string(),
  mosaic: z.object({ file: z.string(), geotransform: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]) }),
  frame_size: z.tuple([z.number(), z.number()]),
  objects: z.array(z.object({ id: z.number(), class: z.string(), footprint_lonlat: z.array(z.tuple([z.number(), z.number()])), box_mosaic_px: box })),
  frames: z.array(z.object({ file: z.string(), objects: z.array(z.object({ id: z.number(), box, visible_px: z.number() })) })),
});
export type SampleTruth = z.infer<typeof truthSchema>;

export async function readSampleTruth(file: string): Promise<SampleTruth> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new CliError(`Cannot read the ground truth ${file} (${(e as Error).message}). --project needs a folder made by \`npm run sample\` (frames/, mosaic.tif, ground_truth.json).`);
  }
  const parsed = truthSchema.safeParse(json);
  if (!parsed.success) throw new CliError(`${file} is not a smgeo-synth-truth/1 file: ${parsed.error.issues[0]?.message ?? 'unknown shape'}.`);
  return parsed.data;
}

export interface TruthClick {
  frameIndex: number;
  objectId: number;
  cls: string;
  /** The centre of the object's box in the frame: where the analyst clicks. */
  click: { x: number; y: number };
  boxMosaicPx: [number, number, number, number];
  footprint: Array<[number, number]>;
}

/** Every object with at least `minVisiblePx` visible pixels in every frame, clicked at its box centre. */
export function truthClicks(truth: SampleTruth, minVisiblePx = 400): TruthClick[] {
  const objects = new Map(truth.objects.map((o) => [o.id, o]));
  const out: TruthClick[] = [];
  truth.frames.forEach((f, frameIndex) => {
    for (const seen of f.objects) {
      const o = objects.get(seen.id);
      if (!o || seen.visible_px < minVisiblePx) continue;
      const [x1, y1, x2, y2] = seen.box;
      out.push({ frameIndex, objectId: o.id, cls: o.class, click: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 }, boxMosaicPx: o.box_mosaic_px, footprint: o.footprint_lonlat });
    }
  });
  return out;
}

/** Telemetry error of one level, as 1σ of independent normal errors (roll stays exact). */
export interface NoiseLevel {
  name: string;
  headingDeg: number;
  pitchDeg: number;
  altitudeM: number;
  positionM: number;
}

export const NOISE_LEVELS: NoiseLevel[] = [
  { name: 'none', headingDeg: 0, pitchDeg: 0, altitudeM: 0, positionM: 0 },
  { name: 'medium', headingDeg: 5, pitchDeg: 2, altitudeM: 5, positionM: 3 },
  { name: 'high', headingDeg: 10, pitchDeg: 3, altitudeM: 10, positionM: 5 },
];

/** mulberry32: a small seeded generator, so a run can be repeated exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const NUM = '(-?\\d+(?:\\.\\d+)?)';

/**
 * The SRT with each block's position, heights, yaw and pitch moved by one draw of the level's
 * errors (one error per frame, as a real flight log has). rel_alt and abs_alt move together, so the
 * take-off elevation stays right.
 */
export function noisySrt(text: string, level: NoiseLevel, rand: () => number): string {
  return text.replace(/\[latitude: [^\n]*?gb_pitch: -?[\d.]+/g, (line) => {
    const get = (name: string) => Number(new RegExp(`${name}: ${NUM}`).exec(line)?.[1]);
    const lat = get('latitude');
    const lon = get('longitude');
    const dE = normal(rand) * level.positionM;
    const dN = normal(rand) * level.positionM;
    const dAlt = normal(rand) * level.altitudeM;
    const dYaw = normal(rand) * level.headingDeg;
    const dPitch = normal(rand) * level.pitchDeg;
    const east = offsetLonLat(lon, lat, 90, dE);
    const moved = offsetLonLat(east.lon, east.lat, 0, dN);
    const set = (s: string, name: string, v: number, digits: number) => s.replace(new RegExp(`${name}: ${NUM}`), `${name}: ${v.toFixed(digits)}`);
    let s = set(line, 'latitude', moved.lat, 7);
    s = set(s, 'longitude', moved.lon, 7);
    s = set(s, 'rel_alt', get('rel_alt') + dAlt, 3);
    s = set(s, 'abs_alt', get('abs_alt') + dAlt, 3);
    s = set(s, 'gb_yaw', get('gb_yaw') + dYaw, 2);
    return set(s, 'gb_pitch', Math.min(get('gb_pitch') + dPitch, -0.5), 2);
  });
}
