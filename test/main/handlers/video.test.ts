// frames.openVideo end to end through the handlers: frames and thumbnails served from the video,
// telemetry from its SRT, the video reopened with the project, KML balloons from video frames.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAsset } from '../../../src/main/handlers/assets';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { makeVideo, requireFfmpeg, writeDjiSrt } from '../../helpers/video';
import { sampleObject } from '../store/sample-object';
import { makeMosaic, makeSession, tinyModelDir, type TestSession } from './fixtures';

let dir: string;
let t: TestSession;
let video: string;

beforeAll(async () => {
  requireFfmpeg();
  dir = makeTmpDir('smgeo-video-handlers-');
  video = await makeVideo(dir, 'DJI_0042.MP4', { frames: 24, fps: 24, width: 96, height: 64 });
  writeDjiSrt(join(dir, 'DJI_0042.SRT'), Array.from({ length: 24 }, (_, i) => ({ ms: (i * 1000) / 24, frameCnt: i + 1, lat: 46.95, lon: 9.0 + i * 1e-5 })));
  t = makeSession(dir, { modelDir: tinyModelDir() ?? undefined });
  await t.call('project.create', { path: join(dir, 'v.smgeo') });
}, 120_000);
afterAll(async () => {
  await t.session.close();
  removeDir(dir);
});

describe('frames.openVideo', () => {
  it('opens the frames of a video with their telemetry and serves frames and thumbnails decoded from it', async () => {
    const view = await t.call('frames.openVideo', { path: video });
    expect(view.frames).toHaveLength(24);
    expect(view.video).toMatchObject({ path: video, width: 96, height: 64, frameCount: 24, variableFrameRate: false, srt: join(dir, 'DJI_0042.SRT'), notes: [] });
    expect(view.frames[3].name).toBe('DJI_0042.MP4 00:00:00.125 #4');
    expect(view.frames[3].telemetry).toMatchObject({ lat: 46.95, lon: 9.00003, source: 'srt' });
    const frame = await serveAsset(t.session, 'frame/3');
    expect(frame.status).toBe(200);
    expect(await sharp(frame.body).metadata()).toMatchObject({ width: 96, height: 64, format: 'jpeg' });
    const thumb = await serveAsset(t.session, 'thumb/20');
    expect(thumb.status).toBe(200);
    expect((await sharp(thumb.body).metadata()).width).toBeLessThanOrEqual(160);
  });

  it('reopens the video with the project', async () => {
    await t.call('frames.openVideo', { path: video });
    const state = await t.call('project.open', { path: join(dir, 'v.smgeo') });
    expect(state.problems).toEqual([]);
    expect(state.frames?.folder).toBe(video);
    expect(state.frames?.frames).toHaveLength(24);
  });

  it('KML balloons show the video frame the object was found in', async () => {
    await t.call('frames.openVideo', { path: video });
    const entries = t.session.requireFrames().entries;
    t.session.requireProject().store.insertObject(sampleObject({ status: 'accepted', frame: { index: 5, name: entries[5].name } }));
    const kml = await t.call('export.kml', { path: join(dir, 'v.kml') });
    expect(kml.count).toBe(1);
    expect(readFileSync(kml.path, 'utf8')).toMatch(/<img src="data:image\/jpeg;base64,\/9j\//);
  });

  it('a click on a video frame is localized like one on a frames-folder frame, with the SRT position', async () => {
    await t.call('frames.openVideo', { path: video });
    await t.call('mosaic.open', { path: await makeMosaic(join(dir, 'maps')) });
    const r = await t.call('localize.run', { frameIndex: 12, click: { x: 48, y: 32 } });
    expect(r.object.frame).toEqual({ index: 12, name: 'DJI_0042.MP4 00:00:00.500 #13' });
    expect(r.object.telemetry).toMatchObject({ lat: 46.95, lon: 9.00012, source: 'srt' });
    const outside = await t.fail('localize.run', { frameIndex: 12, click: { x: 500, y: 32 } });
    expect(outside.message).toContain('#13');
  });

  it('a file that is not a video is refused with what to choose instead', async () => {
    const err = await t.fail('frames.openVideo', { path: join(dir, 'v.smgeo') });
    expect(err.code).toBe('invalid-input');
    expect(err.message).toMatch(/not an MP4 or MOV video/);
  });
});
