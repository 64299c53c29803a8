import type { RgbImage } from '../image/rgb';
import { encodePng } from '../image/rgb';
import type { LoadedModel, QuerySource, ReferenceCache, ReferenceFeatures } from '../model';
import type { Candidate } from '../store/types';
import { chipBounds } from './chip';
import { boundsToLonLat, boxToLonLatRing } from './georef';
import { heatmapToRgba } from './heatmap-image';
import type { CrsBounds, MosaicView } from './mosaic-view';

export interface LocalizeClickArgs {
  mosaic: MosaicView;
  model: LoadedModel;
  cache: ReferenceCache<ReferenceFeatures>;
  /** Decoded pixels, or a frame file that reads only the Q×Q query the model needs. */
  frame: RgbImage | QuerySource;
  /** In frame pixels. */
  click: { x: number; y: number };
  /** Centre of the search chip: the telemetry look-at point or where the user pointed. */
  centre: { lon: number; lat: number };
  topK?: number;
}

export interface LocalizeClickResult {
  candidates: Candidate[];
  chip: { mosaicPath: string; crs: string; bounds: CrsBounds; gsdM: number; size: number };
  /** RGBA PNG at heatmap resolution, to be stretched over heatmapBoundsLonLat. */
  heatmapPng: Buffer;
  heatmapBoundsLonLat: [number, number, number, number];
  timings: { chipMs: number; encodeMs: number; localizeMs: number; totalMs: number; cachedReference: boolean };
}

/** A click on a drone frame → ranked boxes on the map, reusing the encoded chip when it was seen before. */
export async function localizeClick(args: LocalizeClickArgs): Promise<LocalizeClickResult> {
  const started = performance.now();
  const { mosaic, model, cache, frame, click } = args;
  if (!(click.x >= 0 && click.x <= frame.width && click.y >= 0 && click.y <= frame.height)) {
    throw new Error(`the click (${click.x}, ${click.y}) lies outside the ${frame.width}×${frame.height} frame`);
  }
  const size = model.card.reference_size;
  const gsdM = model.card.reference_gsd_m;
  const bounds = chipBounds(mosaic, args.centre, size, gsdM);
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

  const result = await model.localize(feats, frame, click, args.topK ?? 5);
  const candidates: Candidate[] = result.candidates.map((c) => ({
    score: c.score,
    chipBox: c.box,
    ring: boxToLonLatRing(mosaic, bounds, size, c.box),
  }));
  const heatmapPng = await encodePng(heatmapToRgba(result.heatmap));
  return {
    candidates,
    chip: { mosaicPath: mosaic.info.path, crs: mosaic.info.crs.code, bounds, gsdM, size },
    heatmapPng,
    heatmapBoundsLonLat: boundsToLonLat(mosaic, bounds),
    timings: { chipMs, encodeMs, localizeMs: result.ms, totalMs: performance.now() - started, cachedReference: cached },
  };
}
