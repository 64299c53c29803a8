/** Detection metrics on absolute boxes in reference-image pixels (as DetGeo evaluates, not per-cell). */

export type Box = readonly [number, number, number, number];

export function boxArea(b: Box): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

export function iou(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  const inter = w > 0 && h > 0 ? w * h : 0;
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

export function centreDistance(a: Box, b: Box): number {
  return Math.hypot((a[0] + a[2]) / 2 - (b[0] + b[2]) / 2, (a[1] + a[3]) / 2 - (b[1] + b[3]) / 2);
}

export interface EvaluationSummary {
  n: number;
  'acc@0.25': number;
  'acc@0.5': number;
  miou: number;
  centreErrorPx: { mean: number; median: number };
}

/** Summary of top-1 predictions against targets (same pixel frame for both); acc@t counts IoU > t strictly, as DetGeo and training/smgeo/metrics.py do. */
export function summarizeDetections(pairs: readonly { predicted: Box; target: Box }[]): EvaluationSummary {
  const n = pairs.length;
  if (n === 0) return { n: 0, 'acc@0.25': 0, 'acc@0.5': 0, miou: 0, centreErrorPx: { mean: 0, median: 0 } };
  const ious = pairs.map((p) => iou(p.predicted, p.target));
  const errors = pairs.map((p) => centreDistance(p.predicted, p.target)).sort((x, y) => x - y);
  const mid = Math.floor(n / 2);
  return {
    n,
    'acc@0.25': ious.filter((v) => v > 0.25).length / n,
    'acc@0.5': ious.filter((v) => v > 0.5).length / n,
    miou: ious.reduce((s, v) => s + v, 0) / n,
    centreErrorPx: {
      mean: errors.reduce((s, v) => s + v, 0) / n,
      median: n % 2 === 1 ? errors[mid]! : (errors[mid - 1]! + errors[mid]!) / 2,
    },
  };
}
