// The GeoPackage and KML channels: the same target checks and error wording as GeoJSON/CSV, and
// KML balloons with the thumbnail of the frame the object came from.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { sampleObject } from '../store/sample-object';
import { makeFramesFolder, makeSession, type TestSession } from './fixtures';

let dir: string;
let t: TestSession;
let project: string;

beforeEach(async () => {
  dir = makeTmpDir('smgeo-export-formats-');
  t = makeSession(dir);
  project = join(dir, 'p.smgeo');
  await t.call('project.create', { path: project });
  await t.call('frames.open', { folder: await makeFramesFolder(join(dir, 'frames'), 2) });
  const store = t.session.requireProject().store;
  store.insertObject(sampleObject({ status: 'accepted', frame: { index: 1, name: 'frame_2.jpg' } }));
  store.insertObject(sampleObject({ status: 'pending' }));
});
afterEach(async () => {
  await t.session.close();
  removeDir(dir);
});

describe('export.gpkg and export.kml', () => {
  it('write the confirmed objects and report how many', async () => {
    const gpkg = await t.call('export.gpkg', { path: join(dir, 'out.gpkg') });
    expect(gpkg).toEqual({ path: join(dir, 'out.gpkg'), count: 1 });
    expect(readFileSync(gpkg.path).subarray(0, 15).toString()).toBe('SQLite format 3');
    const kml = await t.call('export.kml', { path: join(dir, 'out.kml') });
    expect(kml.count).toBe(1);
    const text = readFileSync(kml.path, 'utf8');
    expect(text.match(/<Placemark/g)).toHaveLength(1);
    expect(text).toMatch(/<img src="data:image\/jpeg;base64,\/9j\//);
  });

  it('a KML whose frame is no longer open has no image but is still written', async () => {
    t.session.frames = null;
    const kml = await t.call('export.kml', { path: join(dir, 'out.kml') });
    expect(readFileSync(kml.path, 'utf8')).not.toContain('<img');
  });

  for (const channel of ['export.gpkg', 'export.kml'] as const) {
    it(`${channel} onto the open project is refused`, async () => {
      const err = await t.fail(channel, { path: project });
      expect(err.code).toBe('not-allowed');
      expect(err.message).toContain(project);
      expect(t.session.requireProject().store.listObjects()).toHaveLength(2);
    });

    it(`${channel} into a place that cannot be written names the file and leaves nothing behind`, async () => {
      // A file where a folder should be: unwritable even for root.
      const notAFolder = join(dir, 'plain-file');
      writeFileSync(notAFolder, 'x');
      const target = join(notAFolder, 'out');
      const blocked = await t.fail(channel, { path: target });
      expect(blocked.code).toBe('export-failed');
      expect(blocked.message).toContain(target);
      const missing = join(dir, 'no-such-folder', 'out');
      const err = await t.fail(channel, { path: missing });
      expect(err.code).toBe('export-failed');
      expect(err.message).toContain(missing);
      expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
    });
  }
});
