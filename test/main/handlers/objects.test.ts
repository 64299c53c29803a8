import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocatedObject } from '../../../src/main/store';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { clockwiseBox, sampleObject } from '../store/sample-object';
import { makeSession, type TestSession } from './fixtures';

let dir: string;
let t: TestSession;
let obj: LocatedObject;

beforeEach(async () => {
  dir = makeTmpDir('smgeo-objects-');
  t = makeSession(dir);
  await t.call('project.create', { path: join(dir, 'p.smgeo') });
  // As localize.run stores it: pending, best candidate chosen.
  obj = t.session.requireProject().store.insertObject(sampleObject());
});
afterEach(async () => {
  await t.session.close();
  removeDir(dir);
});

const dragged = clockwiseBox(8.5419, 47.3771, 0.00012);

describe('reviewing a located object', () => {
  it('accepting keeps the model box and records the decision in the history', async () => {
    const accepted = await t.call('objects.update', { id: obj.id, status: 'accepted' });
    expect(accepted.status).toBe('accepted');
    expect(accepted.ring).toEqual(obj.ring);
    expect(accepted.correctedFrom).toBeNull();
    const history = await t.call('objects.history', { id: obj.id });
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(history.at(-1))).toContain('accepted');
  });

  it('dragging the box makes it corrected and remembers the box it replaced', async () => {
    const corrected = await t.call('objects.update', { id: obj.id, ring: dragged });
    expect(corrected.status).toBe('corrected');
    expect(corrected.ring).toEqual(dragged);
    expect(corrected.correctedFrom).toEqual(obj.ring);

    const again = clockwiseBox(8.542, 47.3772, 0.0001);
    const twice = await t.call('objects.update', { id: obj.id, ring: again });
    expect(twice.correctedFrom).toEqual(dragged);
  });

  it('choosing the second candidate switches the box to it', async () => {
    const second = await t.call('objects.update', { id: obj.id, chosen: 1 });
    expect(second.chosen).toBe(1);
    expect(second.ring).toEqual(obj.candidates[1].ring);
    expect(second.status).toBe('pending');
  });

  it('undo: choosing the model box again discards a correction, and pending undoes a verdict', async () => {
    await t.call('objects.update', { id: obj.id, ring: dragged });
    const undone = await t.call('objects.update', { id: obj.id, chosen: 0 });
    expect(undone).toMatchObject({ status: 'pending', chosen: 0, correctedFrom: null });
    expect(undone.ring).toEqual(obj.candidates[0].ring);

    await t.call('objects.update', { id: obj.id, status: 'rejected' });
    const back = await t.call('objects.update', { id: obj.id, status: 'pending' });
    expect(back.status).toBe('pending');
    const kinds = (await t.call('objects.history', { id: obj.id })).length;
    expect(kinds).toBeGreaterThanOrEqual(5);
  });

  it('labels and notes are saved and survive reopening the project', async () => {
    await t.call('objects.update', { id: obj.id, label: 'barn', note: 'roof partly hidden by trees' });
    await t.session.close();
    t = makeSession(dir);
    await t.call('project.open', { path: join(dir, 'p.smgeo') });
    const [saved] = await t.call('objects.list', {});
    expect(saved).toMatchObject({ id: obj.id, label: 'barn', note: 'roof partly hidden by trees' });
  });

  it('refuses changes that make no sense, saying why', async () => {
    expect((await t.fail('objects.update', { id: obj.id, chosen: 7 })).message).toContain('2 candidates');
    expect((await t.fail('objects.update', { id: obj.id, status: 'corrected' })).message).toContain('corrected box');
    expect((await t.fail('objects.update', { id: obj.id, ring: dragged, status: 'accepted' })).code).toBe('invalid-input');
    expect((await t.fail('objects.update', { id: obj.id, ring: dragged, chosen: 1 })).code).toBe('invalid-input');
    const unchanged = await t.call('objects.list', {});
    expect(unchanged[0].status).toBe('pending');
    expect(unchanged[0].ring).toEqual(obj.ring);
  });

  it('an unknown object id is not-found', async () => {
    expect((await t.fail('objects.update', { id: 'no-such-object', status: 'accepted' })).code).toBe('not-found');
    expect((await t.fail('objects.history', { id: 'no-such-object' })).code).toBe('not-found');
  });
});

describe('export', () => {
  it('writes the reviewed objects to GeoJSON and CSV and reports how many', async () => {
    await t.call('objects.update', { id: obj.id, status: 'accepted' });
    const geo = await t.call('export.geojson', { path: join(dir, 'out.geojson') });
    expect(geo).toEqual({ path: join(dir, 'out.geojson'), count: 1 });
    const fc = JSON.parse(readFileSync(geo.path, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(1);
    const csv = await t.call('export.csv', { path: join(dir, 'out.csv') });
    expect(csv.count).toBe(1);
    expect(readFileSync(csv.path, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('an export into a folder that does not exist fails with a message naming the file', async () => {
    const target = join(dir, 'missing-folder', 'out.geojson');
    const err = await t.fail('export.geojson', { path: target });
    expect(err.message).toContain('out.geojson');
    expect(err.code).not.toBe('internal');
  });
});
