import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, wrapReadError, wrapWriteError } from './errors';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations';

export interface OpenOptions {
  /**
   * Caps the file at this many pages (PRAGMA max_page_count). SQLite then answers "database or
   * disk is full" exactly as on a full disk, which is how the tests reach that path.
   */
  maxPageCount?: number;
  /** Open without writing anything (also chosen on its own when the file or folder is not writable). */
  readOnly?: boolean;
}

function applyPragmas(db: Database.Database, options: OpenOptions): void {
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before it returns; an analyst's accepted objects outrank speed.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 2000');
  if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
}

/** Refuses files that are not SMGeo projects before anything is written to them. */
function checkIdentity(db: Database.Database, file: string): void {
  let appId: number;
  let version: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    version = schemaVersion(db);
  } catch (err) {
    throw wrapReadError(err, 'read the project header', file);
  }
  if (appId !== APPLICATION_ID) {
    throw new StoreError(
      'not-a-project',
      `${file} is not an SMGeo project (it is ${appId === 0 ? 'a plain SQLite database' : 'a database of another application'}). Open a .smgeo file created by SMGeo Workstation.`,
    );
  }
  if (version > LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      'newer-schema',
      `${file} was saved by a newer version of SMGeo Workstation (project format ${version}; this version reads up to ${LATEST_SCHEMA_VERSION}). Update the application to open it; the file was not changed.`,
    );
  }
}

function openSqlite(file: string, mustExist: boolean): Database.Database {
  try {
    return new Database(file, { fileMustExist: mustExist });
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CANTOPEN' && !fs.existsSync(file)) {
      throw new StoreError('not-found', `The project ${file} does not exist. It may have been moved or deleted.`, { cause: err });
    }
    throw wrapReadError(err, 'open the project', file);
  }
}

/** SQLite needs to write the file and to create its -wal/-shm beside it. */
function canWrite(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function isReadOnlyFailure(err: unknown): boolean {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  return code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM');
}

/** Private copies behind read-only connections, removed when the project is closed. */
const snapshots = new WeakMap<Database.Database, string>();

/**
 * A WAL database cannot be read in place where its -shm cannot be created (a read-only folder or
 * mount), so a read-only project is read from a private copy of the file and its -wal: the
 * original is never written, and whatever the -wal holds (a crash before a checkpoint) is seen.
 */
function openReadOnly(file: string): Database.Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smgeo-readonly-'));
  let db: Database.Database | undefined;
  try {
    const copy = path.join(dir, path.basename(file));
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    db = new Database(copy, { readonly: true, fileMustExist: true });
    checkIdentity(db, file);
    if (schemaVersion(db) < LATEST_SCHEMA_VERSION) {
      // An older format is upgraded in the private copy; the original stays as it is.
      db.close();
      const upgrade = new Database(copy, { fileMustExist: true });
      try {
        migrate(upgrade);
      } finally {
        upgrade.close();
      }
      db = new Database(copy, { readonly: true, fileMustExist: true });
    }
    snapshots.set(db, dir);
    return db;
  } catch (err) {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw wrapReadError(err, 'open the read-only project', file);
  }
}

/** Closes a project database, and removes the private copy of a read-only one. */
export function closeProjectDatabase(db: Database.Database): void {
  if (db.open) db.close();
  const dir = snapshots.get(db);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  snapshots.delete(db);
}

/**
 * Opens an existing project: identity and version checks first, then pragmas and migrations. A
 * file or folder that cannot be written opens read-only (`db.readonly`), for viewing and export.
 */
export function openProjectDatabase(file: string, options: OpenOptions = {}): Database.Database {
  if (!fs.existsSync(file)) {
    throw new StoreError('not-found', `The project ${file} does not exist. It may have been moved or deleted.`);
  }
  if (options.readOnly || !canWrite(file)) return openReadOnly(file);
  let db: Database.Database;
  try {
    db = openSqlite(file, true);
  } catch (err) {
    if (isReadOnlyFailure((err as { cause?: unknown }).cause ?? err)) return openReadOnly(file);
    throw err;
  }
  try {
    checkIdentity(db, file);
    try {
      applyPragmas(db, options);
      migrate(db);
    } catch (err) {
      // Writable by its permissions yet refused by the file system (e.g. a read-only mount as root).
      if (isReadOnlyFailure(err)) {
        db.close();
        return openReadOnly(file);
      }
      throw wrapWriteError(err, 'upgrade the project to the current format', file);
    }
    return db;
  } catch (err) {
    if (db.open) db.close();
    throw err;
  }
}

/**
 * Creates a new project file. The exclusive create ('wx') is what refuses to overwrite: it fails
 * if anything already exists at the path, even if it appeared a moment ago.
 */
export function createProjectDatabase(file: string, options: OpenOptions = {}): Database.Database {
  try {
    fs.closeSync(fs.openSync(file, 'wx'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new StoreError('invalid', `${file} already exists. Choose another name, or open it instead.`, { cause: err });
    }
    throw new StoreError('io', `Could not create the project ${file}: ${(err as Error).message}. Check that the folder exists and is writable.`, { cause: err });
  }
  let db: Database.Database | undefined;
  try {
    db = openSqlite(file, true);
    applyPragmas(db, options);
    migrate(db);
    return db;
  } catch (err) {
    db?.close();
    removeProjectFiles(file);
    throw wrapWriteError(err, 'create the project', file);
  }
}

/** Removes a project and its WAL side files (used only to undo a failed create). */
function removeProjectFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}
