// One export, from the project file to the target file, reading the objects in batches. Runs in
// the export worker (export-worker.ts) so the main process keeps answering the UI and map tiles.
import path from 'node:path';
import { ProjectStore } from '../store/project-store';
import { writeFileAtomic } from '../store/atomic-file';
import type { LocatedObject } from '../store/types';
import { thumbnail } from '../frames/thumbnails';
import { extractFrameJpeg, type VideoInfo } from '../frames/video';
import { CSV_COLUMNS, objectToCsvRow } from './csv';
import { GEOJSON_HEAD, GEOJSON_TAIL } from './geojson';
import { ExportCancelled, writeGeoPackageObjects } from './gpkg';
import { KML_TAIL, kmlHead, placemarks } from './kml';
import { exportedStatuses, selectForExport, type ExportOptions, type ExportResult } from './select';

export const EXPORT_FORMATS = ['geojson', 'csv', 'gpkg', 'kml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const FORMAT_NAMES: Record<ExportFormat, string> = { geojson: 'GeoJSON', csv: 'CSV', gpkg: 'GeoPackage', kml: 'KML' };

/** Where a frame's pixels are, for the KML balloon thumbnails. */
export interface FrameRef {
  index: number;
  name: string;
  path: string;
  /** Set for a frame of a video: decoded by time instead of read as an image file. */
  video?: VideoInfo;
}

export interface ExportRequest extends ExportOptions {
  format: ExportFormat;
  projectPath: string;
  target: string;
  documentName?: string;
  frames?: FrameRef[] | null;
}

export interface ExportHooks {
  /** Objects read so far out of `total` in the project. */
  progress(done: number, total: number): void;
  cancelled(): boolean;
}

const BATCH = 2000;
const COMMA = Buffer.from(',');

/** The project's objects in batches, filtered for export; checks for cancel between batches. */
function* selectedBatches(store: ProjectStore, req: ExportRequest, hooks: ExportHooks): Generator<LocatedObject[]> {
  const total = store.countObjects();
  let done = 0;
  hooks.progress(0, total);
  for (const batch of store.objectBatches(BATCH)) {
    if (hooks.cancelled()) throw new ExportCancelled();
    done += batch.length;
    yield selectForExport(batch, req);
    hooks.progress(done, total);
  }
}

/**
 * The GeoJSON text from the Feature texts the store keeps with each object (rendered when the
 * object was saved), copied as bytes: nothing is parsed or stringified on the way.
 */
function* geoJsonText(store: ProjectStore, req: ExportRequest, hooks: ExportHooks, count: { n: number }): Generator<Buffer | string> {
  const statuses = exportedStatuses(req);
  const total = store.countObjectsWithStatus(statuses);
  hooks.progress(0, total);
  yield GEOJSON_HEAD;
  for (const page of store.featureTexts(statuses, BATCH)) {
    if (hooks.cancelled()) throw new ExportCancelled();
    if (count.n > 0) yield COMMA;
    yield page.text;
    count.n += page.count;
    hooks.progress(count.n, total);
  }
  yield GEOJSON_TAIL;
}

async function* textChunks(req: ExportRequest, batches: Iterable<LocatedObject[]>, count: { n: number }): AsyncGenerator<string> {
  const EOL = '\r\n';
  if (req.format === 'csv') {
    yield CSV_COLUMNS.join(',') + EOL;
    for (const batch of batches) {
      count.n += batch.length;
      if (batch.length) yield batch.map(objectToCsvRow).join(EOL) + EOL;
    }
  } else {
    const byIndex = new Map((req.frames ?? []).map((f) => [f.index, f]));
    const frameThumbnail = async (index: number, name: string) => {
      const f = byIndex.get(index);
      if (!f || f.name !== name) return null;
      return f.video ? extractFrameJpeg(f.video, f.index, 320) : thumbnail(f.path, 320);
    };
    yield kmlHead(req.documentName);
    for (const batch of batches) {
      count.n += batch.length;
      if (batch.length) yield await placemarks(batch, { thumbnail: frameThumbnail });
    }
    yield KML_TAIL;
  }
}

export async function runExport(req: ExportRequest, hooks: ExportHooks): Promise<ExportResult> {
  const target = path.resolve(req.target);
  // A cancel sent before the worker started (the window closing at once) is honoured even where
  // there is nothing to read, so the job ends cancelled rather than done.
  if (hooks.cancelled()) throw new ExportCancelled();
  const store = ProjectStore.open(req.projectPath);
  try {
    if (req.format === 'gpkg') {
      const objects = (function* () {
        for (const batch of selectedBatches(store, req, hooks)) yield* batch;
      })();
      const count = writeGeoPackageObjects(target, objects, { projectPath: req.projectPath, onProgress: () => !hooks.cancelled() });
      return { count, path: target };
    }
    const count = { n: 0 };
    try {
      const text = req.format === 'geojson' ? geoJsonText(store, req, hooks, count) : textChunks(req, selectedBatches(store, req, hooks), count);
      await writeFileAtomic(target, text);
    } catch (err) {
      // writeFileAtomic wraps errors in its own message; a cancel is not a write failure.
      if ((err as Error).cause instanceof ExportCancelled) throw (err as Error).cause;
      throw err;
    }
    return { count: count.n, path: target };
  } finally {
    store.close();
  }
}
