// A project from someone else must not widen what the app reads without asking: locations its
// settings name outside its own folder open only after the user allows it, and the answer is kept.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessRequest } from '../../../src/main/app/widen-access';
import { ProjectStore } from '../../../src/main/store';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { makeFramesFolder, makeSession, type TestSession } from './fixtures';

let dir: string;
let project: string;
let outsideFrames: string;
let outsideModel: string;
const sessions: TestSession[] = [];

/** A session of another user (own user-data folder), as the app would run it. */
function open(name: string, confirmAccess?: (r: AccessRequest) => Promise<boolean>): TestSession {
  const t = makeSession(join(dir, name), confirmAccess ? { confirmAccess } : {});
  sessions.push(t);
  return t;
}

beforeEach(async () => {
  dir = makeTmpDir('smgeo-widen-');
  mkdirSync(join(dir, 'shared'));
  project = join(dir, 'shared', 'p.smgeo');
  outsideFrames = await makeFramesFolder(join(dir, 'elsewhere', 'frames'), 2);
  outsideModel = join(dir, 'elsewhere', 'model');
  const store = ProjectStore.create(project, 'from someone else');
  store.updateSettings({ framesFolder: outsideFrames, modelDir: outsideModel });
  store.close();
});
afterEach(async () => {
  for (const t of sessions.splice(0)) await t.session.close();
  removeDir(dir);
});

describe('browser mode: the page asks', () => {
  it('opens nothing outside the project folder until allowed, then opens it and remembers', async () => {
    const t = open('user');
    const view = await t.call('project.open', { path: project });
    expect(view.accessRequest?.paths).toEqual([outsideFrames, outsideModel]);
    expect(view.accessRequest?.question).toMatch(/outside its own folder/);
    expect(view.frames).toBeNull();
    expect(t.session.access.allows(join(outsideFrames, 'frame_1.jpg'))).toBe(false);
    expect(t.session.modelDir()).not.toBe(outsideModel);

    const allowed = await t.call('project.allowAccess', { allow: true });
    expect(allowed.accessRequest).toBeNull();
    expect(allowed.frames?.frames).toHaveLength(2);
    expect(t.session.modelDir()).toBe(outsideModel);

    // The same user opening it again is not asked again.
    await t.session.close();
    const again = await t.call('project.open', { path: project });
    expect(again.accessRequest).toBeNull();
    expect(again.frames?.frames).toHaveLength(2);
  });

  it('a "no" keeps the locations closed, is remembered, and is said as a problem on the next open', async () => {
    const t = open('user');
    await t.call('project.open', { path: project });
    const denied = await t.call('project.allowAccess', { allow: false });
    expect(denied.frames).toBeNull();
    expect(t.session.modelDir()).not.toBe(outsideModel);

    t.session.closeProject();
    const again = await t.call('project.open', { path: project });
    expect(again.accessRequest).toBeNull();
    expect(again.frames).toBeNull();
    expect(again.problems.join('\n')).toContain(`${outsideFrames} is outside the project's folder`);
    expect(t.session.access.allows(join(outsideFrames, 'frame_1.jpg'))).toBe(false);
  });

  it('locations inside the project folder, and those the user opened, open without a question', async () => {
    const t = open('owner');
    const own = join(dir, 'own.smgeo');
    await t.call('project.create', { path: own });
    const inside = await makeFramesFolder(join(dir, 'frames-inside'), 1);
    await t.call('frames.open', { folder: inside });
    await t.session.close();
    expect((await t.call('project.open', { path: own })).accessRequest).toBeNull();

    // The owner chose a folder outside: reopening their own project does not ask.
    await t.call('frames.open', { folder: outsideFrames });
    await t.session.close();
    const mine = await t.call('project.open', { path: own });
    expect(mine.accessRequest).toBeNull();
    expect(mine.frames?.folder).toBe(outsideFrames);
  });
});

describe('Electron: a dialog asks during the open', () => {
  it('asks once with every outside location, and keeps the answer', async () => {
    const asked: AccessRequest[] = [];
    const t = open('user', async (r) => {
      asked.push(r);
      return false;
    });
    const view = await t.call('project.open', { path: project });
    expect(asked).toEqual([{ project, paths: [outsideFrames, outsideModel] }]);
    expect(view.accessRequest).toBeNull();
    expect(view.frames).toBeNull();
    t.session.closeProject();
    await t.call('project.open', { path: project });
    expect(asked).toHaveLength(1);
  });

  it('"allow" opens the locations', async () => {
    const t = open('user', async () => true);
    const view = await t.call('project.open', { path: project });
    expect(view.frames?.frames).toHaveLength(2);
    expect(t.session.modelDir()).toBe(outsideModel);
  });
});
