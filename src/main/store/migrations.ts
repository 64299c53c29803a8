import type Database from 'better-sqlite3';

/** 'SMGe' as a big-endian int: marks a SQLite file as an SMGeo project (PRAGMA application_id). */
export const APPLICATION_ID = 0x534d4765;

export interface Migration {
  /** The schema version the database has after this step. */
  version: number;
  description: string;
  up(db: Database.Database): void;
}

// Append only: a released step is never edited, because projects already on disk ran it.
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'project metadata, located objects and their audit trail',
    up(db) {
      db.exec(`
        CREATE TABLE project (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE objects (
          id             TEXT PRIMARY KEY,
          created_at     TEXT NOT NULL,
          updated_at     TEXT NOT NULL,
          status         TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'corrected', 'rejected')),
          frame_index    INTEGER NOT NULL,
          frame_name     TEXT NOT NULL,
          click_x        REAL NOT NULL,
          click_y        REAL NOT NULL,
          telemetry      TEXT,
          search_centre  TEXT NOT NULL,
          chip           TEXT NOT NULL,
          model          TEXT NOT NULL,
          candidates     TEXT NOT NULL,
          chosen         INTEGER NOT NULL,
          ring           TEXT NOT NULL,
          corrected_from TEXT,
          label          TEXT NOT NULL DEFAULT '',
          note           TEXT NOT NULL DEFAULT ''
        ) STRICT;

        CREATE TABLE events (
          seq       INTEGER PRIMARY KEY AUTOINCREMENT,
          object_id TEXT NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
          at        TEXT NOT NULL,
          kind      TEXT NOT NULL,
          data      TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    description: 'project settings; index the audit trail by object',
    up(db) {
      db.exec(`
        CREATE TABLE settings (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
        CREATE INDEX events_by_object ON events (object_id, seq);
        CREATE INDEX objects_by_created ON objects (created_at);
      `);
      const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      put.run('framesFolder', 'null');
      put.run('mosaics', '[]');
      put.run('modelDir', 'null');
      put.run('provider', '"auto"');
    },
  },
  {
    version: 3,
    description: "each object's GeoJSON Feature text, kept with its row so an export copies it as it is",
    up(db) {
      // The text is derived from the row's other columns when the application saves the row. A
      // program that changes a row without rewriting its text would leave it stale: the trigger
      // clears it, and export renders that object afresh from its checked row. Rows without text
      // (those saved before this version, and cleared ones) are found through the partial index.
      // By status, an export counts what it will write without reading the rows.
      db.exec(`
        ALTER TABLE objects ADD COLUMN feature BLOB;
        CREATE TRIGGER objects_feature_follows_row AFTER UPDATE ON objects
          WHEN NEW.feature IS OLD.feature
          BEGIN UPDATE objects SET feature = NULL WHERE rowid = NEW.rowid; END;
        CREATE INDEX objects_without_feature ON objects (id) WHERE feature IS NULL;
        CREATE INDEX objects_by_status ON objects (status);
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema from its current version up to `target`, one step per transaction, so a
 * failure leaves the file at the last completed version rather than half-way through a step.
 */
export function migrate(db: Database.Database, target: number = LATEST_SCHEMA_VERSION): number {
  let version = schemaVersion(db);
  for (const step of MIGRATIONS) {
    if (step.version <= version || step.version > target) continue;
    db.transaction(() => {
      step.up(db);
      // PRAGMAs cannot take bound parameters; the version is an integer from this file.
      db.pragma(`user_version = ${step.version}`);
      if (step.version === 1) db.pragma(`application_id = ${APPLICATION_ID}`);
    })();
    version = step.version;
  }
  return version;
}
