import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { StoreError, wrapReadError, wrapWriteError } from './errors';
import { describeIssues } from '../../shared/issues';
import { newObjectSchema, objectPatchSchema, storedObjectSchema } from './schemas';
import { featureJson } from '../../shared/object-feature';
import { readFeatureTexts, type FeaturePage } from './feature-texts';
import type { HistoryEvent, LocatedObject, NewLocatedObject, ObjectPatch, ObjectStatus } from './types';

interface ObjectRow {
  id: string;
  created_at: string;
  updated_at: string;
  status: string;
  frame_index: number;
  frame_name: string;
  click_x: number;
  click_y: number;
  telemetry: string | null;
  search_centre: string;
  chip: string;
  model: string;
  candidates: string;
  chosen: number;
  ring: string;
  corrected_from: string | null;
  label: string;
  note: string;
}

interface EventRow {
  at: string;
  kind: string;
  data: string;
}

const COLUMNS =
  'id, created_at, updated_at, status, frame_index, frame_name, click_x, click_y, telemetry, search_centre, chip, model, candidates, chosen, ring, corrected_from, label, note';
/** What a row holds beyond the object itself: its GeoJSON Feature text (migration 3). */
const WRITTEN_COLUMNS = `${COLUMNS}, feature`;

/** The object's Feature as UTF-8 bytes: an export writes them as they are, never parsing them. */
function featureBytes(o: LocatedObject): Buffer {
  return Buffer.from(featureJson(o));
}

function toRow(o: LocatedObject): ObjectRow & { feature: Buffer } {
  return {
    feature: featureBytes(o),
    id: o.id,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    status: o.status,
    frame_index: o.frame.index,
    frame_name: o.frame.name,
    click_x: o.click.x,
    click_y: o.click.y,
    telemetry: o.telemetry === null ? null : JSON.stringify(o.telemetry),
    search_centre: JSON.stringify(o.searchCentre),
    chip: JSON.stringify(o.chip),
    model: JSON.stringify(o.model),
    candidates: JSON.stringify(o.candidates),
    chosen: o.chosen,
    ring: JSON.stringify(o.ring),
    corrected_from: o.correctedFrom === null ? null : JSON.stringify(o.correctedFrom),
    label: o.label,
    note: o.note,
  };
}

/** Equality of plain JSON values, enough to tell whether a patch changes anything. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const PATCH_KEYS = ['status', 'chosen', 'ring', 'correctedFrom', 'label', 'note'] as const;

/** The audit event each patched field leaves behind; a ring edit keeps the old and the new box. */
function eventFor(key: (typeof PATCH_KEYS)[number], before: LocatedObject, after: LocatedObject): { kind: string; data: unknown } {
  switch (key) {
    case 'ring':
      return { kind: 'corrected', data: { from: before.ring, to: after.ring } };
    case 'correctedFrom':
      return { kind: 'corrected-from', data: { from: before.correctedFrom, to: after.correctedFrom } };
    default:
      return { kind: key, data: { from: before[key], to: after[key] } };
  }
}

