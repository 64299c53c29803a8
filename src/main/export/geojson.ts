import path from 'node:path';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { writeFileAtomic } from '../store/atomic-file';
import type { LocatedObject, LonLat, ObjectStatus } from '../store/types';
import { exteriorRing, isLonLatInRange, ringCentroid, roundDeg } from './geometry';
import { selectForExport, type ExportOptions, type ExportResult } from './select';

/** The per-object audit trail carried in each feature's properties (snake_case, like GIS tools). */
export interface ObjectProperties {
  id: string;
  status: ObjectStatus;
  label: string;
  note: string;
  frame: { index: number; name: string };
  click: { x: number; y: number };
  telemetry: {
    lat: number;
    lon: number;
    alt_m: number | null;
    heading_deg: number | null;
    pitch_deg: number | null;
    source: 'srt' | 'exif';
  } | null;
  search_centre: { lon: number; lat: number; source: 'telemetry' | 'user' | 'ray' };
  chip: { mosaic_path: string; crs: string; bounds: [number, number, number, number]; gsd_m: number; size: number };
  model: { id: string; sha256: string; provider: string };
  /** The chosen candidate's score; null for a box the analyst drew without a candidate. */
  score: number | null;
  /** Every candidate the model proposed. Their full rings stay in the project file: five rings per
   * object would triple the export (100,000 objects: 186 MB) for data the chip box already pins. */
  candidates: { score: number; chip_box: [number, number, number, number]; centre: LonLat }[];
  chosen: number;
  corrected_from: LonLat[] | null;
  created_at: string;
  updated_at: string;
}

export type ObjectFeature = Feature<Polygon, ObjectProperties>;
export type ObjectFeatureCollection = FeatureCollection<Polygon, ObjectProperties>;

function checkedRing(ring: LonLat[], o: LocatedObject, what: string): LonLat[] {
  const out = exteriorRing(ring);
  if (out.length < 4 || !out.every(isLonLatInRange)) {
    throw new Error(
      `Object ${o.id} (frame ${o.frame.name}) cannot be exported: its ${what} is not a valid lon/lat ring. Correct or reject it, then export again.`,
    );
  }
  return out;
}

export function objectToFeature(o: LocatedObject): ObjectFeature {
  const t = o.telemetry;
  return {
    type: 'Feature',
    id: o.id,
    geometry: { type: 'Polygon', coordinates: [checkedRing(o.ring, o, 'box')] },
    properties: {
      id: o.id,
      status: o.status,
      label: o.label,
      note: o.note,
      frame: { index: o.frame.index, name: o.frame.name },
      click: { x: o.click.x, y: o.click.y },
      telemetry: t
        ? {
            lat: t.lat,
            lon: t.lon,
            alt_m: t.altM ?? null,
            heading_deg: t.headingDeg ?? null,
            pitch_deg: t.pitchDeg ?? null,
            source: t.source,
          }
        : null,
      search_centre: { lon: roundDeg(o.searchCentre.lon), lat: roundDeg(o.searchCentre.lat), source: o.searchCentre.source },
      chip: { mosaic_path: o.chip.mosaicPath, crs: o.chip.crs, bounds: o.chip.bounds, gsd_m: o.chip.gsdM, size: o.chip.size },
      model: { id: o.model.id, sha256: o.model.sha256, provider: o.model.provider },
      score: o.chosen >= 0 && o.chosen < o.candidates.length ? o.candidates[o.chosen].score : null,
      candidates: o.candidates.map((c, i) => ({
        score: c.score,
        chip_box: c.chipBox,
        centre: ringCentroid(checkedRing(c.ring, o, `candidate ${i}`)).map(roundDeg) as LonLat,
      })),
      chosen: o.chosen,
      corrected_from: o.correctedFrom ? checkedRing(o.correctedFrom, o, 'original box') : null,
      created_at: o.createdAt,
      updated_at: o.updatedAt,
    },
  };
}

/** RFC 7946 FeatureCollection: WGS84 lon/lat, no `crs` member, counter-clockwise exterior rings. */
export function objectsToGeoJSON(objs: LocatedObject[], opts: ExportOptions = {}): ObjectFeatureCollection {
  return { type: 'FeatureCollection', features: selectForExport(objs, opts).map(objectToFeature) };
}

const FEATURES_PER_CHUNK = 2000;

/**
 * The same text as JSON.stringify(objectsToGeoJSON(...)), produced in chunks so a large project
 * never becomes one giant string (V8 caps strings at ~512 MB) or one giant object tree.
 */
export const GEOJSON_HEAD = '{"type":"FeatureCollection","features":[';
export const GEOJSON_TAIL = ']}\n';

export function featureJson(o: LocatedObject): string {
  return JSON.stringify(objectToFeature(o));
}

export function* geoJsonChunks(objs: readonly LocatedObject[]): Generator<string> {
  yield GEOJSON_HEAD;
  let separator = '';
  for (let start = 0; start < objs.length; start += FEATURES_PER_CHUNK) {
    const parts: string[] = [];
    const end = Math.min(start + FEATURES_PER_CHUNK, objs.length);
    for (let i = start; i < end; i++) parts.push(featureJson(objs[i]));
    yield separator + parts.join(',');
    separator = ',';
  }
  yield GEOJSON_TAIL;
}

export async function writeGeoJSON(file: string, objs: LocatedObject[], opts: ExportOptions = {}): Promise<ExportResult> {
  const selected = selectForExport(objs, opts);
  const target = path.resolve(file);
  // Streamed: an object that cannot be exported aborts the write, and writeFileAtomic then
  // removes the partial temporary file and leaves any earlier export untouched.
  await writeFileAtomic(target, geoJsonChunks(selected));
  return { count: selected.length, path: target };
}
