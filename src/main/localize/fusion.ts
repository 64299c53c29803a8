// Appearance × geometry (docs/CONTRACTS.md §3b): every heatmap cell's model probability times the
// click ray's prior density at the box that cell predicts, raised to a weight.
import { decodePeaks, type Box } from '../model';

export type DecidedBy = 'geometry + model' | 'model only' | 'geometry only';

/** Chip pixel → metres east/north of the prior's centre (an affine map; the chip is small). */
export interface ChipToGround {
  (x: number, y: number): { e: number; n: number };
}

export interface FusionInput {
  /** Model probabilities (sigmoid of the heatmap), row-major width × height. */
  probs: Float32Array;
  /** Absolute xyxy box per cell in chip pixels, channel-major 4 × height × width. */
  boxes: Float32Array;
  width: number;
  height: number;
  /** Chip pixels per heatmap cell. */
  stride: number;
  toGround: ChipToGround;
  /** Where the ray's ground point lies on the chip (pixels). */
  priorPx: { x: number; y: number };
  /** The prior's covariance in (east, north), m²: [σ²e, cov, σ²n]. */
  covEN: [number, number, number];
  /** Exponent of the prior: 0 = model only, 1 = plain product. */
  weight: number;
  topK: number;
}

export interface ScoredCell {
  cell: { x: number; y: number };
  box: Box;
  model: number;
  prior: number;
  fused: number;
}

export interface FusionResult {
  /** Ranked by fused score, best first (3×3 NMS on the fused map). */
  candidates: ScoredCell[];
  /** The model's own best peak (what the app answered without geometry). */
  modelOnly: ScoredCell | null;
  /** The model's box at the cell nearest the ray's ground point. */
  geometryOnly: ScoredCell;
  decidedBy: DecidedBy;
  /** The fused map, for the overlay. */
  fused: Float32Array;
}

/** Covariance floor (m²): a perfect telemetry still leaves the object's own extent and the heatmap cell. */
export const PRIOR_FLOOR_M2 = 4;
/**
 * When the model gives no cell within the 3σ ellipse at least this probability, it saw nothing there:
 * the answer is the geometry-only box and the status bar says "geometry only".
 */
export const MODEL_SILENT_BELOW = 0.02;

function mahalanobis2(de: number, dn: number, cov: [number, number, number]): number {
  const a = cov[0] + PRIOR_FLOOR_M2;
  const b = cov[1];
  const d = cov[2] + PRIOR_FLOOR_M2;
  return (d * de * de - 2 * b * de * dn + a * dn * dn) / (a * d - b * b);
}

function boxAt(boxes: Float32Array, plane: number, i: number): Box {
  return [boxes[i]!, boxes[plane + i]!, boxes[2 * plane + i]!, boxes[3 * plane + i]!];
}

/**
 * fused(cell) = p(cell) · π(cell)^w with π = exp(−½ d²), d² the Mahalanobis distance of the cell's
 * predicted box centre from the ray's ground point under the prior covariance (+ PRIOR_FLOOR_M2).
 */
export function fuseWithPrior(input: FusionInput): FusionResult {
  const { probs, boxes, width, height, stride, toGround, covEN, weight, priorPx } = input;
  const plane = width * height;
  if (probs.length !== plane || boxes.length !== 4 * plane) throw new Error(`fusion needs a ${width}×${height} heatmap and its 4 box planes`);
  const prior = new Float32Array(plane);
  const fused = new Float32Array(plane);
  let nearest = 0;
  let nearestD2 = Infinity;
  let bestInEllipse = 0;
  for (let i = 0; i < plane; i++) {
    const cx = ((i % width) + 0.5) * stride;
    const cy = (Math.floor(i / width) + 0.5) * stride;
    const b = boxAt(boxes, plane, i);
    const bx = Number.isFinite(b[0] + b[2]) ? (b[0] + b[2]) / 2 : cx;
    const by = Number.isFinite(b[1] + b[3]) ? (b[1] + b[3]) / 2 : cy;
    const g = toGround(bx, by);
    const d2 = mahalanobis2(g.e, g.n, covEN);
    prior[i] = Math.exp(-0.5 * d2);
    fused[i] = weight === 0 ? probs[i]! : probs[i]! * Math.pow(prior[i]!, weight);
    const cellD2 = (cx - priorPx.x) ** 2 + (cy - priorPx.y) ** 2;
    if (cellD2 < nearestD2) {
      nearestD2 = cellD2;
      nearest = i;
    }
    if (d2 <= 9 && probs[i]! > bestInEllipse) bestInEllipse = probs[i]!;
  }
  const scored = (i: number): ScoredCell => ({
    cell: { x: i % width, y: Math.floor(i / width) },
    box: boxAt(boxes, plane, i),
    model: probs[i]!,
    prior: prior[i]!,
    fused: fused[i]!,
  });
  const index = (p: { cell: { x: number; y: number } }) => p.cell.y * width + p.cell.x;
  const modelPeak = decodePeaks(probs, boxes, width, height, 1)[0];
  // Geometry says where: the model's box at that cell. (Moving that box onto the ground point itself
  // scored worse on the sample, acc@0.5 0.40 against 0.63 with exact telemetry: the box regressed at
  // the cell already leans towards the object, and the ray's point is metres off its footprint centre.)
  const geometryOnly = scored(nearest);
  const modelOnly = modelPeak ? scored(index(modelPeak)) : null;
  if (weight > 0 && bestInEllipse < MODEL_SILENT_BELOW) {
    // The fused peaks stay as alternatives the analyst may pick.
    const rest = decodePeaks(fused, boxes, width, height, input.topK).map((p) => scored(index(p))).filter((c) => index(c) !== nearest);
    return { candidates: [geometryOnly, ...rest].slice(0, Math.max(1, input.topK)), modelOnly, geometryOnly, decidedBy: 'geometry only', fused };
  }
  const candidates = decodePeaks(fused, boxes, width, height, input.topK).map((p) => scored(index(p)));
  if (weight > 0 && candidates.length > 1 && !candidates.some((c) => index(c) === nearest)) {
    // The analyst can always take the ray's own answer: ranked by its cell's fused score, kept in the top k.
    const at = candidates.findIndex((c) => c.fused < geometryOnly.fused);
    candidates.splice(at < 0 ? candidates.length : at, 0, geometryOnly);
    if (candidates.length > input.topK) candidates.splice(candidates.indexOf(geometryOnly) === input.topK ? input.topK - 1 : input.topK, 1);
  }
  return { candidates, modelOnly, geometryOnly, decidedBy: weight > 0 ? 'geometry + model' : 'model only', fused };
}

/** Chip pixels → metres from the prior's centre, from three projected points (exact for affine maps). */
export function affineChipToGround(origin: { e: number; n: number }, alongX: { e: number; n: number }, alongY: { e: number; n: number }, stepPx: number): ChipToGround {
  const ax = { e: (alongX.e - origin.e) / stepPx, n: (alongX.n - origin.n) / stepPx };
  const ay = { e: (alongY.e - origin.e) / stepPx, n: (alongY.n - origin.n) / stepPx };
  return (x, y) => ({ e: origin.e + ax.e * x + ay.e * y, n: origin.n + ax.n * x + ay.n * y });
}
