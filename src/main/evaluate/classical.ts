// The classical control of the project evaluation: the same clicks on the same chips, answered by
// SIFT + RANSAC in the training package (python -m smgeo.classical). It gives a point, not a box,
// so it is scored on hit rate and ground error only.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pointInRing } from '../../shared/geometry';
import type { Georef } from './metrics';

export interface ClassicalItem {
  frame: string;
  click: { x: number; y: number };
  /** The chip the app used, in mosaic pixels: x0, y0, x1, y1. */
  window: [number, number, number, number];
  size: number;
  footprint: ReadonlyArray<readonly [number, number]>;
}

export interface PointSummary {
  n: number;
  /** Clicks for which the matcher found a homography at all. */
  answered: number;
  hitRate: number;
  medianGroundErrorM: number;
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/**
 * Hit rate and ground error of the points; an unanswered click, or one of the `total` clicks that
 * never reached the matcher (the app failed it), is a miss at infinite distance.
 */
export function summarizePoints(points: ReadonlyArray<[number, number] | null>, items: readonly ClassicalItem[], g: Georef, total = points.length): PointSummary {
  const errors: number[] = Array<number>(Math.max(0, total - points.length)).fill(Number.POSITIVE_INFINITY);
  let hits = 0;
  points.forEach((p, i) => {
    if (!p) {
      errors.push(Number.POSITIVE_INFINITY);
      return;
    }
    const fp = items[i]!.footprint.map(([lon, lat]) => g.toPx(lon, lat));
    const n = fp.length - 1;
    const fx = fp.slice(0, n).reduce((s, q) => s + q[0], 0) / n;
    const fy = fp.slice(0, n).reduce((s, q) => s + q[1], 0) / n;
    errors.push(Math.hypot(p[0] - fx, p[1] - fy) * g.gsdM);
    if (pointInRing(g.toLonLat(p[0], p[1]), items[i]!.footprint)) hits += 1;
  });
  const n = Math.max(total, points.length);
  return { n, answered: points.filter((p) => p !== null).length, hitRate: n ? hits / n : 0, medianGroundErrorM: median(errors) };
}

/** Runs the matcher over every item (one Python process per call); null where it found no homography. */
export async function classicalPoints(repo: string, mosaicPath: string, items: readonly ClassicalItem[]): Promise<Array<[number, number] | null>> {
  const python = join(repo, 'training/.venv/bin/python');
  if (!existsSync(python)) throw new Error(`${python} is missing: run node scripts/pretest.mjs (npm test does) to build training/.venv`);
  const dir = await mkdtemp(join(tmpdir(), 'smgeo-classical-'));
  try {
    const spec = { mosaic: mosaicPath, items: items.map((it) => ({ frame: it.frame, click: [it.click.x, it.click.y], window: it.window, size: it.size })) };
    await writeFile(join(dir, 'in.json'), JSON.stringify(spec));
    const r = spawnSync(python, ['-m', 'smgeo.classical', '--batch', join(dir, 'in.json'), '--out', join(dir, 'out.json')], {
      cwd: join(repo, 'training'),
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`the classical matcher failed (exit ${r.status}): ${(r.stderr || r.error?.message || '').slice(-500)}`);
    const out = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as { point: [number, number] | null }[];
    return out.map((o) => o.point);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
