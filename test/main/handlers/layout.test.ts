import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { makeSession, type TestSession } from './fixtures';

let dir: string;
let t: TestSession;

beforeEach(() => {
  dir = makeTmpDir('smgeo-layout-');
  t = makeSession(dir);
});
afterEach(async () => {
  await t.session.close();
  removeDir(dir);
});

describe('pane layout', () => {
  it('is null in a new project, is stored, and comes back when the project is reopened', async () => {
    const path = join(dir, 'p.smgeo');
    await t.call('project.create', { path });
    expect(await t.call('layout.get', {})).toBeNull();
    expect(await t.call('layout.set', { frame: 0.5, list: 0.2 })).toEqual({ frame: 0.5, list: 0.2 });
    await t.session.close();
    t = makeSession(dir);
    await t.call('project.open', { path });
    expect(await t.call('layout.get', {})).toEqual({ frame: 0.5, list: 0.2 });
  });

  it('refuses a layout that would hide the map, and keeps the stored one', async () => {
    await t.call('project.create', { path: join(dir, 'p.smgeo') });
    await t.call('layout.set', { frame: 0.4, list: 0.25 });
    const err = await t.fail('layout.set', { frame: 0.8, list: 0.6 });
    expect(err.code).toBe('invalid-input');
    expect(err.message).toMatch(/map/);
    expect(await t.call('layout.get', {})).toEqual({ frame: 0.4, list: 0.25 });
  });

  it('needs an open project', async () => {
    expect((await t.fail('layout.get', {})).code).toBe('no-project');
  });
});
