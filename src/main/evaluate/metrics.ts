// Scores of one located answer against the sample's truth, and their summary (README table).
import { iou, type Box } from '../localize/metrics';
import { pointInRing } from '../../shared/geometry';

export interface AnswerScore {
  iou: number;
  /** The answer's box centre lies inside the object's true footprint. */
  hit: boolean;
  /** Metres from the answer's box centre to the centre of the object's true footprint. */
  groundErrorM: number;
}

/** An answer that does not exist (the click failed): no overlap, no hit, infinitely far. */
export const MISSED: AnswerScore = { iou: 0, hit: false, groundErrorM: Number.POSITIVE_INFINITY };

export interface Georef {
  /** lon/lat → mosaic pixel (column, row). */
  toPx(lon: number, lat: number): [number, number];
  /** mosaic pixel → lon/lat. */
  toLonLat(x: number, y: number): [number, number];
  /** metres per mosaic pixel. */
  gsdM: number;
}

/** The axis-aligned mosaic-pixel box of a lon/lat ring. */
export function ringToPxBox(ring: ReadonlyArray<readonly [number, number]>, g: Georef): Box {
  const px = ring.map(([lon, lat]) => g.toPx(lon, lat));
  const xs = px.map((p) => p[0]);
  const ys = px.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export function scoreAnswer(ring: ReadonlyArray<readonly [number, number]> | null, truthBoxPx: Box, footprint: ReadonlyArray<readonly [number, number]>, g: Georef): AnswerScore {
  if (!ring || ring.length < 4) return MISSED;
  const box = ringToPxBox(ring, g);
  const cx = (box[0] + box[2]) / 2;
  const cy = (box[1] + box[3]) / 2;
  const fp = footprint.map(([lon, lat]) => g.toPx(lon, lat));
  const fx = fp.slice(0, -1).reduce((s, p) => s + p[0], 0) / (fp.length - 1);
  const fy = fp.slice(0, -1).reduce((s, p) => s + p[1], 0) / (fp.length - 1);
  return {
    iou: iou(box, truthBoxPx),
    hit: pointInRing(g.toLonLat(cx, cy), footprint),
    groundErrorM: Math.hypot(cx - fx, cy - fy) * g.gsdM,
  };
}

export interface AnswerSummary {
  n: number;
  'acc@0.25': number;
  'acc@0.5': number;
  miou: number;
  hitRate: number;
  medianGroundErrorM: number;
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** acc@t counts IoU > t strictly (as the model metrics do); a failed click counts as a miss. */
export function summarizeAnswers(scores: readonly AnswerScore[]): AnswerSummary {
  const n = scores.length;
  if (n === 0) return { n: 0, 'acc@0.25': 0, 'acc@0.5': 0, miou: 0, hitRate: 0, medianGroundErrorM: Number.NaN };
  return {
    n,
    'acc@0.25': scores.filter((s) => s.iou > 0.25).length / n,
    'acc@0.5': scores.filter((s) => s.iou > 0.5).length / n,
    miou: scores.reduce((a, s) => a + s.iou, 0) / n,
    hitRate: scores.filter((s) => s.hit).length / n,
    medianGroundErrorM: median(scores.map((s) => s.groundErrorM)),
  };
}
