import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore, StoreError } from '../../../src/main/store';
import { clockwiseBox, sampleObject } from './sample-object';

let dir: string;
let file: string;
let store: ProjectStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smgeo-objects-'));
  file = path.join(dir, 'survey.smgeo');
  store = ProjectStore.create(file, 'Survey');
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected a StoreError, nothing was thrown');
}

/** A second connection, as another tool (or a damaged disk) would touch the file. */
function withRawDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe('located objects', () => {
  it('an accepted object is saved with an id and timestamps and reads back identical after reopening', () => {
    const saved = store.insertObject(sampleObject());
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(saved.createdAt).toISOString()).toBe(saved.createdAt);
    expect(saved.updatedAt).toBe(saved.createdAt);
    store.close();
    store = ProjectStore.open(file);
    expect(store.getObject(saved.id)).toEqual(saved);
    expect(store.listObjects()).toEqual([saved]);
  });

  it('lists objects in the order they were located', () => {
    const ids = ['first', 'second', 'third'].map((label) => store.insertObject(sampleObject({ label })).id);
    expect(store.listObjects().map((o) => o.id)).toEqual(ids);
  });

  it('refuses an object with coordinates off the globe or a chosen candidate that does not exist', () => {
    const offGlobe = storeError(() => store.insertObject(sampleObject({ ring: [[181, 0], [182, 0], [182, 1], [181, 0]] })));
    expect(offGlobe.code).toBe('invalid');
    expect(offGlobe.message).toContain('ring');
    const badChoice = storeError(() => store.insertObject(sampleObject({ chosen: 2 })));
    expect(badChoice.code).toBe('invalid');
    expect(badChoice.message).toContain('chosen');
    expect(store.listObjects()).toEqual([]);
  });

  it('keeps an audit trail: created, status change, correction with old and new box, label and note edits', () => {
    const o = store.insertObject(sampleObject());
    const moved = clockwiseBox(8.5418, 47.377);
    store.updateObject(o.id, { status: 'accepted' });
    store.updateObject(o.id, { status: 'corrected', ring: moved, correctedFrom: o.ring });
    store.updateObject(o.id, { label: 'barn', note: 'roof is red, walls "white", see frame 13' });
    const now = store.getObject(o.id);
    expect(now).toMatchObject({ status: 'corrected', ring: moved, correctedFrom: o.ring, label: 'barn' });
    expect(now.updatedAt >= o.updatedAt).toBe(true);

    const trail = store.history(o.id);
    expect(trail.map((e) => e.kind)).toEqual(['created', 'status', 'status', 'corrected', 'corrected-from', 'label', 'note']);
    expect(trail[1].data).toEqual({ from: 'pending', to: 'accepted' });
    expect(trail[3].data).toEqual({ from: o.ring, to: moved });
    expect(trail[5].data).toEqual({ from: 'red-roof house', to: 'barn' });
    for (const e of trail) expect(new Date(e.at).toISOString()).toBe(e.at);
  });

  it('an update that changes nothing leaves no event and keeps updatedAt', () => {
    const o = store.insertObject(sampleObject());
    const same = store.updateObject(o.id, { status: 'pending', label: o.label, note: undefined });
    expect(same).toEqual(o);
    expect(store.history(o.id)).toHaveLength(1);
  });

  it('choosing another candidate is checked against the candidates', () => {
    const o = store.insertObject(sampleObject());
    expect(store.updateObject(o.id, { chosen: 1, ring: o.candidates[1].ring }).chosen).toBe(1);
    const err = storeError(() => store.updateObject(o.id, { chosen: 5 }));
    expect(err.code).toBe('invalid');
    expect(store.getObject(o.id).chosen).toBe(1);
  });

  it('unknown ids and unknown patch fields are refused', () => {
    expect(storeError(() => store.getObject('nope')).code).toBe('not-found');
    expect(storeError(() => store.updateObject('nope', { status: 'accepted' })).code).toBe('not-found');
    expect(storeError(() => store.history('nope')).code).toBe('not-found');
    const o = store.insertObject(sampleObject());
    const err = storeError(() => store.updateObject(o.id, { frame: { index: 1, name: 'x' } } as never));
    expect(err.code).toBe('invalid');
  });

  it('an update that fails half-way (after the row, at the audit event) changes nothing', () => {
    const o = store.insertObject(sampleObject());
    // The object row is written before its audit events; failing the 'label' event proves
    // that the row write is rolled back with it.
    withRawDb((db) =>
      db.exec(`CREATE TRIGGER fail_label BEFORE INSERT ON events WHEN NEW.kind = 'label'
               BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`),
    );
    const err = storeError(() => store.updateObject(o.id, { status: 'accepted', label: 'barn' }));
    expect(err.message).toContain('simulated failure');
    expect(store.getObject(o.id)).toEqual(o);
    expect(store.history(o.id).map((e) => e.kind)).toEqual(['created']);
  });

  it('an insert whose audit event fails leaves no object behind', () => {
    withRawDb((db) => db.exec(`CREATE TRIGGER fail_created BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`));
    storeError(() => store.insertObject(sampleObject()));
    expect(store.listObjects()).toEqual([]);
  });

  it('a full disk is reported as an io error and loses nothing committed', () => {
    const kept = store.insertObject(sampleObject({ label: 'kept' }));
    store.close();
    const pages = withRawDb((db) => db.pragma('page_count', { simple: true }) as number);
    store = ProjectStore.open(file, { maxPageCount: pages });
    const err = storeError(() => store.insertObject(sampleObject({ note: 'x'.repeat(200_000) })));
    expect(err.code).toBe('io');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/full/);
    expect(err.message).toMatch(/nothing committed earlier was lost/);
    expect(store.listObjects()).toEqual([kept]);
    store.close();
    store = ProjectStore.open(file);
    expect(store.listObjects()).toEqual([kept]);
  });

  it('a damaged row is reported clearly, naming the object and the file', () => {
    const o = store.insertObject(sampleObject());
    withRawDb((db) => db.prepare("UPDATE objects SET ring = '[[8.5, 47.3], \"oops\"' WHERE id = ?").run(o.id));
    const notJson = storeError(() => store.getObject(o.id));
    expect(notJson.code).toBe('invalid');
    expect(notJson.message).toContain(o.id);
    expect(notJson.message).toContain(file);

    withRawDb((db) => db.prepare("UPDATE objects SET ring = '[[8.5, 947.3], [8.6, 47.3], [8.6, 47.4]]' WHERE id = ?").run(o.id));
    const offGlobe = storeError(() => store.listObjects());
    expect(offGlobe.code).toBe('invalid');
    expect(offGlobe.message).toMatch(/ring/);
  });
});

describe('project settings', () => {
  it('start with defaults and keep updates across reopening', () => {
    expect(store.getSettings()).toEqual({ framesFolder: null, mosaics: [], modelDir: null, provider: 'auto', layout: null, camera: null });
    const updated = store.updateSettings({ framesFolder: '/data/flight-3', mosaics: ['/data/a.tif', '/data/b.tif'] });
    expect(updated).toEqual({ framesFolder: '/data/flight-3', mosaics: ['/data/a.tif', '/data/b.tif'], modelDir: null, provider: 'auto', layout: null, camera: null });
    store.close();
    store = ProjectStore.open(file);
    expect(store.updateSettings({ provider: 'cuda' }).mosaics).toEqual(['/data/a.tif', '/data/b.tif']);
    expect(store.getSettings().provider).toBe('cuda');
  });

  it('refuses settings of the wrong shape', () => {
    expect(storeError(() => store.updateSettings({ mosaics: 'a.tif' } as never)).code).toBe('invalid');
    expect(storeError(() => store.updateSettings({ colour: 'red' } as never)).code).toBe('invalid');
    expect(store.getSettings().mosaics).toEqual([]);
  });
});
