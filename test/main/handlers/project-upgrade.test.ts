// Opening a project saved before format 3: it opens at once, and the Feature texts its objects
// lack are rendered afterwards, a slice at a time, while the app goes on answering.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { objectsWithoutFeature, writeFormat2Project } from '../store/format1';
import { sampleObject } from '../store/sample-object';
import { makeSession, type TestSession } from './fixtures';

let dir: string;
let t: TestSession;

beforeEach(() => {
  dir = makeTmpDir('smgeo-project-upgrade-');
  t = makeSession(dir);
});
afterEach(async () => {
  await t.session.close();
  removeDir(dir);
});

describe('a project of an older format', () => {
  it('opens with every object, then gains the Feature texts in the background; a request meanwhile is answered', async () => {
    const path = join(dir, 'old.smgeo');
    const saved = writeFormat2Project(path, 'Old survey', Array.from({ length: 600 }, (_, i) => sampleObject({ status: 'accepted', label: `house ${i}` })));

    const view = await t.call('project.open', { path });
    expect(view.objects.map((o) => o.id)).toEqual(saved.map((o) => o.id));
    // Nothing rendered yet: the open did not wait for it.
    expect(objectsWithoutFeature(path)).toBe(600);
    const state = await t.call('app.state', {});
    expect(state.project?.objects).toHaveLength(600);

    await t.session.featureUpkeep;
    expect(objectsWithoutFeature(path)).toBe(0);
  });

  it('stops when the project is closed before it is done', async () => {
    const path = join(dir, 'old.smgeo');
    writeFormat2Project(path, 'Old survey', Array.from({ length: 600 }, () => sampleObject({ status: 'accepted' })));
    await t.call('project.open', { path });
    const upkeep = t.session.featureUpkeep;
    // One turn of the event loop: one slice is rendered.
    await new Promise((resolve) => setImmediate(resolve));
    await t.call('project.create', { path: join(dir, 'new.smgeo') });
    await upkeep;
    const left = objectsWithoutFeature(path);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(600);
  });
});
