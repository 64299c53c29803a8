import path from 'node:path';
import type Database from 'better-sqlite3';
import { closeProjectDatabase, createProjectDatabase, openProjectDatabase, type OpenOptions } from './db';
import { StoreError, wrapReadError, wrapWriteError } from './errors';
import type { FeaturePage } from './feature-texts';
import { ObjectRepository } from './objects';
import { SettingsRepository } from './settings';
import type { HistoryEvent, LocatedObject, NewLocatedObject, ObjectPatch, ObjectStatus, ProjectSettings } from './types';

/** One open `.smgeo` project. Every method is synchronous: better-sqlite3 runs in the main process. */
export class ProjectStore {
  readonly path: string;
  readonly name: string;
  private readonly db: Database.Database;
  private readonly objects: ObjectRepository;
  private readonly settings: SettingsRepository;

  private constructor(file: string, db: Database.Database) {
    this.path = file;
    this.db = db;
    this.name = readName(db, file);
    this.objects = new ObjectRepository(db, file);
    this.settings = new SettingsRepository(db, file);
  }

  /** Creates a new project; refuses if anything already exists at `file`. */
  static create(file: string, name: string, options: OpenOptions = {}): ProjectStore {
    const trimmed = name.trim();
    if (!trimmed) throw new StoreError('invalid', `The project ${file} was not created: its name is empty.`);
    const abs = path.resolve(file);
    const db = createProjectDatabase(abs, options);
    try {
      const now = new Date().toISOString();
      db.transaction(() => {
        const put = db.prepare('INSERT INTO project (key, value) VALUES (?, ?)');
        put.run('name', trimmed);
        put.run('created_at', now);
      })();
      return new ProjectStore(abs, db);
    } catch (err) {
      db.close();
      throw wrapWriteError(err, 'name the new project', abs);
    }
  }

  static open(file: string, options: OpenOptions = {}): ProjectStore {
    const abs = path.resolve(file);
    const db = openProjectDatabase(abs, options);
    try {
      return new ProjectStore(abs, db);
    } catch (err) {
      closeProjectDatabase(db);
      if (err instanceof StoreError) throw err;
      // The header was an SMGeo project's, but its tables are not (a damaged file).
      throw new StoreError('not-a-project', `${abs} is damaged or is not an SMGeo project: its tables cannot be read (${err instanceof Error ? err.message : String(err)}). Open a backup copy of the project.`, { cause: err });
    }
  }

  close(): void {
    closeProjectDatabase(this.db);
  }

  /** True when the file or its folder cannot be written: the project is shown and exported, never changed. */
  get readOnly(): boolean {
    return this.db.readonly;
  }

  private assertWritable(): void {
    if (!this.db.readonly) return;
    throw new StoreError(
      'read-only',
      `The project ${this.path} is open read-only (the file or its folder cannot be written), so this change was not saved. ` +
        'To edit it, copy it to a writable folder and open the copy; viewing and export still work.',
    );
  }

  getSettings(): ProjectSettings {
    return this.settings.get();
  }

  updateSettings(patch: Partial<ProjectSettings>): ProjectSettings {
    this.assertWritable();
    return this.settings.update(patch);
  }

  insertObject(o: NewLocatedObject): LocatedObject {
    this.assertWritable();
    return this.objects.insert(o);
  }

  updateObject(id: string, patch: ObjectPatch): LocatedObject {
    this.assertWritable();
    return this.objects.update(id, patch);
  }

  getObject(id: string): LocatedObject {
    return this.objects.get(id);
  }

  listObjects(): LocatedObject[] {
    return this.objects.list();
  }

  objectBatches(size = 2000): Generator<LocatedObject[]> {
    return this.objects.batches(size);
  }

  /** The stored GeoJSON Feature text of the objects with these statuses, `size` at a time (objects.ts). */
  featureTexts(statuses: readonly ObjectStatus[], size = 2000): Generator<FeaturePage> {
    return this.objects.featureTexts(statuses, size);
  }

  /**
   * Renders the missing Feature texts of up to `limit` objects after id `after` (objects.ts); the
   * app calls it in slices after opening a project saved before format 3.
   */
  fillMissingFeatures(limit: number, after = ''): { examined: number; filled: number; last: string } {
    this.assertWritable();
    return this.objects.fillMissingFeatures(limit, after);
  }

  countObjectsWithStatus(statuses: readonly ObjectStatus[]): number {
    return this.objects.countWithStatus(statuses);
  }

  countObjects(): number {
    return this.objects.count();
  }

  insertObjects(objs: readonly NewLocatedObject[]): LocatedObject[] {
    return this.objects.insertMany(objs);
  }

  history(id: string): HistoryEvent[] {
    return this.objects.history(id);
  }
}

function readName(db: Database.Database, file: string): string {
  let row: { value: string } | undefined;
  try {
    row = db.prepare<[], { value: string }>("SELECT value FROM project WHERE key = 'name'").get();
  } catch (err) {
    throw wrapReadError(err, 'read the project name', file);
  }
  // A project that lost its name is still usable; fall back to the file name.
  return row?.value ?? path.basename(file, path.extname(file));
}
