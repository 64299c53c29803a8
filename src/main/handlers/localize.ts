import type { Input, Output } from '../../shared/api';
import { assetPaths } from '../../shared/assets';
import { ApiError } from '../../shared/errors';
import { frameFile, isVideoEntry } from '../frames/video-source';
import { assertClickInFrame, chipPlan, clickPrior, estimateLookAt, localizeClick, type ClickPrior } from '../localize';
import type { Localization } from '../store/types';
import { DEFAULT_SIGMA, ellipseRing } from '../../shared/geometry';
import type { Mosaic } from '../mosaic';
import type { Session } from '../app/session';

function contains(b: readonly [number, number, number, number], p: { lon: number; lat: number }): boolean {
  return p.lon >= b[0] && p.lon <= b[2] && p.lat >= b[1] && p.lat <= b[3];
}

function mosaicFor(session: Session, centre: { lon: number; lat: number }, mosaicId: string | undefined): Mosaic {
  if (mosaicId !== undefined) {
    const m = session.mosaicById(mosaicId);
    if (!contains(m.info.boundsLonLat, centre)) {
      throw new ApiError('no-mosaic', `The search area (${centre.lon.toFixed(6)}, ${centre.lat.toFixed(6)}) lies outside the mosaic ${m.info.path}. Drag the search area onto the mosaic.`);
    }
    return m;
  }
  if (session.mosaics.size === 0) throw new ApiError('no-mosaic', 'No mosaic is open. Open the satellite mosaic (GeoTIFF) of the area first.');
  // Several mosaics may overlap: prefer the sharpest.
  const covering = [...session.mosaics.values()].filter((m) => contains(m.info.boundsLonLat, centre)).sort((a, b) => a.info.gsdM - b.info.gsdM);
  if (covering.length === 0) {
    throw new ApiError(
      'no-mosaic',
      `No open mosaic covers the search area (${centre.lon.toFixed(6)}, ${centre.lat.toFixed(6)}). Open a mosaic of that area, or drag the search area onto the mosaic.`,
    );
  }
  return covering[0];
}

/** fused = model × prior^w; w = 1 unless the project sets another (0 = model only). */
export const DEFAULT_PRIOR_WEIGHT = 1;

export async function runLocalize(session: Session, input: Input<'localize.run'>): Promise<Output<'localize.run'>> {
  const { store } = session.requireProject();
  const frames = session.requireFrames();
  const entry = session.frameByIndex(input.frameIndex);
  // Same rule as the frame and thumbnail routes: a link out of the opened folder is not read.
  const framePath = session.access.check(entry.path, 'frame to localize');
  const telemetry = frames.telemetry.get(entry.index) ?? null;
  // A video frame is decoded by time into a file first; a frames-folder frame is read where it is.
  const frame = await session.recentFrames.open(isVideoEntry(entry) ? await frameFile(entry) : framePath);
  assertClickInFrame(input.click, frame, entry.name);

  const settings = store.getSettings().camera;
  const sigma = settings?.sigma ?? DEFAULT_SIGMA;
  const weight = settings?.priorWeight ?? DEFAULT_PRIOR_WEIGHT;
  let prior: ClickPrior | null = null;
  let fallbackReason: string | null = null;
  let centre: { lon: number; lat: number };
  let source: 'ray' | 'telemetry' | 'user';
  if (input.centre) {
    centre = input.centre;
    source = 'user';
    fallbackReason = 'You placed the search area, so the model searched there without the click’s ray.';
  } else {
    const ray = clickPrior(telemetry, { width: frame.width, height: frame.height, name: entry.name }, input.click, {
      ...(settings?.hfovDeg !== undefined ? { hfovDeg: settings.hfovDeg } : {}),
      sigma,
    });
    if (ray.ok) {
      prior = ray.prior;
      centre = ray.prior.uncertainty.centre;
      source = 'ray';
    } else if (telemetry) {
      fallbackReason = `${ray.reason} The model searched around where the camera looks instead.`;
      centre = estimateLookAt(telemetry);
      source = 'telemetry';
    } else {
      throw new ApiError('no-position', `Frame ${entry.name} has no GPS telemetry, so the app does not know where to search. Drag the search area on the map to where the drone was looking, then click again.`);
    }
  }
  const mosaic = mosaicFor(session, centre, input.mosaicId);
  const model = await session.requireModel();
  const plan = chipPlan(model.card, prior?.uncertainty ?? null);

  const result = await localizeClick({
    mosaic,
    model,
    cache: session.cache,
    frame,
    click: input.click,
    centre,
    gsdM: plan.gsdM,
    ...(prior ? { prior: { camera: prior.camera, uncertainty: prior.uncertainty, weight } } : {}),
  });
  if (result.candidates.length === 0) {
    throw new ApiError('not-found', `The model found no candidate for this click in ${mosaic.info.path}. Move the search area closer to the object and try again.`);
  }
  const localization: Localization = {
    decidedBy: result.decidedBy,
    fallbackReason,
    prior: prior && {
      ground: prior.uncertainty.centre,
      semiMajorM: prior.uncertainty.semiMajorM,
      semiMinorM: prior.uncertainty.semiMinorM,
      azimuthDeg: prior.uncertainty.azimuthDeg,
      covEN: prior.uncertainty.covEN,
      sigma: prior.sigma,
      weight,
      clickHeightM: prior.clickHeightM,
      hfovDeg: prior.camera.hfovDeg,
      intrinsics: prior.camera.intrinsics,
      coveredSigma: plan.coveredSigma,
    },
    modelOnly: result.modelOnly,
    geometryOnly: result.geometryOnly,
  };
  const best = result.candidates[0];
  const object = store.insertObject({
    status: 'pending',
    frame: { index: entry.index, name: entry.name },
    click: input.click,
    telemetry,
    searchCentre: { lon: centre.lon, lat: centre.lat, source, localization },
    chip: result.chip,
    model: { id: model.card.model_id, sha256: model.sha256, provider: model.provider },
    candidates: result.candidates,
    chosen: 0,
    ring: best.ring,
    correctedFrom: null,
    label: '',
    note: '',
  });
  session.lastLatencyMs = result.timings.totalMs;
  session.rememberHeatmap(object.id, { png: await result.heatmapPng, boundsLonLat: result.heatmapBoundsLonLat });
  return {
    object,
    heatmap: { url: assetPaths.heatmap(object.id), boundsLonLat: result.heatmapBoundsLonLat },
    timings: result.timings,
    provider: model.provider,
    decidedBy: result.decidedBy,
    fallbackReason,
    prior: prior && {
      ground: prior.uncertainty.centre,
      ellipse3Sigma: ellipseRing(prior.uncertainty, 3),
      semiMajorM: prior.uncertainty.semiMajorM,
      semiMinorM: prior.uncertainty.semiMinorM,
    },
  };
}
