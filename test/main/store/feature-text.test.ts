// Project format 3 keeps each object's GeoJSON Feature text with its row, so an export copies
// bytes instead of parsing and rendering every object. These tests hold the text to the object:
// written on every save, filled in for older projects, cleared when another program edits a row.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExport } from '../../../src/main/export/run-export';
import { ProjectStore, migrate } from '../../../src/main/store';
import { featureJson } from '../../../src/shared/object-feature';
import { insertAsFormat1 } from './format1';
import { clockwiseBox, sampleObject } from './sample-object';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smgeo-feature-text-'));
  file = path.join(dir, 'survey.smgeo');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Each row's stored text, by object id (null where the row has none). */
function storedTexts(): Map<string, string | null> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT id, feature FROM objects').raw().all() as [string, Buffer | null][];
    return new Map(rows.map(([id, f]) => [id, f === null ? null : f.toString('utf8')]));
  } finally {
    db.close();
  }
}

function sql(statement: string, ...params: unknown[]): void {
  const db = new Database(file);
  try {
    db.prepare(statement).run(...params);
  } finally {
    db.close();
  }
}

const noHooks = { progress: () => undefined, cancelled: () => false };

async function exported(): Promise<{ features: { id: string; properties: { note: string } }[] }> {
  const target = path.join(dir, `out-${Math.random().toString(36).slice(2)}.geojson`);
  await runExport({ format: 'geojson', projectPath: file, target, includePending: true, includeRejected: true }, noHooks);
  return JSON.parse(fs.readFileSync(target, 'utf8'));
}

