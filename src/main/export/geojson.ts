import path from 'node:path';
import { writeFileAtomic } from '../store/atomic-file';
import { featureJson, objectToFeature, type ObjectFeature } from '../../shared/object-feature';
import type { LocatedObject } from '../store/types';
import { selectForExport, type ExportOptions, type ExportResult } from './select';

export interface ObjectFeatureCollection {
  type: 'FeatureCollection';
  features: ObjectFeature[];
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
