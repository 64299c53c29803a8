import path from 'node:path';
import { writeFileAtomic } from '../store/atomic-file';
import type { LocatedObject } from '../store/types';
import { exteriorRing, ringCentroid, ringToWkt, roundDeg } from '../../shared/geometry';
import { selectForExport, type ExportOptions, type ExportResult } from './select';

export const CSV_COLUMNS = [
  'id',
  'status',
  'label',
  'note',
  'frame_index',
  'frame_name',
  'centre_lon',
  'centre_lat',
  'box_wkt',
  'score',
  'model_id',
  'model_sha256',
  'provider',
  'created_at',
  'updated_at',
] as const;

const NEEDS_QUOTES = /[",\r\n]/;
// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180: a field with a quote, comma or line break is quoted, its quotes doubled. Text that a
 * spreadsheet would run as a formula (an analyst's label "=HYPERLINK(...)") gets a leading
 * apostrophe, so Excel and LibreOffice show it as text. Numbers are written as they are.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function objectToCsvRow(o: LocatedObject): string {
  const ring = exteriorRing(o.ring);
  const [lon, lat] = ringCentroid(ring);
  const score = o.chosen >= 0 && o.chosen < o.candidates.length ? o.candidates[o.chosen].score : null;
  return [
    csvField(o.id),
    o.status,
    csvField(o.label),
    csvField(o.note),
    String(o.frame.index),
    csvField(o.frame.name),
    String(roundDeg(lon)),
    String(roundDeg(lat)),
    // A WKT polygon always has commas: quote it without scanning.
    `"${ringToWkt(ring)}"`,
    score === null ? '' : String(score),
    csvField(o.model.id),
    csvField(o.model.sha256),
    csvField(o.model.provider),
    csvField(o.createdAt),
    csvField(o.updatedAt),
  ].join(',');
}

const ROWS_PER_CHUNK = 5000;
const EOL = '\r\n';

export function* csvChunks(objs: readonly LocatedObject[]): Generator<string> {
  yield CSV_COLUMNS.join(',') + EOL;
  for (let start = 0; start < objs.length; start += ROWS_PER_CHUNK) {
    const rows: string[] = [];
    const end = Math.min(start + ROWS_PER_CHUNK, objs.length);
    for (let i = start; i < end; i++) rows.push(objectToCsvRow(objs[i]));
    yield rows.join(EOL) + EOL;
  }
}

/** One row per object (default: accepted and corrected), CRLF line ends as RFC 4180 asks. */
export async function writeCsv(file: string, objs: LocatedObject[], opts: ExportOptions = {}): Promise<ExportResult> {
  const selected = selectForExport(objs, opts);
  const target = path.resolve(file);
  await writeFileAtomic(target, csvChunks(selected));
  return { count: selected.length, path: target };
}