describe('the Feature text kept with each object', () => {
  it('is written when an object is saved and rewritten when the app changes it', () => {
    const store = ProjectStore.create(file, 'Survey');
    const saved = store.insertObject(sampleObject({ status: 'pending' }));
    expect(storedTexts().get(saved.id)).toBe(featureJson(saved));
    const changed = store.updateObject(saved.id, { status: 'corrected', ring: clockwiseBox(8.6, 47.4), note: 'moved' });
    store.close();
    expect(storedTexts().get(saved.id)).toBe(featureJson(changed));
  });

  it('is rendered in slices for a project of an older format; the export before and after equals the objects', async () => {
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrate(old, 2);
    old.prepare("INSERT INTO project (key, value) VALUES ('name', 'Old survey')").run();
    const saved = [0, 1, 2].map((i) => insertAsFormat1(old, sampleObject({ status: 'accepted', label: `house ${i}` })));
    old.close();

    const before = await exported();
    expect(before.features.map((f) => f.id)).toEqual(saved.map((o) => o.id));
    expect([...storedTexts().values()]).toEqual([null, null, null]);

    const store = ProjectStore.open(file);
    const first = store.fillMissingFeatures(2);
    expect([first.examined, first.filled]).toEqual([2, 2]);
    const second = store.fillMissingFeatures(2, first.last);
    expect([second.examined, second.filled]).toEqual([1, 1]);
    expect(store.fillMissingFeatures(2, second.last).examined).toBe(0);
    store.close();
    const texts = storedTexts();
    for (const o of saved) expect(texts.get(o.id)).toBe(featureJson(o));
    expect(await exported()).toEqual(before);
  });

  it('an older project that cannot be written opens from an upgraded private copy, leaving the file as it was', async () => {
    const old = new Database(file);
    migrate(old, 2);
    old.prepare("INSERT INTO project (key, value) VALUES ('name', 'Old survey')").run();
    const saved = insertAsFormat1(old, sampleObject({ status: 'accepted' }));
    old.close();
    const before = fs.readFileSync(file);

    const store = ProjectStore.open(file, { readOnly: true });
    expect(store.readOnly).toBe(true);
    expect(store.getObject(saved.id)).toEqual(saved);
    expect([...store.featureTexts(['accepted'])].map((p) => p.text.toString('utf8'))).toEqual([featureJson(saved)]);
    store.close();
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('is cleared when another program changes the row, so the export shows the change, until it is rendered again', async () => {
    const store = ProjectStore.create(file, 'Survey');
    const [a, b] = store.insertObjects([sampleObject({ status: 'accepted' }), sampleObject({ status: 'accepted', note: 'first' })]);
    store.close();
    sql("UPDATE objects SET note = 'edited elsewhere' WHERE id = ?", b.id);
    const texts = storedTexts();
    expect(texts.get(b.id)).toBeNull();
    expect(texts.get(a.id)).toBe(featureJson(a));

    const reopened = ProjectStore.open(file);
    const fresh = [...reopened.featureTexts(['accepted'])].map((p) => p.text.toString('utf8')).join(',');
    expect(fresh).toBe(`${featureJson(a)},${featureJson({ ...b, note: 'edited elsewhere' })}`);
    expect((await exported()).features.map((f) => f.properties.note)).toEqual(['', 'edited elsewhere']);

    expect(reopened.fillMissingFeatures(100)).toEqual({ examined: 1, filled: 1, last: b.id });
    reopened.close();
    expect(storedTexts().get(b.id)).toBe(featureJson({ ...b, note: 'edited elsewhere' }));
  });

  it('is never made for a damaged row, which the export then names', async () => {
    const store = ProjectStore.create(file, 'Survey');
    const [, b] = store.insertObjects([sampleObject({ status: 'accepted' }), sampleObject({ status: 'accepted' })]);
    store.close();
    sql("UPDATE objects SET chip = '{\"mosaicPath\": 7}' WHERE id = ?", b.id);
    const reopened = ProjectStore.open(file);
    expect(reopened.fillMissingFeatures(100)).toEqual({ examined: 1, filled: 0, last: b.id });
    reopened.close();
    expect(storedTexts().get(b.id)).toBeNull();
    await expect(exported()).rejects.toThrow(new RegExp(`Object ${b.id} .* is damaged .*chip`));
  });

  it('pages come in list() order, also where creation times do not follow the order of saving', () => {
    const store = ProjectStore.create(file, 'Survey');
    const statusOf = ['accepted', 'pending', 'corrected', 'rejected'] as const;
    const saved = store.insertObjects(Array.from({ length: 9 }, (_, i) => sampleObject({ status: statusOf[i % 4], label: `house ${i}` })));
    store.close();
    // Another program (or a clock set back) gives later rows earlier times, and some the same time.
    const times = ['2026-12-01T10:00:05.000Z', '2026-12-01T10:00:01.000Z', '2026-12-01T10:00:03.000Z'];
    saved.forEach((o, i) => sql('UPDATE objects SET created_at = ? WHERE id = ?', times[i % times.length], o.id));
    const reopened = ProjectStore.open(file);
    // Rendered again with their new times, so that every page is joined by SQLite.
    expect(reopened.fillMissingFeatures(100).filled).toBe(9);
    const listed = reopened.listObjects();
    const wanted = ['accepted', 'corrected', 'pending'] as const;
    const expected = listed.filter((o) => (wanted as readonly string[]).includes(o.status));
    for (const size of [1, 2, 3, 9, 100]) {
      const pages = [...reopened.featureTexts(wanted, size)];
      expect(pages.every((p) => p.count >= 1 && p.count <= size)).toBe(true);
      expect(pages.reduce((n, p) => n + p.count, 0)).toBe(expected.length);
      expect(pages.map((p) => p.text.toString('utf8')).join(',')).toBe(expected.map(featureJson).join(','));
    }
    reopened.close();
    expect(listed.map((o) => o.label)).not.toEqual(saved.map((o) => o.label));
  });

  it('an export reads one snapshot: objects saved while it runs are not half in it', () => {
    const store = ProjectStore.create(file, 'Survey');
    store.insertObjects(Array.from({ length: 5 }, (_, i) => sampleObject({ status: 'accepted', label: `house ${i}` })));
    const reader = ProjectStore.open(file);
    const pages = reader.featureTexts(['accepted'], 2);
    const first = (pages.next().value as { count: number }).count;
    store.insertObjects(Array.from({ length: 3 }, () => sampleObject({ status: 'accepted' })));
    const rest = [...pages].reduce((n, p) => n + p.count, 0);
    reader.close();
    store.close();
    expect(first + rest).toBe(5);
  });
});
