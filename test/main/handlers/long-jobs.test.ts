// Opening frames, a video and a mosaic as jobs: progress advances as the work does, and a cancel
// stops it with the project exactly as it was (the frames open before stay open and saved).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../../src/shared/api';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { makeVideo, requireFfmpeg, writeDjiSrt } from '../../helpers/video';
import { makeFramesFolder, makeMosaic, makeSession, type TestSession } from './fixtures';

const MANY = 400;

let dir: string;
let t: TestSession;
let small: string;
let many: string;
let video: string;
let mosaic: string;

/** The job once it has ended, as jobs.status reports it. */
async function ended(job: JobView): Promise<JobView> {
  await t.session.jobs
    .wait(job.id)
    .catch(() => undefined);
  return t.call('jobs.status', { id: job.id });
}

beforeAll(async () => {
  requireFfmpeg();
  dir = makeTmpDir('smgeo-long-jobs-');
  small = await makeFramesFolder(join(dir, 'small'), 3, [
    { lon: 9, lat: 46.95 },
    { lon: 9.0001, lat: 46.95 },
    { lon: 9.0002, lat: 46.95 },
  ]);
  // Many frames without an SRT: each one's EXIF is read, one progress step each.
  many = join(dir, 'many');
  mkdirSync(many);
  const one = join(await makeFramesFolder(join(dir, 'one'), 1), 'frame_1.jpg');
  for (let i = 0; i < MANY; i++) copyFileSync(one, join(many, `frame_${i + 1}.jpg`));
  video = await makeVideo(dir, 'DJI_0007.MP4', { frames: 12, fps: 12 });
  writeDjiSrt(join(dir, 'DJI_0007.SRT'), Array.from({ length: 12 }, (_, i) => ({ ms: (i * 1000) / 12, frameCnt: i + 1, lat: 46.95, lon: 9 })));
  mosaic = await makeMosaic(dir);
  t = makeSession(dir);
  await t.call('project.create', { path: join(dir, 'p.smgeo') });
}, 120_000);
afterAll(async () => {
  await t?.session.close();
  if (dir) removeDir(dir);
});

describe('opening frames as a job', () => {
  it('counts frames as their telemetry is read and ends with the frames open', async () => {
    const seen: [number, number][] = [];
    await t.session.openFrames(many, { progress: (done, total) => seen.push([done, total]) });
    expect(seen).toHaveLength(MANY + 1);
    expect(seen[0]).toEqual([0, MANY]);
    expect(seen.at(-1)).toEqual([MANY, MANY]);
    expect(seen.every(([done], i) => i === 0 || done === seen[i - 1]![0] + 1)).toBe(true);

    await t.call('frames.open', { folder: small });
    const job = await t.call('frames.openStart', { folder: many });
    expect(job).toMatchObject({ title: 'Opening frames from many', state: 'running' });
    const done = await ended(job);
    expect(done).toMatchObject({ state: 'done', done: MANY, total: MANY, error: null });
    expect(done.result?.kind === 'frames' && done.result.frames.frames.length).toBe(MANY);
    expect(t.session.requireFrames().folder).toBe(many);
    expect(t.session.requireProject().store.getSettings().framesFolder).toBe(many);
  });

  it('a cancel part-way stops reading and keeps the frames open before, also in the saved project', async () => {
    await t.call('frames.open', { folder: small });
    const job = await t.call('frames.openStart', { folder: many });
    let view = job;
    // Poll as the window does, and cancel once the job has shown some progress.
    while (view.state === 'running' && view.done === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      view = await t.call('jobs.status', { id: job.id });
    }
    expect(view.done).toBeGreaterThan(0);
    await t.call('jobs.cancel', { id: job.id });
    const end = await ended(job);
    expect(end).toMatchObject({ state: 'cancelled', result: null, error: 'Opening frames from many was cancelled; nothing was changed.' });
    expect(end.done).toBeLessThan(MANY);
    expect(t.session.requireFrames().folder).toBe(small);
    expect(t.session.requireFrames().entries).toHaveLength(3);
    expect(t.session.requireProject().store.getSettings().framesFolder).toBe(small);
    const reopened = await t.call('project.open', { path: join(dir, 'p.smgeo') });
    expect(reopened.frames?.folder).toBe(small);
  });

  it('the one-call channel fails as cancelled when its job is cancelled', async () => {
    await t.call('frames.open', { folder: small });
    const call = t.fail('frames.open', { folder: many });
    await new Promise((resolve) => setImmediate(resolve));
    await t.session.jobs.cancelAll();
    expect(await call).toMatchObject({ code: 'cancelled' });
    expect(t.session.requireFrames().folder).toBe(small);
  });
});

