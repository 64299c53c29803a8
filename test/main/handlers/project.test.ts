import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { makeFramesFolder, makeMosaic, makeSession, type TestSession } from './fixtures';

let dir: string;
let t: TestSession;

beforeEach(() => {
  dir = makeTmpDir('smgeo-handlers-');
  t = makeSession(dir);
});
afterEach(async () => {
  await t.session.close();
  removeDir(dir);
});

describe('projects', () => {
  it('a new project starts empty, is named after its file and goes to the top of the recent list', async () => {
    const path = join(dir, 'Survey 7.smgeo');
    const view = await t.call('project.create', { path });
    expect(view).toMatchObject({ path, name: 'Survey 7', framesFolder: null, mosaics: [], objects: [], frames: null, problems: [] });
    expect(existsSync(path)).toBe(true);
    const state = await t.call('app.state', {});
    expect(state.recent[0]).toBe(path);
    expect(state.project?.path).toBe(path);
    expect(JSON.parse(readFileSync(join(dir, 'user-data/recent.json'), 'utf8')).projects).toEqual([path]);
  });

  it('creating a project over an existing file is refused and names the file', async () => {
    const path = join(dir, 'p.smgeo');
    await t.call('project.create', { path });
    const err = await t.fail('project.create', { path });
    expect(err.message).toContain(path);
    expect(err.code).not.toBe('internal');
  });

  it('opening a project that does not exist says so and drops it from the recent list', async () => {
    const path = join(dir, 'gone.smgeo');
    await t.call('project.create', { path });
    await t.session.close();
    removeDir(path);
    t = makeSession(dir);
    expect((await t.call('app.state', {})).recent).toEqual([path]);
    const err = await t.fail('project.open', { path });
    expect(err.code).toBe('not-found');
    expect(err.message).toContain(path);
    expect((await t.call('app.state', {})).recent).toEqual([]);
  });

  it('a file that is not a project is refused with a message naming it', async () => {
    const path = join(dir, 'notes.txt');
    (await import('node:fs')).writeFileSync(path, 'shopping list');
    const err = await t.fail('project.open', { path });
    expect(err.message).toContain(path);
    expect(err.code).not.toBe('internal');
  });

  it('a reopened project brings back its frames folder and mosaics', async () => {
    const path = join(dir, 'p.smgeo');
    await t.call('project.create', { path });
    const frames = await makeFramesFolder(join(dir, 'frames'), 3);
    const mosaicPath = await makeMosaic(join(dir, 'maps'));
    await t.call('frames.open', { folder: frames });
    const mosaic = await t.call('mosaic.open', { path: mosaicPath });
    await t.session.close();

    t = makeSession(dir);
    const view = await t.call('project.open', { path });
    expect(view.framesFolder).toBe(frames);
    expect(view.frames?.frames.map((f) => f.name)).toEqual(['frame_1.jpg', 'frame_2.jpg', 'frame_3.jpg']);
    expect(view.mosaics.map((m) => m.id)).toEqual([mosaic.id]);
    expect(view.problems).toEqual([]);
  });

  it('a mosaic that moved away is reported, and the rest of the project still opens', async () => {
    const path = join(dir, 'p.smgeo');
    await t.call('project.create', { path });
    const mosaicPath = await makeMosaic(join(dir, 'maps'));
    await t.call('mosaic.open', { path: mosaicPath });
    await t.session.close();
    removeDir(mosaicPath);

    t = makeSession(dir);
    const view = await t.call('project.open', { path });
    expect(view.mosaics).toEqual([]);
    expect(view.problems).toHaveLength(1);
    expect(view.problems[0]).toContain(mosaicPath);
  });

  it('without a project, project-bound calls answer no-project', async () => {
    for (const [channel, input] of [
      ['frames.open', { folder: dir }],
      ['mosaic.open', { path: join(dir, 'x.tif') }],
      ['objects.list', {}],
      ['export.geojson', { path: join(dir, 'o.geojson') }],
    ] as const) {
      expect((await t.fail(channel, input)).code, channel).toBe('no-project');
    }
  });
});

describe('the sample project', () => {
  it('is created in the user data folder, points at the bundled frames and mosaic, and reopens', async () => {
    const sample = join(dir, 'resources/sample');
    await makeFramesFolder(join(sample, 'frames'), 2);
    await makeMosaic(sample, 'mosaic');

    const state = await t.call('app.state', {});
    expect(state.sampleProject).toBe(join(dir, 'user-data/sample.smgeo'));
    const first = await t.call('project.openSample', {});
    expect(first.path).toBe(join(dir, 'user-data/sample.smgeo'));
    expect(first.name).toBe('Sample project');
    expect(first.framesFolder).toBe(join(sample, 'frames'));
    expect(first.mosaics.map((m) => m.path)).toEqual([join(sample, 'mosaic.tif')]);
    expect(first.frames?.frames).toHaveLength(2);

    const again = await t.call('project.openSample', {});
    expect(again.path).toBe(first.path);
    expect(again.mosaics).toHaveLength(1);
  });

  it('opens on the very first run, before the user data folder exists', async () => {
    const sample = join(dir, 'resources/sample');
    await makeFramesFolder(join(sample, 'frames'), 1);
    await makeMosaic(sample, 'mosaic');
    rmSync(join(dir, 'user-data'), { recursive: true, force: true });
    const project = await t.call('project.openSample', {});
    expect(project.path).toBe(join(dir, 'user-data/sample.smgeo'));
    expect(existsSync(project.path)).toBe(true);
  });

  it('when the sample data is not installed, says where it should be', async () => {
    const err = await t.fail('project.openSample', {});
    expect(err.code).toBe('not-found');
    expect(err.message).toContain(join(dir, 'resources/sample/frames'));
    expect((await t.call('app.state', {})).sampleProject).toBeNull();
  });
});
