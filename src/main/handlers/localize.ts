import type { Input, Output } from '../../shared/api';
import { assetPaths } from '../../shared/assets';
import { ApiError } from '../../shared/errors';
import { openFrame } from '../frames';
import { estimateLookAt, localizeClick } from '../localize';
import type { Mosaic } from '../mosaic';
import type { Session } from './session';

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

export async function runLocalize(session: Session, input: Input<'localize.run'>): Promise<Output<'localize.run'>> {
  const { store } = session.requireProject();
  const frames = session.requireFrames();
  const entry = session.frameByIndex(input.frameIndex);
  // Same rule as the frame and thumbnail routes: a link out of the opened folder is not read.
  const framePath = session.access.check(entry.path, 'frame to localize');
  const telemetry = frames.telemetry.get(entry.index) ?? null;

  let centre: { lon: number; lat: number };
  let source: 'telemetry' | 'user';
  if (input.centre) {
    centre = input.centre;
    source = 'user';
  } else if (telemetry) {
    centre = estimateLookAt(telemetry);
    source = 'telemetry';
  } else {
    throw new ApiError('no-position', `Frame ${entry.name} has no GPS telemetry, so the app does not know where to search. Drag the search area on the map to where the drone was looking, then click again.`);
  }
  const mosaic = mosaicFor(session, centre, input.mosaicId);
  const model = await session.requireModel();
  const frame = await openFrame(framePath);
  if (input.click.x > frame.width || input.click.y > frame.height) {
    throw new ApiError('invalid-input', `The click (${input.click.x}, ${input.click.y}) lies outside frame ${entry.name} (${frame.width}×${frame.height}).`);
  }

  const result = await localizeClick({ mosaic, model, cache: session.cache, frame, click: input.click, centre });
  if (result.candidates.length === 0) {
    throw new ApiError('not-found', `The model found no candidate for this click in ${mosaic.info.path}. Move the search area closer to the object and try again.`);
  }
  const best = result.candidates[0];
  const object = store.insertObject({
    status: 'pending',
    frame: { index: entry.index, name: entry.name },
    click: input.click,
    telemetry,
    searchCentre: { lon: centre.lon, lat: centre.lat, source },
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
  session.rememberHeatmap(object.id, { png: result.heatmapPng, boundsLonLat: result.heatmapBoundsLonLat });
  const { cachedReference, ...ms } = result.timings;
  return {
    object,
    heatmap: { url: assetPaths.heatmap(object.id), boundsLonLat: result.heatmapBoundsLonLat },
    timings: { ...ms, cachedReference: cachedReference ? 1 : 0 },
    provider: model.provider,
  };
}
