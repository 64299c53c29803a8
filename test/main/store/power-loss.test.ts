// Power loss, not only a crashed process: the disk keeps whatever part of the last writes reached
// it. The project is WAL with synchronous=FULL, so an acknowledged change is in the -wal on disk;
// a cut while the next change (or a checkpoint) is being written leaves a prefix of its WAL frames,
// torn frames or stale bytes. Every such disk state must reopen to the state before or after an
// acknowledged change, never a damaged file.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProjectDatabase, ProjectStore } from '../../../src/main/store';
import { seededRandom } from '../../../src/main/evaluate/sample-truth';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { clockwiseBox, sampleObject } from './sample-object';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

function stateOf(store: ProjectStore): string {
  return JSON.stringify({ settings: store.getSettings(), objects: store.listObjects(), history: store.listObjects().map((o) => store.history(o.id)) });
}

interface Step {
  /** The logical state once the change was acknowledged. */
  state: string;
  /** Length of the -wal on disk at that moment. */
  walLength: number;
}

let dir: string;
let db0: Buffer; // the database file: never written between checkpoints
let walFinal: Buffer;
let dbCheckpointed: Buffer;
let steps: Step[]; // steps[0] is the state before the first change
let pageSize: number;

beforeAll(() => {
  dir = makeTmpDir('smgeo-power-');
  const live = join(dir, 'live.smgeo');
  ProjectStore.create(live, 'power').close();
  db0 = readFileSync(live);
  const store = ProjectStore.open(live);
  const walLength = () => (existsSync(`${live}-wal`) ? readFileSync(`${live}-wal`).length : 0);
  steps = [{ state: stateOf(store), walLength: walLength() }];
  const changes: (() => void)[] = [];
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) changes.push(() => ids.push(store.insertObject(sampleObject({ label: `object ${i}`, note: 'n'.repeat(300 * i) })).id));
  changes.push(() => store.updateObject(ids[0]!, { status: 'accepted' }));
  changes.push(() => store.updateObject(ids[1]!, { ring: clockwiseBox(8.5419, 47.3771, 0.00012) }));
  changes.push(() => store.updateSettings({ framesFolder: '/data/flight-01', mosaics: ['/data/a.tif', '/data/b.tif'] }));
  changes.push(() => store.updateObject(ids[2]!, { status: 'rejected', label: 'not a house' }));
  changes.push(() => store.insertObjects(Array.from({ length: 20 }, (_, i) => sampleObject({ label: `batch ${i}` }))));
  changes.push(() => store.updateObject(ids[3]!, { note: 'x'.repeat(5000) }));
  for (const change of changes) {
    change();
    steps.push({ state: stateOf(store), walLength: walLength() });
    // Nothing reaches the database file until a checkpoint: only the -wal grows.
    expect(readFileSync(live).equals(db0)).toBe(true);
  }
  walFinal = readFileSync(`${live}-wal`);
  pageSize = walFinal.readUInt32BE(8);
  store.close(); // checkpoints the whole -wal into the database file
  dbCheckpointed = readFileSync(live);
});
afterAll(() => removeDir(dir));

let n = 0;
/** Writes a disk state into a fresh folder (no -shm: the machine restarted) and reopens it. */
function reopen(db: Buffer, wal: Buffer | null): { integrity: string; state: string } {
  const sub = join(dir, `cut-${n++}`);
  mkdirSync(sub);
  const file = join(sub, 'p.smgeo');
  writeFileSync(file, db);
  if (wal) writeFileSync(`${file}-wal`, wal);
  const raw = new Database(file);
  const integrity = raw.pragma('integrity_check', { simple: true }) as string;
  raw.close();
  const store = ProjectStore.open(file);
  try {
    return { integrity, state: stateOf(store) };
  } finally {
    store.close();
    rmSync(sub, { recursive: true, force: true });
  }
}

/** The last step whose WAL frames all lie within the first `length` bytes. */
function lastCompleteStep(length: number): number {
  let k = 0;
  for (let i = 0; i < steps.length; i++) if (steps[i]!.walLength <= length) k = i;
  return k;
}

describe('power loss while writing a project', () => {
  it('the project runs WAL with synchronous=FULL, so an acknowledged commit is on disk', () => {
    const file = join(dir, 'pragmas.smgeo');
    ProjectStore.create(file, 'p').close();
    const db = openProjectDatabase(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL: the -wal is synced at every commit
    } finally {
      db.close();
    }
  });

  it('every acknowledged change survives with the -wal as it was when it was acknowledged', () => {
    for (let i = 0; i < steps.length; i++) {
      const r = reopen(db0, walFinal.subarray(0, steps[i]!.walLength));
      expect(r.integrity).toBe('ok');
      expect(r.state, `after change ${i}`).toBe(steps[i]!.state);
    }
  });

  it('a cut at every frame boundary and at random bytes, torn or followed by stale bytes, gives the state before or after a change', () => {
    const random = seededRandom(20261208);
    const frame = FRAME_HEADER + pageSize;
    const cuts = new Set<number>([0, WAL_HEADER - 1]);
    for (let at = WAL_HEADER; at <= walFinal.length; at += frame) cuts.add(at);
    for (let i = 0; i < 50; i++) cuts.add(Math.floor(random() * walFinal.length));
    let checked = 0;
    for (const at of [...cuts].sort((a, b) => a - b)) {
      const expected = steps[lastCompleteStep(at)]!.state;
      const prefix = walFinal.subarray(0, at);
      // What the disk may hold past the cut: nothing, zeros, random bytes, or the rest of an older frame.
      const tails = [Buffer.alloc(0), Buffer.alloc(frame), Buffer.from(Array.from({ length: frame }, () => Math.floor(random() * 256))), walFinal.subarray(Math.max(WAL_HEADER, at - frame), at)];
      for (const tail of tails) {
        const r = reopen(db0, Buffer.concat([prefix, tail]));
        expect(r.integrity, `cut at byte ${at}`).toBe('ok');
        expect(r.state, `cut at byte ${at} of ${walFinal.length}`).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('a cut in the middle of a checkpoint (some database pages written, the -wal intact) gives the last state', () => {
    const random = seededRandom(7);
    const last = steps.at(-1)!.state;
    const pages = Math.ceil(dbCheckpointed.length / pageSize);
    for (let trial = 0; trial < 40; trial++) {
      // The checkpoint writes pages in any order; the power goes off after some of them.
      const mixed = Buffer.from(db0.length >= dbCheckpointed.length ? db0 : Buffer.concat([db0, Buffer.alloc(dbCheckpointed.length - db0.length)]));
      for (let p = 0; p < pages; p++) {
        if (random() < trial / 40) dbCheckpointed.copy(mixed, p * pageSize, p * pageSize, Math.min(dbCheckpointed.length, (p + 1) * pageSize));
      }
      const r = reopen(mixed, walFinal);
      expect(r.integrity, `trial ${trial}`).toBe('ok');
      expect(r.state, `trial ${trial}`).toBe(last);
    }
  });

  it('after the checkpoint, the database file alone holds the last state', () => {
    const r = reopen(dbCheckpointed, null);
    expect(r.integrity).toBe('ok');
    expect(r.state).toBe(steps.at(-1)!.state);
  });
});
