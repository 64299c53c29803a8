import type { RgbImage } from '../image/rgb';
import { encodePng } from '../image/rgb';
import type { LoadedModel, QuerySource, ReferenceCache, ReferenceFeatures } from '../model';
import type { Candidate, DecidedBy } from '../store/types';
import { ApiError } from '../../shared/errors';
import { lonLatToEnu, type FrameCamera, type GroundUncertainty } from '../../shared/geometry';
import { chipBounds } from './chip';
import { affineChipToGround, fuseWithPrior, type ScoredCell } from './fusion';
import { boundsToLonLat, boxToLonLatRing, chipPxToCrs } from './georef';
import { heatmapToRgba } from './heatmap-image';
import type { CrsBounds, MosaicView } from './mosaic-view';

export interface LocalizeClickArgs {
  mosaic: MosaicView;
  model: LoadedModel;
  cache: ReferenceCache<ReferenceFeatures>;
  /** Decoded pixels, or a frame file that reads only the Q×Q query the model needs. */
  frame: RgbImage | QuerySource;
  /** In frame pixels, already checked with assertClickInFrame. */
  click: { x: number; y: number };
  /** Centre of the search chip: the click ray's ground point, the look-at point or where the user pointed. */
  centre: { lon: number; lat: number };
  /** The click ray's prior (the chip should then be centred on its ground point); absent: model only. */
  prior?: { camera: FrameCamera; uncertainty: GroundUncertainty; weight: number };
  /** Reference chip resolution (m/px); the model card's by default. */
  gsdM?: number;
  topK?: number;
}

export interface LocalizeClickResult {
  /** Ranked, best first; `score` is the fused score with a prior, else the model's probability. */
  candidates: Candidate[];
  decidedBy: DecidedBy;
  /** The model's own best box and the model's box at the ray's ground point, from the same run. */
  modelOnly: Candidate | null;
  geometryOnly: Candidate | null;
  chip: { mosaicPath: string; crs: string; bounds: CrsBounds; gsdM: number; size: number };
  /**
   * RGBA PNG at heatmap resolution, to be stretched over heatmapBoundsLonLat. Still being encoded
   * (off the main thread) when the result is returned, so the caller can save the object meanwhile.
   */
  heatmapPng: Promise<Buffer>;
  heatmapBoundsLonLat: [number, number, number, number];
  timings: { chipMs: number; encodeMs: number; localizeMs: number; fuseMs: number; totalMs: number; cachedReference: boolean };
}

/** The one check that a click lies on its frame: a user error naming the frame and its size. */
export function assertClickInFrame(click: { x: number; y: number }, frame: { width: number; height: number }, name: string): void {
  if (!(click.x >= 0 && click.x <= frame.width && click.y >= 0 && click.y <= frame.height)) {
    throw new ApiError('invalid-input', `The click (${click.x}, ${click.y}) lies outside frame ${name} (${frame.width}×${frame.height}). Click inside the frame.`);
  }
}

