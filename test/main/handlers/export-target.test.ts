// An export must never replace the open project, another project, a link, a device or a folder.
import { existsSync, linkSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertExportTarget } from '../../../src/main/export/target';
import { ProjectStore } from '../../../src/main/store';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { sampleObject } from '../store/sample-object';
import { makeSession, type TestSession } from './fixtures';

let dir: string;
let t: TestSession;
let project: string;

beforeEach(async () => {
  dir = makeTmpDir('smgeo-export-target-');
  t = makeSession(dir);
  project = join(dir, 'p.smgeo');
  await t.call('project.create', { path: project });
  t.session.requireProject().store.insertObject(sampleObject());
});
afterEach(async () => {
  await t.session.close();
  removeDir(dir);
});

async function expectProjectIntact(): Promise<void> {
  // A later edit must still land in the file that reopens.
  const objs = await t.call('objects.list', {});
  await t.call('objects.update', { id: objs[0]!.id, label: 'after' });
  await t.session.close();
  const store = ProjectStore.open(project);
  try {
    expect(store.listObjects().map((o) => o.label)).toEqual(['after']);
  } finally {
    store.close();
  }
}

describe('export target checks', () => {
  for (const channel of ['export.geojson', 'export.csv'] as const) {
    it(`${channel} onto the open project is refused and the project survives`, async () => {
      const err = await t.fail(channel, { path: project });
      expect(err.code).toBe('not-allowed');
      expect(err.message).toContain(project);
      expect(err.message).toMatch(/open project/);
      await expectProjectIntact();
    });
  }

  it('the -wal and -shm of the open project are refused', async () => {
    for (const suffix of ['-wal', '-shm']) {
      const err = await t.fail('export.csv', { path: project + suffix });
      expect(err.code).toBe('not-allowed');
    }
    await expectProjectIntact();
  });

  it('a new file in a linked folder that resolves to the project is refused', async () => {
    const link = join(dir, 'linked');
    symlinkSync(dir, link);
    const err = await t.fail('export.geojson', { path: join(link, 'p.smgeo') });
    expect(err.code).toBe('not-allowed');
    await expectProjectIntact();
  });

  it('a hard link to the project is refused', () => {
    const hard = join(dir, 'hard.csv');
    linkSync(project, hard);
    expect(() => assertExportTarget(hard, project)).toThrow(/open project/);
  });

  it('any other .smgeo file is refused', async () => {
    const other = join(dir, 'other.smgeo');
    ProjectStore.create(other, 'other').close();
    const before = readFileSync(other);
    const err = await t.fail('export.csv', { path: other });
    expect(err.message).toMatch(/SMGeo project/);
    expect(readFileSync(other).equals(before)).toBe(true);
    expect((await t.fail('export.csv', { path: join(dir, 'new.SMGEO') })).code).toBe('not-allowed');
  });

  it('a symlink stays a symlink: the export is refused', async () => {
    const real = join(dir, 'real.geojson');
    writeFileSync(real, 'keep');
    const link = join(dir, 'link.geojson');
    symlinkSync(real, link);
    const err = await t.fail('export.geojson', { path: link });
    expect(err.message).toMatch(/is a link/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('keep');
  });

  it('a folder and a device are refused', async () => {
    const folder = join(dir, 'folder.csv');
    mkdirSync(folder);
    expect((await t.fail('export.csv', { path: folder })).message).toMatch(/is a folder/);
    expect(() => assertExportTarget('/dev/null', project)).toThrow(/is a device/);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a new file and an existing regular export are written', async () => {
    const out = join(dir, 'out.csv');
    expect((await t.call('export.csv', { path: out })).path).toBe(out);
    expect(existsSync(out)).toBe(true);
    expect((await t.call('export.csv', { path: out })).path).toBe(out);
  });
});
