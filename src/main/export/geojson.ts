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

const str = JSON.stringify;
/** Like JSON.stringify for a finite number (and -0 → 0), without its generic dispatch. */
const num = (v: number): string => String(v);
/**
 * String(v) for a v that roundDeg returned, three times faster: k/1e7 is the double nearest to
 * the decimal k·10⁻⁷, so that decimal, without trailing zeros, is also JavaScript's shortest
 * form of it. Anything else (and the exponent forms below 1e-6) goes to String.
 */
function roundedNum(v: number): string {
  const k = Math.round(v * 1e7);
  if (k / 1e7 !== v || (k < 10 && k > -10)) return String(v);
  const digits = String(k < 0 ? -k : k);
  const cut = digits.length - 7;
  let text = cut > 0 ? `${digits.slice(0, cut)}.${digits.slice(cut)}` : `0.${'0'.repeat(-cut)}${digits}`;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--; // '0'
  if (text.charCodeAt(end - 1) === 46) end--; // '.'
  text = text.slice(0, end);
  return k < 0 ? `-${text}` : text;
}
const pair = (p: readonly number[]): string => `[${roundedNum(p[0])},${roundedNum(p[1])}]`;
const ringText = (ring: readonly LonLat[]): string => `[${ring.map(pair).join(',')}]`;
const orNull = (v: number | undefined): string => (v === undefined ? 'null' : num(v));

/**
 * Exactly JSON.stringify(objectToFeature(o)) (test/main/export/geojson-text.test.ts holds the two
 * together), written straight as text: building the object tree first and stringifying it cost
 * more than reading the project.
 */
export function featureJson(o: LocatedObject): string {
  const t = o.telemetry;
  const sc = o.searchCentre;
  const chip = o.chip;
  const id = str(o.id);
  const ring = ringText(checkedRing(o.ring, o, 'box'));
  const candidates = o.candidates.map(
    (c, i) =>
      `{"score":${num(c.score)},"chip_box":[${c.chipBox.map(num).join(',')}],"centre":${pair(ringCentroid(checkedRing(c.ring, o, `candidate ${i}`)).map(roundDeg))}}`,
  );
  const score = o.chosen >= 0 && o.chosen < o.candidates.length ? num(o.candidates[o.chosen].score) : 'null';
  const telemetry = t
    ? `{"lat":${num(t.lat)},"lon":${num(t.lon)},"alt_m":${orNull(t.altM)},"heading_deg":${orNull(t.headingDeg)},"pitch_deg":${orNull(t.pitchDeg)},"source":${str(t.source)}}`
    : 'null';
  const correctedFrom = o.correctedFrom ? ringText(checkedRing(o.correctedFrom, o, 'original box')) : 'null';
  return (
    `{"type":"Feature","id":${id},"geometry":{"type":"Polygon","coordinates":[${ring}]},"properties":{"id":${id},` +
    `"status":${str(o.status)},"label":${str(o.label)},"note":${str(o.note)},` +
    `"frame":{"index":${num(o.frame.index)},"name":${str(o.frame.name)}},"click":{"x":${num(o.click.x)},"y":${num(o.click.y)}},` +
    `"telemetry":${telemetry},"search_centre":{"lon":${roundedNum(roundDeg(sc.lon))},"lat":${roundedNum(roundDeg(sc.lat))},"source":${str(sc.source)}},` +
    `"chip":{"mosaic_path":${str(chip.mosaicPath)},"crs":${str(chip.crs)},"bounds":[${chip.bounds.map(num).join(',')}],"gsd_m":${num(chip.gsdM)},"size":${num(chip.size)}},` +
    `"model":{"id":${str(o.model.id)},"sha256":${str(o.model.sha256)},"provider":${str(o.model.provider)}},` +
    `"score":${score},"candidates":[${candidates.join(',')}],"chosen":${num(o.chosen)},"corrected_from":${correctedFrom},` +
    `"created_at":${str(o.createdAt)},"updated_at":${str(o.updatedAt)}}}`
  );
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
