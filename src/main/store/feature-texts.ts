// The GeoJSON export's read: each object's Feature text, kept with its row since project format 3
// (migrations.ts), joined by SQLite a page at a time. Joining in SQLite instead of handing every
// row to JavaScript made the read of 100,000 objects (140 MB) about twice as fast.
import type Database from 'better-sqlite3';
import { wrapReadError } from './errors';
import type { ObjectStatus } from './types';

/** `count` objects' Feature texts, comma-separated, in list() order. */
export interface FeaturePage {
  count: number;
  text: Buffer;
}

interface Sources {
  /** The project file, for messages. */
  file: string;
  /** An object's Feature text rendered from its checked row; throws, naming it, if it is damaged. */
  render(id: string): Buffer;
}

const COMMA = Buffer.from(',');

/** A position in list() order. */
type Key = [createdAt: string, rowid: number];

const after = (a: Key, b: Key) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/**
 * The objects with one of `statuses`, in pages of up to `size` objects, read in one snapshot of
 * the file. A page where some object has no text (saved before format 3, or changed by another
 * program since) is read row by row and those objects are rendered now; a damaged row stops the
 * read with the message the store gives for it, whether it is exported or not.
 */
export function* readFeatureTexts(db: Database.Database, statuses: readonly ObjectStatus[], size: number, src: Sources): Generator<FeaturePage> {
  const wanted = JSON.stringify(statuses);
  const pageSize = Math.max(1, Math.floor(size));
  // Pages are ranges of the (created_at, rowid) index, found in the index alone. INDEXED BY pins
  // each page's read to that index, so group_concat joins in list() order; the tests against
  // list() order hold SQLite to it.
  const from = 'FROM objects INDEXED BY objects_by_created WHERE (created_at, rowid) > (?, ?)';
  const pageEnd = db.prepare(`SELECT created_at, rowid ${from} ORDER BY created_at, rowid LIMIT 1 OFFSET ${pageSize - 1}`).raw(true);
  const lastKey = db.prepare('SELECT created_at, rowid FROM objects INDEXED BY objects_by_created ORDER BY created_at DESC, rowid DESC LIMIT 1').raw(true);
  const inPage = `${from} AND (created_at, rowid) <= (?, ?) AND status IN (SELECT value FROM json_each(?))`;
  const joined = db.prepare(`SELECT CAST(group_concat(feature, ',') AS BLOB), count(*), count(feature) ${inPage}`).raw(true);
  const rows = db.prepare(`SELECT id, feature ${inPage} ORDER BY created_at, rowid`).raw(true);
  const uncheckedElsewhere = db.prepare('SELECT id FROM objects WHERE feature IS NULL AND status NOT IN (SELECT value FROM json_each(?))').pluck();

  // WAL readers do not block the writer: the window may save objects while the export reads.
  const ownTransaction = !db.inTransaction;
  if (ownTransaction) db.exec('BEGIN');
  try {
    for (const id of read(() => uncheckedElsewhere.all(wanted) as string[])) src.render(id);
    const last = read(() => lastKey.get() as Key | undefined);
    let start: Key = ['', 0];
    while (last && after(last, start)) {
      const end = read(() => (pageEnd.get(...start) as Key | undefined) ?? last);
      const [text, count, stored] = read(() => joined.get(...start, ...end, wanted) as [Buffer | null, number, number]);
      if (count > 0 && stored === count && text) {
        yield { count, text };
      } else if (count > 0) {
        const page = read(() => rows.all(...start, ...end, wanted) as [string, Buffer | null][]);
        const texts = page.map(([id, feature]) => feature ?? src.render(id));
        yield { count, text: Buffer.concat(texts.flatMap((t, i) => (i === 0 ? [t] : [COMMA, t]))) };
      }
      start = end;
    }
  } finally {
    if (ownTransaction && db.inTransaction) db.exec('COMMIT');
  }

  function read<T>(query: () => T): T {
    try {
      return query();
    } catch (err) {
      throw wrapReadError(err, 'read the located objects', src.file);
    }
  }
}
