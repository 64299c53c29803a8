import type { Input, Output } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { ExportCancelledError, type ExportJobResult, type JobView } from '../export/jobs';
import { FORMAT_NAMES, type ExportFormat, type ExportRequest } from '../export/run-export';
import { assertExportTarget } from '../export/target';
import { isVideoEntry } from '../frames/video-source';
import type { Session } from '../app/session';

/** Checks the target on the main thread, then hands the export to a worker. */
function startExport(session: Session, path: string, format: ExportFormat): JobView {
  const { store } = session.requireProject();
  const file = session.userPath(path, 'new-file', `${FORMAT_NAMES[format]} export`);
  assertExportTarget(file, store.path);
  const request: ExportRequest = {
    format,
    projectPath: store.path,
    target: file,
    documentName: store.name,
    frames: session.frames?.entries.map((e) => ({ index: e.index, name: e.name, path: e.path, video: isVideoEntry(e) ? e.video : undefined })) ?? null,
  };
  return session.jobs.start(request);
}

/** The old one-call channels: the same job, awaited. */
async function exportAndWait(session: Session, path: string, format: ExportFormat): Promise<{ path: string; count: number }> {
  const job = startExport(session, path, format);
  try {
    const { path: file, count } = await session.jobs.wait<ExportJobResult>(job.id);
    return { path: file, count };
  } catch (err) {
    if (err instanceof ExportCancelledError) throw new ApiError('cancelled', err.message);
    const reason = err instanceof Error ? err.message : String(err);
    throw new ApiError('export-failed', `The ${FORMAT_NAMES[format]} export to ${job.title.replace(/^.* export to /, '')} failed: ${reason}`);
  }
}

export function exportGeoJson(session: Session, input: Input<'export.geojson'>): Promise<Output<'export.geojson'>> {
  return exportAndWait(session, input.path, 'geojson');
}

export function exportCsv(session: Session, input: Input<'export.csv'>): Promise<Output<'export.csv'>> {
  return exportAndWait(session, input.path, 'csv');
}

export function exportGpkg(session: Session, input: Input<'export.gpkg'>): Promise<Output<'export.gpkg'>> {
  return exportAndWait(session, input.path, 'gpkg');
}

export function exportKml(session: Session, input: Input<'export.kml'>): Promise<Output<'export.kml'>> {
  return exportAndWait(session, input.path, 'kml');
}

export async function exportStart(session: Session, input: Input<'export.start'>): Promise<Output<'export.start'>> {
  return startExport(session, input.path, input.format);
}

function jobOrThrow(view: JobView | null, id: string): JobView {
  if (!view) throw new ApiError('not-found', `There is no job ${id} (finished jobs are forgotten after a while).`);
  return view;
}

export async function jobStatus(session: Session, input: Input<'jobs.status'>): Promise<Output<'jobs.status'>> {
  return jobOrThrow(session.jobs.status(input.id), input.id);
}

export async function jobCancel(session: Session, input: Input<'jobs.cancel'>): Promise<Output<'jobs.cancel'>> {
  return jobOrThrow(session.jobs.cancel(input.id), input.id);
}