describe('a job for a project that was closed meanwhile', () => {
  it('changes nothing in the session', async () => {
    const { store } = t.session.requireProject();
    const opening = t.session.openFrames(many, { forProject: store, progress: (done) => done === 5 && t.session.closeProject() });
    await expect(opening).rejects.toMatchObject({ code: 'no-project', message: expect.stringContaining('was closed while the frames') });
    expect(t.session.frames).toBeNull();
    await expect(t.session.openMosaic(mosaic, undefined, store)).rejects.toMatchObject({ code: 'no-project' });
    expect(t.session.mosaics.size).toBe(0);
    await t.call('project.open', { path: join(dir, 'p.smgeo') });
  });
});

describe('opening a video as a job', () => {
  it('steps through the ffprobe passes and the SRT', async () => {
    const seen: [number, number][] = [];
    await t.session.openFrames(video, { progress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    const job = await t.call('frames.openVideoStart', { path: video });
    const done = await ended(job);
    expect(done).toMatchObject({ state: 'done', done: 4, total: 4 });
    expect(done.result?.kind === 'frames' && done.result.frames.video).toMatchObject({ path: video, frameCount: 12, srt: join(dir, 'DJI_0007.SRT') });
  });

  it('a cancel kills ffprobe and keeps the frames open before', async () => {
    await t.call('frames.open', { folder: small });
    const job = await t.call('frames.openVideoStart', { path: video });
    await t.call('jobs.cancel', { id: job.id });
    expect(await ended(job)).toMatchObject({ state: 'cancelled', result: null, error: 'Opening video DJI_0007.MP4 was cancelled; nothing was changed.' });
    expect(t.session.requireFrames().folder).toBe(small);
    expect(t.session.requireProject().store.getSettings().framesFolder).toBe(small);
  });

  it('a path that is not a video fails the start call itself', async () => {
    expect(await t.fail('frames.openVideoStart', { path: join(small, 'frame_1.jpg') })).toMatchObject({ code: 'invalid-input' });
  });
});

describe('opening a mosaic as a job', () => {
  it('is one step, and a cancel leaves the mosaic closed and unsaved', async () => {
    const cancelled = await t.call('mosaic.openStart', { path: mosaic });
    await t.call('jobs.cancel', { id: cancelled.id });
    expect(await ended(cancelled)).toMatchObject({ state: 'cancelled', result: null });
    expect(t.session.mosaics.size).toBe(0);
    expect(t.session.requireProject().store.getSettings().mosaics).toEqual([]);

    const job = await t.call('mosaic.openStart', { path: mosaic });
    const done = await ended(job);
    expect(done).toMatchObject({ state: 'done', done: 1, total: 1, error: null });
    expect(done.result?.kind === 'mosaic' && done.result.mosaic.path).toBe(mosaic);
    expect([...t.session.mosaics.values()].map((m) => m.info.path)).toEqual([mosaic]);
    expect(t.session.requireProject().store.getSettings().mosaics).toEqual([mosaic]);
  });

  it('a missing file fails the job with the file named, and nothing is added', async () => {
    const job = await t.call('mosaic.openStart', { path: join(dir, 'gone.tif') });
    const end = await ended(job);
    expect(end).toMatchObject({ state: 'failed', result: null });
    expect(end.error).toContain(join(dir, 'gone.tif'));
    expect(t.session.mosaics.size).toBe(1);
  });
});

describe('closing the session (the window or the server goes away)', () => {
  it('cancels a running export, whose worker leaves no file behind', async () => {
    const root = makeTmpDir('smgeo-close-jobs-');
    const own = makeSession(root);
    try {
      await own.call('project.create', { path: join(root, 'p.smgeo') });
      const out = join(root, 'out');
      mkdirSync(out);
      const job = await own.call('export.start', { path: join(out, 'objects.geojson'), format: 'geojson' });
      expect(job.state).toBe('running');
      await own.session.close();
      const status = own.session.jobs.status(job.id);
      expect(status?.state).toBe('cancelled');
      expect(readdirSync(out)).toEqual([]);
    } finally {
      removeDir(root);
    }
  });
});
