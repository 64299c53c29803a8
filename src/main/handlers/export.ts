import type { Input, Output } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { writeCsv, writeGeoJSON, writeGeoPackage, writeKml } from '../export';
import { thumbnail } from '../frames';
import { assertExportTarget } from '../export/target';
import type { LocatedObject } from '../store';
import type { Session } from './session';

type Writer = (file: string, objs: LocatedObject[]) => Promise<{ path: string; count: number }>;

async function exportWith(session: Session, path: string, format: string, write: Writer): Promise<{ path: string; count: number }> {
  const { store } = session.requireProject();
  const file = session.userPath(path, 'new-file', `${format} export`);
  assertExportTarget(file, store.path);
  try {
    const result = await write(file, store.listObjects());
    return { path: result.path, count: result.count };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new ApiError('export-failed', `The ${format} export to ${file} failed: ${reason}`);
  }
}

export function exportGeoJson(session: Session, input: Input<'export.geojson'>): Promise<Output<'export.geojson'>> {
  return exportWith(session, input.path, 'GeoJSON', writeGeoJSON);
}

export function exportCsv(session: Session, input: Input<'export.csv'>): Promise<Output<'export.csv'>> {
  return exportWith(session, input.path, 'CSV', writeCsv);
}

export function exportGpkg(session: Session, input: Input<'export.gpkg'>): Promise<Output<'export.gpkg'>> {
  const projectPath = session.project?.store.path ?? null;
  return exportWith(session, input.path, 'GeoPackage', (file, objs) => writeGeoPackage(file, objs, { projectPath }));
}

export function exportKml(session: Session, input: Input<'export.kml'>): Promise<Output<'export.kml'>> {
  const frames = session.frames;
  // The balloon shows the frame the object was found in, when that frame is still where it was.
  const frameThumbnail = async (index: number, name: string) => {
    const entry = frames?.entries.find((f) => f.index === index && f.name === name);
    return entry ? thumbnail(entry.path, 320) : null;
  };
  return exportWith(session, input.path, 'KML', (file, objs) => writeKml(file, objs, { thumbnail: frameThumbnail, documentName: session.project?.store.name }));
}
