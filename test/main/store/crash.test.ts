import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ProjectStore } from '../../../src/main/store';

const here = path.dirname(fileURLToPath(import.meta.url));
const child = path.join(here, 'crash-child.ts');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smgeo-crash-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface ChildReport {
  committed: string[];
  walBefore: number;
  walDuring: number;
}

/** Starts the child, waits for its report from inside the open transaction, then SIGKILLs it. */
function runAndKill(file: string, count: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, file, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let report: ChildReport | undefined;
    proc.stderr.on('data', (d) => (err += d));
    proc.stdout.on('data', (d) => {
      out += d;
      if (!report && out.includes('\n')) {
        report = JSON.parse(out.slice(0, out.indexOf('\n'))) as ChildReport;
        proc.kill('SIGKILL');
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (report && signal === 'SIGKILL') resolve(report);
      else reject(new Error(`crash child ended with code ${code}, signal ${signal} before reporting: ${err}`));
    });
  });
}

it('a crash in the middle of a write loses nothing committed and keeps nothing uncommitted', async () => {
  const file = path.join(dir, 'crash.smgeo');
  const report = await runAndKill(file, 25);
  expect(report.committed).toHaveLength(25);
  // The uncommitted transaction really reached the disk, so recovery had something to discard.
  expect(report.walDuring).toBeGreaterThan(report.walBefore);

  const store = ProjectStore.open(file);
  const objects = store.listObjects();
  expect(objects.map((o) => o.id)).toEqual(report.committed);
  expect(objects.map((o) => o.label)).toEqual(report.committed.map((_, i) => `committed ${i}`));
  for (const o of objects) expect(store.history(o.id).map((e) => e.kind)).toEqual(['created']);
  store.close();

  const db = new Database(file, { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.prepare("SELECT count(*) FROM objects WHERE label = 'uncommitted'").pluck().get()).toBe(0);
  db.close();
});
