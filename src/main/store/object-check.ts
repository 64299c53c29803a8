// The stored-object schema (ObjectView in src/shared/api.ts, refined in ./schemas) written out as
// plain checks. Exporting 100,000 objects spent most of its time in the zod parse; these checks
// accept exactly what that parse accepts, and a row they refuse is parsed with zod after all, so
// its error message stays the schema's. Keep the two in step: test/main/store/object-check.test.ts
// compares them on valid objects and on every kind of damage.
import { z } from 'zod';
import { Localization } from '../../shared/api';

type Obj = Record<string, unknown>;

const isoDatetime = z.iso.datetime();
const STATUSES = new Set(['pending', 'accepted', 'corrected', 'rejected']);
const SEARCH_SOURCES = new Set(['telemetry', 'user', 'ray']);
const TELEMETRY_NUMBERS = ['altM', 'headingDeg', 'pitchDeg', 'rollDeg', 'focal35mm', 'focalMm', 'sensorWidthMm', 'takeoffElevationM'];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isLon = (v: unknown) => isFinite(v) && v >= -180 && v <= 180;
const isLat = (v: unknown) => isFinite(v) && v >= -90 && v <= 90;
const optionalFinite = (v: unknown) => v === undefined || isFinite(v);

function isFiniteTuple(v: unknown, n: number): boolean {
  if (!Array.isArray(v) || v.length !== n) return false;
  for (let i = 0; i < n; i++) if (!isFinite(v[i])) return false;
  return true;
}

function isRing(v: unknown): boolean {
  if (!Array.isArray(v) || v.length < 4 || v.length > 1000) return false;
  for (let i = 0; i < v.length; i++) {
    const p: unknown = v[i];
    if (!Array.isArray(p) || p.length !== 2 || !isLon(p[0]) || !isLat(p[1])) return false;
  }
  const first = v[0] as number[];
  const last = v[v.length - 1] as number[];
  return first[0] === last[0] && first[1] === last[1];
}

function isTelemetry(t: unknown): boolean {
  if (t === null) return true;
  if (!isObj(t) || !isLat(t.lat) || !isLon(t.lon) || (t.source !== 'srt' && t.source !== 'exif')) return false;
  if (t.altRef !== undefined && t.altRef !== 'takeoff' && t.altRef !== 'sea') return false;
  for (const key of TELEMETRY_NUMBERS) if (!optionalFinite(t[key])) return false;
  return true;
}

function isCandidate(c: unknown): boolean {
  if (!isObj(c) || !isFinite(c.score) || !isFiniteTuple(c.chipBox, 4) || !isRing(c.ring)) return false;
  const s = c.scores;
  return s === undefined || (isObj(s) && isFinite(s.model) && optionalFinite(s.prior) && optionalFinite(s.fused));
}

function isSearchCentre(s: unknown): boolean {
  if (!isObj(s) || !isLon(s.lon) || !isLat(s.lat) || typeof s.source !== 'string' || !SEARCH_SOURCES.has(s.source)) return false;
  // Only objects located with the click's ray carry one; it is not exported, so zod may check it.
  return s.localization === undefined || Localization.safeParse(s.localization).success;
}

function isChip(c: unknown): boolean {
  return (
    isObj(c) &&
    typeof c.mosaicPath === 'string' &&
    typeof c.crs === 'string' &&
    isFiniteTuple(c.bounds, 4) &&
    isFinite(c.gsdM) &&
    c.gsdM > 0 &&
    isInt(c.size) &&
    c.size > 0
  );
}

const isModel = (m: unknown) => isObj(m) && typeof m.id === 'string' && typeof m.sha256 === 'string' && typeof m.provider === 'string';

/** True when storedObjectSchema would accept `o` unchanged (up to keys it strips). */
export function conformsToStoredObject(o: Obj): boolean {
  const frame = o.frame;
  const click = o.click;
  const candidates = o.candidates;
  if (typeof o.id !== 'string' || o.id.length === 0) return false;
  if (typeof o.status !== 'string' || !STATUSES.has(o.status)) return false;
  if (!isObj(frame) || !isInt(frame.index) || frame.index < 0 || typeof frame.name !== 'string') return false;
  if (!isObj(click) || !isFinite(click.x) || !isFinite(click.y)) return false;
  if (typeof o.label !== 'string' || typeof o.note !== 'string') return false;
  if (!isInt(o.chosen) || o.chosen < -1) return false;
  if (!Array.isArray(candidates) || o.chosen >= candidates.length) return false;
  for (const c of candidates) if (!isCandidate(c)) return false;
  if (!isRing(o.ring) || (o.correctedFrom !== null && !isRing(o.correctedFrom))) return false;
  if (!isTelemetry(o.telemetry) || !isSearchCentre(o.searchCentre) || !isChip(o.chip) || !isModel(o.model)) return false;
  return isDatetime(o.createdAt) && isDatetime(o.updatedAt);
}

// Objects saved together share their time stamps; remembering the last good one skips most regexes.
let lastDatetime = '';
function isDatetime(v: unknown): boolean {
  if (v === lastDatetime) return true;
  if (typeof v !== 'string' || !isoDatetime.safeParse(v).success) return false;
  lastDatetime = v;
  return true;
}
