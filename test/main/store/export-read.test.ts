import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeGeoJSON } from '../../../src/main/export';
import { runExport } from '../../../src/main/export/run-export';
import { ProjectStore } from '../../../src/main/store';
import { clockwiseBox, sampleObject } from './sample-object';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smgeo-run-export-'));
  file = path.join(dir, 'survey.smgeo');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const statuses = ['accepted', 'corrected', 'pending', 'rejected'] as const;

/** A project of `n` objects of every status; returns their ids in list order. */
function project(n: number, first = 0): string[] {
  const store = ProjectStore.create(file, 'Survey');
  try {
    const saved = store.insertObjects(
      Array.from({ length: n }, (_, i) =>
        sampleObject({
          status: statuses[(first + i) % 4],
          label: `house ${i}`,
          ring: clockwiseBox(8.5 + i * 1e-4, 47.3),
          correctedFrom: i % 4 === 1 ? clockwiseBox(8.5, 47.3 + i * 1e-4) : null,
        }),
      ),
    );
    return saved.map((o) => o.id);
  } finally {
    store.close();
  }
}

function damage(sql: string, id: string): void {
  const db = new Database(file);
  try {
    db.prepare(sql).run(id);
  } finally {
    db.close();
  }
}

const hooks = (progress: [number, number][] = []) => ({ progress: (d: number, t: number) => void progress.push([d, t]), cancelled: () => false });

describe('GeoJSON export of a project file', () => {
  it('writes the same text as the export of the listed objects, reporting progress over the objects it exports', async () => {
    project(600);
    const store = ProjectStore.open(file);
    const reference = path.join(dir, 'reference.geojson');
    try {
      await writeGeoJSON(reference, store.listObjects(), { includePending: true });
    } finally {
      store.close();
    }
    const progress: [number, number][] = [];
    const target = path.join(dir, 'out.geojson');
    const result = await runExport({ format: 'geojson', projectPath: file, target, includePending: true }, hooks(progress));
    expect(result.count).toBe(450);
    expect(fs.readFileSync(target, 'utf8')).toBe(fs.readFileSync(reference, 'utf8'));
    // Only the exported statuses are read (450 of 600: rejected ones are left out).
    expect(progress[0]).toEqual([0, 450]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((x, y) => x - y));
    expect(progress[progress.length - 1]).toEqual([450, 450]);
  });

  it('an empty selection is an empty collection', async () => {
    project(1, 2);
    const target = path.join(dir, 'out.geojson');
    const result = await runExport({ format: 'geojson', projectPath: file, target }, hooks());
    expect(result.count).toBe(0);
    expect(JSON.parse(fs.readFileSync(target, 'utf8'))).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it.each([
    ['a ring that is not JSON', `UPDATE objects SET ring = '[[8.5, 47.3], "oops"' WHERE id = ?`, /ring is not valid JSON/],
    ['a ring off the globe', `UPDATE objects SET ring = '[[8.5, 947.3], [8.6, 47.3], [8.6, 47.4], [8.5, 947.3]]' WHERE id = ?`, /ring/],
    ['a candidate without its ring', `UPDATE objects SET candidates = '[{"score": 1, "chipBox": [1, 2, 3, 4]}]' WHERE id = ?`, /candidates/],
    ['a creation time that is not a time', `UPDATE objects SET created_at = 'yesterday' WHERE id = ?`, /createdAt/],
  ])('a damaged row (%s) stops the export with the store error naming the object, and no file is left', async (_, sql, why) => {
    const ids = project(10);
    // A rejected object is not exported, but its damage is still reported, as the other reads do.
    damage(sql, ids[7]);
    const target = path.join(dir, 'out.geojson');
    const failed = runExport({ format: 'geojson', projectPath: file, target }, hooks());
    await expect(failed).rejects.toThrow(new RegExp(`Object ${ids[7]} in ${file.replace(/[.\\/]/g, '\\$&')} is damaged`));
    await expect(failed).rejects.toThrow(why);
    expect(fs.readdirSync(dir).filter((f) => f.includes('out.geojson'))).toEqual([]);
  });
});
