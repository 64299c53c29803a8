import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGdal, makeTmpDir, removeDir } from '../../helpers/gdal';
import { INSIDE_MOSAIC, makeFramesFolder, makeMosaic, makeSession, tinyModelDir, type TestSession } from './fixtures';

const modelDir = tinyModelDir();
const ready = modelDir !== null && hasGdal();

describe('camera.get / camera.set', () => {
  let dir: string;
  let t: TestSession;
  beforeAll(async () => {
    dir = makeTmpDir('smgeo-camera-');
    t = makeSession(dir, modelDir ? { modelDir } : {});
    await t.call('project.create', { path: join(dir, 'p.smgeo') });
  });
  afterAll(async () => {
    await t.session.close();
    removeDir(dir);
  });

  it('starts from the documented defaults and keeps what the user sets', async () => {
    expect(await t.call('camera.get', {})).toEqual({ hfovDeg: null, sigma: { headingDeg: 5, pitchDeg: 2, rollDeg: 1, altitudeM: 5, positionM: 3 }, priorWeight: 1 });
    const set = { hfovDeg: 72.5, sigma: { headingDeg: 3, pitchDeg: 1, rollDeg: 0.5, altitudeM: 2, positionM: 2 }, priorWeight: 0.5 };
    expect(await t.call('camera.set', set)).toEqual(set);
    expect(await t.call('camera.get', {})).toEqual(set);
  });

  it('refuses a field of view of 0° or 180° and more, a negative σ, and keeps the previous settings', async () => {
    const before = await t.call('camera.get', {});
    for (const hfovDeg of [0, 180, 250]) {
      const err = await t.fail('camera.set', { ...before, hfovDeg });
      expect(err.code).toBe('invalid-input');
      expect(err.message).toMatch(/field of view must be (above 0°|below 180°)/);
    }
    expect((await t.fail('camera.set', { ...before, sigma: { ...before.sigma, headingDeg: -1 } })).code).toBe('invalid-input');
    expect(await t.call('camera.get', {})).toEqual(before);
  });

  it.skipIf(!ready)('prior weight 0: the click is answered by the model alone, and the object says so', async () => {
    await t.call('camera.set', { hfovDeg: null, sigma: { headingDeg: 5, pitchDeg: 2, rollDeg: 1, altitudeM: 5, positionM: 3 }, priorWeight: 0 });
    await t.call('mosaic.open', { path: await makeMosaic(join(dir, 'maps')) });
    await t.call('frames.open', { folder: await makeFramesFolder(join(dir, 'flown'), 1, [INSIDE_MOSAIC]) });
    const r = await t.call('localize.run', { frameIndex: 0, click: { x: 160, y: 120 } });
    expect(r.decidedBy).toBe('model only');
    expect(r.object.searchCentre.localization?.prior?.weight).toBe(0);
  });
});
