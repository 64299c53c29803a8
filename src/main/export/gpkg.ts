// GeoPackage, QGIS's native format: a polygon layer with the object attributes and a table that
// summarises the export (project, time, counts by status and by model).
import path from 'node:path';
import { UserError } from '../../shared/errors';
import { writeGeoPackageFile, type GpkgFeature } from '../store/gpkg-file';
import type { LocatedObject } from '../store/types';
import { ExportSummary, OBJECT_ATTRIBUTES, objectAttributes } from './attributes';
import { exteriorRing, isLonLatInRange } from '../../shared/geometry';
import { selectForExport, type ExportOptions, type ExportResult } from './select';

export const GPKG_LAYER = 'smgeo_objects';
export const GPKG_SUMMARY_TABLE = 'smgeo_export_summary';

export interface GpkgOptions extends ExportOptions {
  projectPath?: string | null;
  /** Called with the number of objects written so far; return false to cancel. */
  onProgress?: (written: number) => boolean | void;
}

export class ExportCancelled extends UserError {
  constructor() {
    super('cancelled', 'The export was cancelled; no file was written.');
    this.name = 'ExportCancelled';
  }
}

function* features(objs: Iterable<LocatedObject>, summary: ExportSummary): Generator<GpkgFeature> {
  for (const o of objs) {
    summary.add(o);
    const ring = exteriorRing(o.ring);
    if (ring.length < 4 || !ring.every(isLonLatInRange)) {
      throw new Error(`Object ${o.id} (frame ${o.frame.name}) cannot be exported: its box is not a valid lon/lat ring. Correct or reject it, then export again.`);
    }
    yield { polygon: [ring], values: objectAttributes(o) };
  }
}

/** Streams `objs` (already selected) into a GeoPackage; the summary table counts what was written. */
export function writeGeoPackageObjects(file: string, objs: Iterable<LocatedObject>, opts: GpkgOptions = {}): number {
  const target = path.resolve(file);
  const summary = new ExportSummary();
  let count = 0;
  const counted = function* () {
    for (const o of objs) {
      count++;
      yield o;
    }
  };
  try {
    const complete = writeGeoPackageFile(target, {
      features: {
        table: GPKG_LAYER,
        description: 'Objects located with SMGeo Workstation (accepted and corrected by the analyst)',
        columns: OBJECT_ATTRIBUTES.map(([name, type]) => ({ name, type })),
        rows: features(counted(), summary),
      },
      attributes: {
        table: GPKG_SUMMARY_TABLE,
        description: 'What this export holds and where it came from',
        columns: [
          { name: 'key', type: 'TEXT' },
          { name: 'value', type: 'TEXT' },
        ],
        // Read after the features: by then the summary has seen every object.
        get rows() {
          return summary.rows(opts.projectPath ?? null);
        },
      },
      onProgress: opts.onProgress,
    });
    if (!complete) throw new ExportCancelled();
  } catch (err) {
    if (err instanceof ExportCancelled) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Could not write ${target}: ${reason}. Check that the folder exists and is writable; any previous version of the file was left unchanged.`, { cause: err });
  }
  return count;
}

export async function writeGeoPackage(file: string, objs: LocatedObject[], opts: GpkgOptions = {}): Promise<ExportResult> {
  const count = writeGeoPackageObjects(file, selectForExport(objs, opts), opts);
  return { count, path: path.resolve(file) };
}
