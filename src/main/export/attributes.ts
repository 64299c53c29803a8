// One flat attribute row per object, for the formats whose features carry flat fields only
// (GeoPackage columns, KML ExtendedData). Names are snake_case, as GIS tools show them.
import type { LocatedObject } from '../store/types';
import { exteriorRing, ringCentroid, ringToWkt, roundDeg } from '../../shared/geometry';

export type AttributeType = 'TEXT' | 'INTEGER' | 'REAL' | 'DATETIME';

/** Column name → SQL type (GeoPackage data types, spec table 1), in the order they are written. */
export const OBJECT_ATTRIBUTES = [
  ['object_id', 'TEXT'],
  ['status', 'TEXT'],
  ['label', 'TEXT'],
  ['note', 'TEXT'],
  ['frame_index', 'INTEGER'],
  ['frame_name', 'TEXT'],
  ['click_x', 'REAL'],
  ['click_y', 'REAL'],
  ['centre_lon', 'REAL'],
  ['centre_lat', 'REAL'],
  ['score', 'REAL'],
  ['candidate_count', 'INTEGER'],
  ['chosen', 'INTEGER'],
  ['model_id', 'TEXT'],
  ['model_sha256', 'TEXT'],
  ['provider', 'TEXT'],
  ['telemetry_source', 'TEXT'],
  ['drone_lat', 'REAL'],
  ['drone_lon', 'REAL'],
  ['drone_alt_m', 'REAL'],
  ['heading_deg', 'REAL'],
  ['pitch_deg', 'REAL'],
  ['search_lon', 'REAL'],
  ['search_lat', 'REAL'],
  ['search_source', 'TEXT'],
  ['mosaic_path', 'TEXT'],
  ['chip_crs', 'TEXT'],
  ['chip_gsd_m', 'REAL'],
  // The audit trail in short: whether the analyst moved the box, and from where.
  ['corrected', 'INTEGER'],
  ['corrected_from_wkt', 'TEXT'],
  ['created_at', 'DATETIME'],
  ['updated_at', 'DATETIME'],
] as const satisfies readonly (readonly [string, AttributeType])[];

export type AttributeName = (typeof OBJECT_ATTRIBUTES)[number][0];
export type AttributeValue = string | number | null;

/** The values in OBJECT_ATTRIBUTES order. */
export function objectAttributes(o: LocatedObject): AttributeValue[] {
  const [lon, lat] = ringCentroid(exteriorRing(o.ring));
  const t = o.telemetry;
  const score = o.chosen >= 0 && o.chosen < o.candidates.length ? o.candidates[o.chosen].score : null;
  return [
    o.id,
    o.status,
    o.label,
    o.note,
    o.frame.index,
    o.frame.name,
    o.click.x,
    o.click.y,
    roundDeg(lon),
    roundDeg(lat),
    score,
    o.candidates.length,
    o.chosen,
    o.model.id,
    o.model.sha256,
    o.model.provider,
    t?.source ?? null,
    t?.lat ?? null,
    t?.lon ?? null,
    t?.altM ?? null,
    t?.headingDeg ?? null,
    t?.pitchDeg ?? null,
    roundDeg(o.searchCentre.lon),
    roundDeg(o.searchCentre.lat),
    o.searchCentre.source,
    o.chip.mosaicPath,
    o.chip.crs,
    o.chip.gsdM,
    o.correctedFrom ? 1 : 0,
    o.correctedFrom ? ringToWkt(exteriorRing(o.correctedFrom)) : null,
    o.createdAt,
    o.updatedAt,
  ];
}

/** Key/value lines describing the export as a whole: where it came from, what it holds, who made the boxes. */
export class ExportSummary {
  private readonly byStatus = new Map<string, number>();
  private readonly models = new Map<string, number>();
  private count = 0;
  private corrected = 0;

  add(o: LocatedObject): void {
    this.count++;
    this.byStatus.set(o.status, (this.byStatus.get(o.status) ?? 0) + 1);
    const m = `${o.model.id} (sha256 ${o.model.sha256.slice(0, 12)}, ${o.model.provider})`;
    this.models.set(m, (this.models.get(m) ?? 0) + 1);
    if (o.correctedFrom) this.corrected++;
  }

  rows(project: string | null, exportedAt = new Date().toISOString()): [string, string][] {
    const rows: [string, string][] = [
      ['exported_at', exportedAt],
      ['project', project ?? ''],
      ['objects', String(this.count)],
      ['boxes_moved_by_analyst', String(this.corrected)],
    ];
    for (const [status, n] of [...this.byStatus].sort()) rows.push([`status_${status}`, String(n)]);
    for (const [m, n] of [...this.models].sort()) rows.push([`model ${m}`, String(n)]);
    return rows;
  }
}

export function exportSummary(objs: readonly LocatedObject[], project: string | null, exportedAt?: string): [string, string][] {
  const summary = new ExportSummary();
  for (const o of objs) summary.add(o);
  return summary.rows(project, exportedAt);
}
