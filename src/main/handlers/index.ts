// The one table both transports (ipc.ts, server/server.ts) use: channel → validated handler.
import { channels, isChannel, type Channel, type Input, type Output } from '../../shared/api';
import { ApiError, type ApiResult } from '../../shared/errors';
import { appState } from './app-state';
import { pickPath } from './dialog';
import { invalidInput, toApiError } from '../app/errors';
import { exportCsv, exportGeoJson, exportGpkg, exportKml, exportStart, jobCancel, jobStatus } from './export';
import { compareDates } from './dates';
import { openFrames, openFramesStart, openVideoFrames, openVideoFramesStart } from './frames';
import { getCamera, setCamera } from './camera';
import { getLayout, setLayout } from './layout';
import { runLocalize } from './localize';
import { exportPairs, exportPairsStart } from './training-pairs';
import { modelInfo, setProvider } from './model';
import { openMosaic, openMosaicStart, removeMosaic } from './mosaic';
import { listObjects, objectHistory, updateObject } from './objects';
import { allowProjectAccess, createProject, openProject, openSampleProject } from './project';
import type { Session } from '../app/session';

export { Session, type SessionOptions } from '../app/session';

type Handler<C extends Channel> = (session: Session, input: Input<C>) => Promise<Output<C>>;

export const handlers: { [C in Channel]: Handler<C> } = {
  'app.state': appState,
  'project.create': createProject,
  'project.open': openProject,
  'project.openSample': openSampleProject,
  'project.allowAccess': allowProjectAccess,
  'frames.open': openFrames,
  'frames.openVideo': openVideoFrames,
  'frames.openStart': openFramesStart,
  'frames.openVideoStart': openVideoFramesStart,
  'dates.compare': compareDates,
  'mosaic.open': openMosaic,
  'mosaic.openStart': openMosaicStart,
  'mosaic.remove': removeMosaic,
  'localize.run': runLocalize,
  'objects.list': listObjects,
  'objects.update': updateObject,
  'objects.history': objectHistory,
  'export.geojson': exportGeoJson,
  'export.csv': exportCsv,
  'export.gpkg': exportGpkg,
  'export.kml': exportKml,
  'export.trainingPairs': exportPairs,
  'export.trainingPairsStart': exportPairsStart,
  'export.start': exportStart,
  'jobs.status': jobStatus,
  'jobs.cancel': jobCancel,
  'model.info': modelInfo,
  'model.setProvider': setProvider,
  'camera.get': getCamera,
  'camera.set': setCamera,
  'layout.get': getLayout,
  'layout.set': setLayout,
  'dialog.pick': pickPath,
};

/** Validates `input` for `channel`, runs its handler, and returns the result or the error as data. */
export async function dispatch(session: Session, channel: string, input: unknown): Promise<ApiResult> {
  if (!isChannel(channel)) {
    return { ok: false, error: new ApiError('unknown-channel', `The app has no API channel named "${channel.slice(0, 80)}".`).toBody() };
  }
  const parsed = channels[channel].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: invalidInput(channel, parsed.error).toBody() };
  try {
    const handler = handlers[channel] as Handler<Channel>;
    return { ok: true, value: await handler(session, parsed.data as Input<Channel>) };
  } catch (err) {
    const apiError = toApiError(err);
    if (apiError.code === 'internal') console.error(`[api] ${channel} failed`, err);
    return { ok: false, error: apiError.toBody() };
  }
}
