import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAsset } from '../../../src/main/handlers/assets';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { INSIDE_MOSAIC, makeFramesFolder, makeMosaic, makeSession, tinyModelDir, type TestSession } from './fixtures';

const modelDir = tinyModelDir();
const ready = modelDir !== null;
if (!ready) console.warn('localize handler tests skipped: no tiny model at test/fixtures/model-tiny (or SMGEO_TEST_MODEL)');

describe.skipIf(!ready)('localize.run', () => {
  let dir: string;
  let t: TestSession;
  let mosaicId: string;
  let plainFrames: string;
  let flownFrames: string;

  beforeAll(async () => {
    dir = makeTmpDir('smgeo-localize-');
    t = makeSession(dir, { modelDir: modelDir! });
    await t.call('project.create', { path: join(dir, 'p.smgeo') });
    // Camera pointing straight down: the look-at point is the drone's own position.
    flownFrames = await makeFramesFolder(join(dir, 'flown'), 2, [INSIDE_MOSAIC, INSIDE_MOSAIC]);
    plainFrames = await makeFramesFolder(join(dir, 'plain'), 1);
    mosaicId = (await t.call('mosaic.open', { path: await makeMosaic(join(dir, 'maps')) })).id;
  });
  afterAll(async () => {
    await t.session.close();
    removeDir(dir);
  });

  it('a click on a frame with telemetry becomes a pending object with ranked candidates and a heatmap', async () => {
    await t.call('frames.open', { folder: flownFrames });
    const r = await t.call('localize.run', { frameIndex: 0, click: { x: 160, y: 120 } });
    const o = r.object;
    expect(o.status).toBe('pending');
    expect(o.frame).toEqual({ index: 0, name: 'frame_1.jpg' });
    // The nadir camera's centre pixel looks straight down: the ray meets the ground under the drone.
    expect(o.searchCentre.source).toBe('ray');
    expect(o.searchCentre.lon).toBeCloseTo(INSIDE_MOSAIC.lon, 6);
    expect(o.searchCentre.lat).toBeCloseTo(INSIDE_MOSAIC.lat, 6);
    const loc = o.searchCentre.localization!;
    expect(r.decidedBy).toBe(loc.decidedBy);
    expect(['geometry + model', 'geometry only']).toContain(loc.decidedBy);
    expect(loc.fallbackReason).toBeNull();
    expect(loc.prior).toMatchObject({ sigma: { headingDeg: 5, pitchDeg: 2, rollDeg: 1, altitudeM: 5, positionM: 3 }, weight: 1, intrinsics: 'default-24mm' });
    // At nadir, heading and roll errors barely move the centre ray's point; position and pitch do.
    expect(loc.prior!.semiMajorM).toBeGreaterThan(3);
    expect(loc.prior!.semiMajorM).toBeLessThan(10);
    expect(loc.prior!.coveredSigma).toBeGreaterThanOrEqual(3);
    expect(loc.geometryOnly).not.toBeNull();
    for (const c of o.candidates) expect(c.scores).toMatchObject({ model: expect.any(Number), prior: expect.any(Number), fused: c.score });
    expect(r.prior!.ellipse3Sigma.length).toBeGreaterThan(10);
    expect(r.timings.cachedReference).toBe(false);
    expect(o.candidates.length).toBeGreaterThan(0);
    expect(o.chosen).toBe(0);
    expect(o.ring).toEqual(o.candidates[0].ring);
    for (let i = 1; i < o.candidates.length; i++) expect(o.candidates[i - 1].score).toBeGreaterThanOrEqual(o.candidates[i].score);
    expect(o.chip.mosaicPath).toContain('mosaic.tif');
    expect(o.model.provider).toBe(r.provider);
    expect(o.model.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The heatmap overlay covers the reference chip around the search centre.
    const [w, s, e, n] = r.heatmap.boundsLonLat;
    expect(w).toBeLessThan(INSIDE_MOSAIC.lon);
    expect(e).toBeGreaterThan(INSIDE_MOSAIC.lon);
    expect(s).toBeLessThan(INSIDE_MOSAIC.lat);
    expect(n).toBeGreaterThan(INSIDE_MOSAIC.lat);
    expect(r.heatmap.url).toBe(`heatmap/${o.id}.png`);
    const png = await serveAsset(t.session, r.heatmap.url);
    expect(png.status).toBe(200);
    expect((await sharp(png.body).metadata()).format).toBe('png');

    expect(r.timings.totalMs).toBeGreaterThan(0);
    expect((await t.call('objects.list', {})).map((x) => x.id)).toContain(o.id);
    expect((await t.call('model.info', {})).lastLatencyMs).toBe(r.timings.totalMs);
  });

  it('a second click on the same spot reuses the encoded reference chip; one far away reads a new chip', async () => {
    await t.call('frames.open', { folder: flownFrames });
    await t.call('localize.run', { frameIndex: 1, click: { x: 10, y: 10 } });
    const again = await t.call('localize.run', { frameIndex: 1, click: { x: 11, y: 10 } });
    expect(again.timings.cachedReference).toBe(true);
    const far = await t.call('localize.run', { frameIndex: 1, click: { x: 300, y: 200 } });
    expect(far.timings.cachedReference).toBe(false);
  });

  it('a frame whose camera looks at the horizon falls back to the look-at point and says why', async () => {
    const level = await makeFramesFolder(join(dir, 'level'), 1, [INSIDE_MOSAIC], { pitchDeg: 0 });
    await t.call('frames.open', { folder: level });
    const r = await t.call('localize.run', { frameIndex: 0, click: { x: 160, y: 200 } });
    expect(r.decidedBy).toBe('model only');
    expect(r.fallbackReason).toMatch(/at or above the horizon/);
    expect(r.prior).toBeNull();
    expect(r.object.searchCentre.source).toBe('telemetry');
    expect(r.object.searchCentre.localization).toMatchObject({ decidedBy: 'model only', prior: null });
  });

  it('without telemetry the user must drag the search area; with it dragged, the click is localized there', async () => {
    await t.call('frames.open', { folder: plainFrames });
    const err = await t.fail('localize.run', { frameIndex: 0, click: { x: 100, y: 100 } });
    expect(err.code).toBe('no-position');
    expect(err.message).toMatch(/drag the search area/i);
    expect(err.message).toContain('frame_1.jpg');

    const r = await t.call('localize.run', { frameIndex: 0, click: { x: 100, y: 100 }, centre: INSIDE_MOSAIC, mosaicId });
    expect(r.object.searchCentre).toMatchObject({ ...INSIDE_MOSAIC, source: 'user', localization: { decidedBy: 'model only', prior: null } });
    expect(r.fallbackReason).toMatch(/You placed the search area/);
  });

  it('a search area off every mosaic, a click outside the frame and a wrong frame are refused clearly', async () => {
    await t.call('frames.open', { folder: plainFrames });
    const off = await t.fail('localize.run', { frameIndex: 0, click: { x: 1, y: 1 }, centre: { lon: 2.35, lat: 48.85 } });
    expect(off.code).toBe('no-mosaic');
    const outside = await t.fail('localize.run', { frameIndex: 0, click: { x: 5000, y: 1 }, centre: INSIDE_MOSAIC });
    expect(outside.code).toBe('invalid-input');
    expect(outside.message).toContain('320×240');
    expect((await t.fail('localize.run', { frameIndex: 9, click: { x: 1, y: 1 }, centre: INSIDE_MOSAIC })).code).toBe('not-found');
  });

  it('switching the provider to the CPU reloads the model and is saved in the project', async () => {
    const view = await t.call('model.setProvider', { provider: 'cpu' });
    expect(view.provider).toBe('cpu');
    expect(t.session.requireProject().store.getSettings().provider).toBe('cpu');
  });
});

describe('without a model', () => {
  it('localize and model.info answer no-model naming the folder, and app.state reports no model', async () => {
    const dir = makeTmpDir('smgeo-nomodel-');
    const empty = join(dir, 'models-empty');
    mkdirSync(empty);
    const t = makeSession(dir, { modelDir: empty });
    try {
      const err = await t.fail('model.info', {});
      expect(err.code).toBe('no-model');
      expect(err.message).toContain(empty);
      expect((await t.call('app.state', {})).model).toBeNull();
    } finally {
      await t.session.close();
      removeDir(dir);
    }
  });
});