/** A click on a drone frame → ranked boxes on the map, reusing the encoded chip when it was seen before. */
export async function localizeClick(args: LocalizeClickArgs): Promise<LocalizeClickResult> {
  const started = performance.now();
  const { mosaic, model, cache, frame, click } = args;
  const size = model.card.reference_size;
  const gsdM = args.gsdM ?? model.card.reference_gsd_m;
  // A ray-centred chip moves with every click; snapped to the heatmap's cell grid, clicks on the same
  // object (within a cell) reuse the encoded chip. The prior keeps the exact ground point.
  const cellM = args.prior ? model.card.heatmap_stride * gsdM : 0;
  const bounds = snapBounds(mosaic, chipBounds(mosaic, args.centre, size, gsdM), cellM);
  const key = { modelSha: model.sha256, mosaicId: mosaic.info.id, bounds };

  let chipMs = 0;
  let encodeMs = 0;
  const { value: feats, cached } = await cache.getOrCreate(key, async () => {
    const t0 = performance.now();
    const chip = await mosaic.readWindowCrs({ minX: bounds[0], minY: bounds[1], maxX: bounds[2], maxY: bounds[3] }, size, size);
    const t1 = performance.now();
    const encoded = await model.encodeReference(chip);
    chipMs = t1 - t0;
    encodeMs = performance.now() - t1;
    return encoded;
  });

  const topK = args.topK ?? 5;
  const result = await model.localize(feats, frame, click, topK);
  const fuseStarted = performance.now();
  const candidate = (box: [number, number, number, number], score: number, scores: Candidate['scores']): Candidate => ({
    score,
    chipBox: box,
    ring: boxToLonLatRing(mosaic, bounds, size, box),
    ...(scores ? { scores } : {}),
  });
  let candidates: Candidate[];
  let decidedBy: DecidedBy = 'model only';
  let modelOnly: Candidate | null = null;
  let geometryOnly: Candidate | null = null;
  let overlay = result.heatmap;
  if (args.prior) {
    const { camera, uncertainty, weight } = args.prior;
    const fusion = fuseWithPrior({
      probs: result.heatmap.data,
      boxes: result.boxes,
      width: result.heatmap.width,
      height: result.heatmap.height,
      stride: size / result.heatmap.width,
      toGround: chipToPriorMetres(mosaic, bounds, size, camera, uncertainty.centre),
      priorPx: lonLatToChipPx(mosaic, bounds, size, uncertainty.centre),
      covEN: uncertainty.covEN,
      weight,
      topK,
    });
    const scored = (c: ScoredCell) => candidate(c.box, c.fused, { model: c.model, prior: c.prior, fused: c.fused });
    candidates = fusion.candidates.map(scored);
    decidedBy = fusion.decidedBy;
    modelOnly = fusion.modelOnly ? scored(fusion.modelOnly) : null;
    geometryOnly = scored(fusion.geometryOnly);
    overlay = { ...result.heatmap, data: fusion.fused };
  } else {
    candidates = result.candidates.map((c) => candidate(c.box, c.score, { model: c.score }));
    modelOnly = candidates[0] ?? null;
  }
  const fuseMs = performance.now() - fuseStarted;
  const heatmapPng = encodePng(heatmapToRgba(overlay));
  // Awaited by the caller; a failure is theirs to see, not an unhandled rejection meanwhile.
  heatmapPng.catch(() => undefined);
  return {
    candidates,
    decidedBy,
    modelOnly,
    geometryOnly,
    chip: { mosaicPath: mosaic.info.path, crs: mosaic.info.crs.code, bounds, gsdM, size },
    heatmapPng,
    heatmapBoundsLonLat: boundsToLonLat(mosaic, bounds),
    timings: { chipMs, encodeMs, localizeMs: result.ms, fuseMs, totalMs: performance.now() - started, cachedReference: cached },
  };
}

/** Shifts the chip so its corner lies on a grid of `cellM` metres in the mosaic's CRS (0: as is). */
function snapBounds(mosaic: MosaicView, b: CrsBounds, cellM: number): CrsBounds {
  if (!(cellM > 0)) return b;
  const cx = (b[0] + b[2]) / 2;
  const cy = (b[1] + b[3]) / 2;
  const [ux, uy] = mosaic.metresToCrsUnitsXY?.(cx, cy) ?? [mosaic.metresToCrsUnits(cx, cy), mosaic.metresToCrsUnits(cx, cy)];
  const gx = cellM * ux;
  const gy = cellM * uy;
  const dx = Math.round(b[0] / gx) * gx - b[0];
  const dy = Math.round(b[1] / gy) * gy - b[1];
  return [b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy];
}

function lonLatToChipPx(mosaic: MosaicView, b: CrsBounds, size: number, p: { lon: number; lat: number }): { x: number; y: number } {
  const [X, Y] = mosaic.lonLatToCrs(p.lon, p.lat);
  return { x: ((X - b[0]) / (b[2] - b[0])) * size, y: ((b[3] - Y) / (b[3] - b[1])) * size };
}

/** Chip pixels → metres east/north of the prior's centre, through the mosaic's CRS (affine over a chip). */
function chipToPriorMetres(mosaic: MosaicView, bounds: CrsBounds, size: number, camera: FrameCamera, centre: { lon: number; lat: number }) {
  const at = (x: number, y: number) => {
    const [X, Y] = chipPxToCrs(bounds, size, x, y);
    const [lon, lat] = mosaic.crsToLonLat(X, Y);
    return lonLatToEnu(camera, { lon, lat });
  };
  const c = lonLatToEnu(camera, centre);
  const shift = (p: { e: number; n: number }) => ({ e: p.e - c.e, n: p.n - c.n });
  const step = size / 2;
  return affineChipToGround(shift(at(0, 0)), shift(at(step, 0)), shift(at(0, step)), step);
}
