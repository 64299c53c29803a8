// A project whose file or folder cannot be written opens read-only, visibly; edits answer a clear
// error and change nothing; export still works. A read-only mount is the real case.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore, StoreError } from '../../../src/main/store';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { REPO_ROOT } from '../handlers/fixtures';
import { sampleObject } from './sample-object';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const snapshotsLeft = () => readdirSync(tmpdir()).filter((n) => n.startsWith('smgeo-readonly-')).length;

let dir: string;
beforeEach(() => {
  dir = makeTmpDir('smgeo-read-only-');
});
afterEach(() => removeDir(dir));

describe('a read-only project', () => {
  it('reads everything, refuses every change with a clear error, and leaves the file as it was', () => {
    const file = join(dir, 'p.smgeo');
    const w = ProjectStore.create(file, 'field');
    const obj = w.insertObject(sampleObject());
    w.close();
    const before = sha(file);
    const left = snapshotsLeft();

    const store = ProjectStore.open(file, { readOnly: true });
    try {
      expect(store.readOnly).toBe(true);
      expect(store.listObjects().map((o) => o.id)).toEqual([obj.id]);
      for (const edit of [() => store.updateObject(obj.id, { status: 'accepted' }), () => store.insertObject(sampleObject()), () => store.updateSettings({ provider: 'cpu' })]) {
        const err = (() => {
          try {
            edit();
          } catch (e) {
            return e as StoreError;
          }
          throw new Error('the edit was accepted');
        })();
        expect(err.code).toBe('read-only');
        expect(err.message).toContain(file);
        expect(err.message).toMatch(/copy it to a writable folder/);
      }
    } finally {
      store.close();
    }
    expect(sha(file)).toBe(before);
    expect(snapshotsLeft()).toBe(left);
  });

  it('a writable project is not read-only', () => {
    const store = ProjectStore.create(join(dir, 'w.smgeo'), 'w');
    expect(store.readOnly).toBe(false);
    store.close();
  });
});

/** Runs read-only-child.ts with <root>/ro mounted read-only in a private mount namespace (root only). */
function canUseReadOnlyMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync('unshare', ['-rm', 'true']).status === 0;
}
const mountOk = canUseReadOnlyMount();
if (!mountOk) console.warn('read-only mount test skipped: needs root and unshare(1) for a private read-only bind mount');

describe.skipIf(!mountOk)('a project on a read-only mount', () => {
  it('opens read-only (the state says so), with the -wal a crash left behind, edits refused, export working', () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    mkdirSync(join(dir, 'out'));
    const live = join(dir, 'live.smgeo');
    const w = ProjectStore.create(live, 'field');
    w.insertObject(sampleObject());
    w.insertObject(sampleObject({ label: 'only in the wal' }));
    // Copied while open: the last commits are still in the -wal, as after a crash or power loss.
    copyFileSync(live, join(ro, 'p.smgeo'));
    copyFileSync(`${live}-wal`, join(ro, 'p.smgeo-wal'));
    w.close();

    const tsx = join(REPO_ROOT, 'node_modules/.bin/tsx');
    const script = `mount --bind "$1/ro" "$1/ro" && mount -o remount,bind,ro "$1/ro" && exec "$2" test/main/store/read-only-child.ts "$1"`;
    const stdout = execFileSync('unshare', ['-rm', 'sh', '-c', script, 'sh', dir, tsx], { cwd: REPO_ROOT, encoding: 'utf8' });
    const out = JSON.parse(stdout.trim().split('\n').pop()!);

    expect(out.open.ok, JSON.stringify(out.open)).toBe(true);
    expect(out.open.value.readOnly).toBe(true);
    expect(out.objectCount).toBe(2);
    expect(out.update.ok).toBe(false);
    expect(out.update.error.code).toBe('read-only');
    expect(out.update.error.message).toContain(join(ro, 'p.smgeo'));
    expect(out.exportCsv).toMatchObject({ ok: true, value: { path: join(dir, 'out', 'objects.csv') } });
    expect(out.exportGeoJson.ok).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'objects.geojson'), 'utf8')).type).toBe('FeatureCollection');
    expect(out.state.value.project.readOnly).toBe(true);
  });
});
