import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, MIGRATIONS, ProjectStore, StoreError, migrate } from '../../../src/main/store';
import { insertAsFormat1 } from './format1';
import { sampleObject } from './sample-object';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smgeo-migrations-'));
});
afterEach(() => {
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

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  db.close();
  return names;
}

describe('project schema and migrations', () => {
  it('a new project gets every migration, the project marker, WAL and its name', () => {
    const file = path.join(dir, 'new.smgeo');
    const store = ProjectStore.create(file, '  Survey Zurich  ');
    expect(store.name).toBe('Survey Zurich');
    expect(store.path).toBe(file);
    store.close();

    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(tables(file)).toEqual(['events', 'objects', 'project', 'settings']);
  });

  it('migrations are numbered 1, 2, … in order, ending at the latest version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('migrating an empty database applies the steps one by one', () => {
    const db = new Database(':memory:');
    expect(migrate(db, 1)).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('a version-1 project with an object opens upgraded, keeping the object and its history', () => {
    const file = path.join(dir, 'v1.smgeo');
    const v1 = new Database(file);
    v1.pragma('journal_mode = WAL');
    migrate(v1, 1);
    v1.prepare("INSERT INTO project (key, value) VALUES ('name', 'Old survey')").run();
    const saved = insertAsFormat1(v1, sampleObject({ status: 'accepted', note: 'from v1' }));
    v1.close();
    expect(tables(file)).toEqual(['events', 'objects', 'project']);

    const store = ProjectStore.open(file);
    expect(store.name).toBe('Old survey');
    expect(store.getObject(saved.id)).toEqual(saved);
    expect(store.history(saved.id).map((e) => e.kind)).toEqual(['created']);
    expect(store.getSettings()).toEqual({ framesFolder: null, mosaics: [], modelDir: null, provider: 'auto', layout: null, camera: null });
    store.close();
    expect(tables(file)).toEqual(['events', 'objects', 'project', 'settings']);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a project saved by a newer version and leaves it unchanged', () => {
    const file = path.join(dir, 'future.smgeo');
    ProjectStore.create(file, 'Future').close();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();

    const err = storeError(() => ProjectStore.open(file));
    expect(err.code).toBe('newer-schema');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/newer version/);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    after.close();
  });

  it('refuses a file that is not SQLite at all, naming it', () => {
    const file = path.join(dir, 'holiday.smgeo');
    fs.writeFileSync(file, Buffer.from('This is a JPEG, honestly. '.repeat(200)));
    const before = fs.readFileSync(file);
    const err = storeError(() => ProjectStore.open(file));
    expect(err.code).toBe('not-a-project');
    expect(err.message).toContain(file);
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('refuses the SQLite database of another application without changing it', () => {
    const plain = path.join(dir, 'plain.sqlite');
    const other = new Database(plain);
    other.exec('CREATE TABLE objects (id TEXT)');
    other.close();
    const foreign = path.join(dir, 'foreign.db');
    const f = new Database(foreign);
    f.pragma('application_id = 1196444237'); // 'GPKG': a GeoPackage
    f.exec('CREATE TABLE gpkg_contents (table_name TEXT)');
    f.close();

    for (const file of [plain, foreign]) {
      const before = fs.readFileSync(file);
      const err = storeError(() => ProjectStore.open(file));
      expect(err.code).toBe('not-a-project');
      expect(err.message).toContain(file);
      expect(fs.readFileSync(file)).toEqual(before);
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
    }
  });

  it('says when the project file is missing', () => {
    const file = path.join(dir, 'moved-away.smgeo');
    const err = storeError(() => ProjectStore.open(file));
    expect(err.code).toBe('not-found');
    expect(err.message).toContain(file);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('create refuses to overwrite an existing file', () => {
    const file = path.join(dir, 'taken.smgeo');
    fs.writeFileSync(file, 'precious');
    const err = storeError(() => ProjectStore.create(file, 'New'));
    expect(err.message).toContain(file);
    expect(fs.readFileSync(file, 'utf8')).toBe('precious');
  });

  it('create into a missing folder fails with an io error and leaves nothing behind', () => {
    const file = path.join(dir, 'no-such-folder', 'p.smgeo');
    const err = storeError(() => ProjectStore.create(file, 'P'));
    expect(err.code).toBe('io');
    expect(err.message).toContain(file);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });
});
