// Run by crash.test.ts in its own Node process: commits N objects through the store, then opens a
// transaction big enough to spill into the WAL file, reports, and waits to be killed with SIGKILL.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { ProjectStore } from '../../../src/main/store';
import { sampleObject } from './sample-object';

const [file, countText] = process.argv.slice(2);
const store = ProjectStore.create(file, 'Crash test');
const committed = [];
for (let i = 0; i < Number(countText); i++) committed.push(store.insertObject(sampleObject({ status: 'accepted', label: `committed ${i}` })).id);

const walSize = (): number => fs.statSync(`${file}-wal`).size;
const walBefore = walSize();
const raw = new Database(file);
// A tiny page cache makes SQLite write the uncommitted pages into the WAL before the kill.
raw.pragma('cache_size = 2');
raw.exec('BEGIN IMMEDIATE');
const row = raw.prepare(
  `INSERT INTO objects (id, created_at, updated_at, status, frame_index, frame_name, click_x, click_y, search_centre, chip, model, candidates, chosen, ring, label, note)
   VALUES (?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'accepted', 0, 'f', 0, 0, '{}', '{}', '{}', '[]', -1, '[]', 'uncommitted', ?)`,
);
for (let i = 0; i < 50; i++) row.run(`uncommitted-${i}`, 'x'.repeat(20_000));
process.stdout.write(`${JSON.stringify({ committed, walBefore, walDuring: walSize() })}\n`);
setInterval(() => undefined, 1000);