export class ObjectRepository {
  private readonly insertStmt: Database.Statement;
  private readonly updateStmt: Database.Statement;
  private readonly getStmt: Database.Statement<[string], ObjectRow>;
  private readonly listStmt: Database.Statement<[], ObjectRow>;
  private readonly eventStmt: Database.Statement;
  private readonly historyStmt: Database.Statement<[string], EventRow>;
  private readonly existsStmt: Database.Statement<[string], { one: number }>;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO objects (${WRITTEN_COLUMNS}) VALUES (${WRITTEN_COLUMNS.split(', ')
        .map((c) => `@${c}`)
        .join(', ')})`,
    );
    this.updateStmt = db.prepare(
      `UPDATE objects SET updated_at = @updated_at, status = @status, chosen = @chosen, ring = @ring,
         corrected_from = @corrected_from, label = @label, note = @note, feature = @feature WHERE id = @id`,
    );
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM objects WHERE id = ?`);
    this.listStmt = db.prepare(`SELECT ${COLUMNS} FROM objects ORDER BY created_at, rowid`);
    this.eventStmt = db.prepare('INSERT INTO events (object_id, at, kind, data) VALUES (?, ?, ?, ?)');
    this.historyStmt = db.prepare('SELECT at, kind, data FROM events WHERE object_id = ? ORDER BY seq');
    this.existsStmt = db.prepare('SELECT 1 AS one FROM objects WHERE id = ?');
  }

  insert(input: NewLocatedObject): LocatedObject {
    const parsed = newObjectSchema.safeParse(input);
    if (!parsed.success) {
      throw new StoreError('invalid', `The located object was not saved to ${this.file}: ${describeIssues(parsed.error)}.`);
    }
    const now = new Date().toISOString();
    const obj: LocatedObject = { ...parsed.data, id: randomUUID(), createdAt: now, updatedAt: now };
    try {
      this.db.transaction(() => {
        this.insertStmt.run(toRow(obj));
        this.eventStmt.run(obj.id, now, 'created', JSON.stringify({ status: obj.status, ring: obj.ring, chosen: obj.chosen }));
      })();
    } catch (err) {
      throw wrapWriteError(err, 'save the located object', this.file);
    }
    return obj;
  }

  update(id: string, patch: ObjectPatch): LocatedObject {
    const parsed = objectPatchSchema.safeParse(patch);
    if (!parsed.success) {
      throw new StoreError('invalid', `Object ${id} in ${this.file} was not changed: ${describeIssues(parsed.error)}.`);
    }
    const changes = parsed.data;
    try {
      // Read, check and write inside one transaction so the audit trail matches the row exactly.
      return this.db.transaction((): LocatedObject => {
        const before = this.get(id);
        const after: LocatedObject = { ...before };
        for (const key of PATCH_KEYS) {
          // An explicit `undefined` in a patch means "leave as is", not "erase".
          if (changes[key] !== undefined) Object.assign(after, { [key]: changes[key] });
        }
        if (after.chosen >= after.candidates.length) {
          throw new StoreError(
            'invalid',
            `Object ${id} in ${this.file} was not changed: chosen ${after.chosen} is not one of its ${after.candidates.length} candidates.`,
          );
        }
        const changed = PATCH_KEYS.filter((k) => !sameJson(before[k], after[k]));
        if (changed.length === 0) return before;
        const now = new Date().toISOString();
        after.updatedAt = now;
        this.updateStmt.run(toRow(after));
        for (const key of changed) {
          const event = eventFor(key, before, after);
          this.eventStmt.run(id, now, event.kind, JSON.stringify(event.data));
        }
        return after;
      })();
    } catch (err) {
      throw wrapWriteError(err, `change object ${id}`, this.file);
    }
  }

  get(id: string): LocatedObject {
    let row: ObjectRow | undefined;
    try {
      row = this.getStmt.get(id);
    } catch (err) {
      throw wrapReadError(err, `read object ${id}`, this.file);
    }
    if (!row) throw new StoreError('not-found', `There is no object ${id} in ${this.file}.`);
    return this.fromRow(row);
  }

  list(): LocatedObject[] {
    let rows: ObjectRow[];
    try {
      rows = this.listStmt.all();
    } catch (err) {
      throw wrapReadError(err, 'read the located objects', this.file);
    }
    return rows.map((row) => this.fromRow(row));
  }

  /** Every object in list() order, `size` at a time, so a long export never holds them all. */
  *batches(size: number): Generator<LocatedObject[]> {
    let batch: LocatedObject[] = [];
    try {
      for (const row of this.listStmt.iterate()) {
        batch.push(this.fromRow(row));
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
    } catch (err) {
      throw wrapReadError(err, 'read the located objects', this.file);
    }
    if (batch.length > 0) yield batch;
  }

  /** The stored Feature text of the objects with these statuses, in list() order (feature-texts.ts). */
  featureTexts(statuses: readonly ObjectStatus[], size: number): Generator<FeaturePage> {
    return readFeatureTexts(this.db, statuses, size, {
      file: this.file,
      render: (id) => featureBytes(this.get(id)),
    });
  }

  countWithStatus(statuses: readonly ObjectStatus[]): number {
    const count = this.db.prepare('SELECT count(*) FROM objects INDEXED BY objects_by_status WHERE status IN (SELECT value FROM json_each(?))').pluck();
    return count.get(JSON.stringify(statuses)) as number;
  }

  /**
   * Renders the Feature text of up to `limit` objects that have none (see migration 3), those whose
   * id sorts after `after`, in one transaction. An object that fails its check keeps none, so
   * export reports it by name instead of skipping it. Returns what it looked at, so that a caller
   * can go on in slices from `last`.
   */
  fillMissingFeatures(limit: number, after = ''): { examined: number; filled: number; last: string } {
    const missing = this.db
      .prepare('SELECT id FROM objects WHERE feature IS NULL AND id > ? ORDER BY id LIMIT ?')
      .pluck()
      .all(after, Math.max(1, Math.floor(limit))) as string[];
    const set = this.db.prepare('UPDATE objects SET feature = ? WHERE id = ? AND feature IS NULL');
    let filled = 0;
    try {
      this.db.transaction(() => {
        for (const id of missing) {
          let text: Buffer;
          try {
            text = featureBytes(this.get(id));
          } catch {
            continue;
          }
          filled += set.run(text, id).changes;
        }
      })();
    } catch (err) {
      throw wrapWriteError(err, 'bring the project up to date', this.file);
    }
    return { examined: missing.length, filled, last: missing[missing.length - 1] ?? after };
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM objects').get() as { n: number }).n;
  }

  /** Many objects in one transaction (imports, benchmarks): all are saved or none. */
  insertMany(inputs: readonly NewLocatedObject[]): LocatedObject[] {
    return this.db.transaction(() => inputs.map((o) => this.insert(o)))();
  }

  history(id: string): HistoryEvent[] {
    try {
      if (!this.existsStmt.get(id)) throw new StoreError('not-found', `There is no object ${id} in ${this.file}.`);
      return this.historyStmt.all(id).map((e) => ({ at: e.at, kind: e.kind, data: this.parseJson(e.data, id, `history event "${e.kind}"`) }));
    } catch (err) {
      throw wrapReadError(err, `read the history of object ${id}`, this.file);
    }
  }

  private parseJson(text: string, id: string, column: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw this.damaged(id, `${column} is not valid JSON`);
    }
  }

  private damaged(id: string, why: string): StoreError {
    return new StoreError(
      'invalid',
      `Object ${id} in ${this.file} is damaged (${why}). The other objects are unaffected; reject or delete this one, or restore the project from a backup.`,
    );
  }

  private fromRow(row: ObjectRow): LocatedObject {
    return this.checked(this.candidateOf(row));
  }

  /** The row in the object's shape, its JSON columns parsed but nothing else checked yet. */
  private candidateOf(row: ObjectRow): Record<string, unknown> & { id: string } {
    const json = (text: string | null, column: string): unknown => (text === null ? null : this.parseJson(text, row.id, column));
    return {
      id: row.id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      status: row.status,
      frame: { index: row.frame_index, name: row.frame_name },
      click: { x: row.click_x, y: row.click_y },
      telemetry: json(row.telemetry, 'telemetry'),
      searchCentre: json(row.search_centre, 'search_centre'),
      chip: json(row.chip, 'chip'),
      model: json(row.model, 'model'),
      candidates: json(row.candidates, 'candidates'),
      chosen: row.chosen,
      ring: json(row.ring, 'ring'),
      correctedFrom: json(row.corrected_from, 'corrected_from'),
      label: row.label,
      note: row.note,
    };
  }

  private checked(candidate: { id: string }): LocatedObject {
    const parsed = storedObjectSchema.safeParse(candidate);
    if (!parsed.success) throw this.damaged(candidate.id, describeIssues(parsed.error));
    return parsed.data;
  }
}
