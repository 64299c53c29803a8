// Main-process objects → the plain shapes of src/shared/api.ts that cross to the renderer.
import { basename } from 'node:path';
import type { FramesView, ModelView, MosaicView, ProjectView } from '../../shared/api';
import type { LoadedModel } from '../model';
import type { Mosaic } from '../mosaic';
import type { OpenFrames, Session } from '../app/session';
import { accessQuestion } from '../app/widen-access';

export function framesView(frames: OpenFrames): FramesView {
  return {
    folder: frames.folder,
    frames: frames.entries.map((f) => ({ index: f.index, name: f.name, telemetry: frames.telemetry.get(f.index) ?? null })),
  };
}

export function mosaicView(m: Mosaic): MosaicView {
  const i = m.info;
  return {
    id: i.id,
    path: i.path,
    name: basename(i.path),
    width: i.width,
    height: i.height,
    crs: { code: i.crs.code, proj4: i.crs.proj4 },
    gsdM: i.gsdM,
    boundsLonLat: i.boundsLonLat,
  };
}

export function projectView(session: Session): ProjectView {
  const { store, problems } = session.requireProject();
  return {
    path: store.path,
    name: store.name,
    framesFolder: store.getSettings().framesFolder,
    mosaics: [...session.mosaics.values()].map(mosaicView),
    objects: store.listObjects(),
    frames: session.frames ? framesView(session.frames) : null,
    problems: [...problems],
    readOnly: store.readOnly,
    accessRequest: session.project?.accessRequest ? { ...session.project.accessRequest, question: accessQuestion(session.project.accessRequest) } : null,
  };
}

export function modelView(model: LoadedModel, session: Session): ModelView {
  return {
    id: model.card.model_id,
    preset: model.card.preset ?? 'unknown',
    provider: model.provider,
    providerNotes: [...model.providerNotes],
    querySize: model.card.query_size,
    referenceSize: model.card.reference_size,
    gsdM: model.card.reference_gsd_m,
    sha256: model.sha256,
    lastLatencyMs: session.lastLatencyMs,
  };
}
