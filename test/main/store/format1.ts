// Projects as versions before format 3 wrote them, for the upgrade tests.
import Database from 'better-sqlite3';
import { ObjectRepository, migrate, type LocatedObject, type NewLocatedObject } from '../../../src/main/store';

/** Saves `o` into a database of format 1 or 2 as those versions did: the row and its 'created' event. */
export function insertAsFormat1(db: Database.Database, o: NewLocatedObject): LocatedObject {
  // The current repository on a format-3 copy writes the row; its format-1 columns are copied over.
  const scratch = new Database(':memory:');
  migrate(scratch);
  const saved = new ObjectRepository(scratch, ':memory:').insert(o);
  const row = scratch.prepare('SELECT * FROM objects').get() as Record<string, unknown>;
  const event = scratch.prepare('SELECT object_id, at, kind, data FROM events').get() as Record<string, unknown>;
  scratch.close();
  delete row.feature;
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO objects (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
  db.prepare('INSERT INTO events (object_id, at, kind, data) VALUES (@object_id, @at, @kind, @data)').run(event);
  return saved;
}

/** A project as format 2 left it: `objects` saved, none with its Feature text. */
export function writeFormat2Project(file: string, name: string, objects: readonly NewLocatedObject[]): LocatedObject[] {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    migrate(db, 2);
    db.prepare("INSERT INTO project (key, value) VALUES ('name', ?)").run(name);
    return db.transaction(() => objects.map((o) => insertAsFormat1(db, o)))();
  } finally {
    db.close();
  }
}

/** How many objects in the project file have no Feature text (read beside the app's connection). */
export function objectsWithoutFeature(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM objects WHERE feature IS NULL').pluck().get() as number;
  } finally {
    db.close();
  }
}
