// A located object as the GeoJSON Feature every export writes. Shared so the store can keep each
// object's Feature text beside its row (written once at save time, copied verbatim at export time).
import type { ObjectStatusView, ObjectView } from './api';
import { exteriorRing, isLonLatInRange, ringCentroid, roundDeg } from './geometry/rings';

type LonLat = [number, number];

/** The per-object audit trail carried in each feature's properties (snake_case, like GIS tools). */
export interface ObjectProperties {
  id: string;
  status: ObjectStatusView;
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

/** RFC 7946 Feature: WGS84 lon/lat, counter-clockwise exterior ring, no `crs` member. */
export interface ObjectFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Polygon'; coordinates: LonLat[][] };
  properties: ObjectProperties;
}

function checkedRing(ring: readonly LonLat[], o: ObjectView, what: string): LonLat[] {
  const out = exteriorRing(ring);
  if (out.length < 4 || !out.every(isLonLatInRange)) {
    throw new Error(
      `Object ${o.id} (frame ${o.frame.name}) cannot be exported: its ${what} is not a valid lon/lat ring. Correct or reject it, then export again.`,
    );
  }
  return out;
}

export function objectToFeature(o: ObjectView): ObjectFeature {
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

/** The Feature as the text a GeoJSON export writes for it. */
export function featureJson(o: ObjectView): string {
  return JSON.stringify(objectToFeature(o));
}
