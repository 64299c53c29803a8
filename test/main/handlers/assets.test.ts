import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveAsset } from '../../../src/main/handlers/assets';
import { AccessList } from '../../../src/main/app/access';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { FRAME_H, FRAME_W, makeFramesFolder, makeMosaic, makeSession, type TestSession } from './fixtures';

let dir: string;
let t: TestSession;

beforeEach(async () => {
  dir = makeTmpDir('smgeo-assets-');
  t = makeSession(dir);
  await t.call('project.create', { path: join(dir, 'p.smgeo') });
});
afterEach(async () => {
  await t.session.close();
  removeDir(dir);
});

describe('the allow-list', () => {
  it('allows what is under an opened folder and nothing beside it', () => {
    const access = new AccessList();
    access.allowFolder(join(dir, 'frames'));
    mkdirSync(join(dir, 'frames'), { recursive: true });
    expect(access.allows(join(dir, 'frames', 'a.jpg'))).toBe(true);
    expect(access.allows(join(dir, 'frames', '..', 'p.smgeo'))).toBe(false);
    expect(access.allows(join(dir, 'frames-other', 'a.jpg'))).toBe(false);
    expect(access.allows('/etc/passwd')).toBe(false);
    expect(() => access.check('/etc/passwd', 'test')).toThrow(/was not opened/);
  });

  it('does not follow a symlink out of an opened folder', () => {
    mkdirSync(join(dir, 'frames'));
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'frames', 'link.jpg'));
    const access = new AccessList();
    access.allowFolder(join(dir, 'frames'));
    expect(access.allows(join(dir, 'frames', 'link.jpg'))).toBe(false);
  });
});

describe('the asset handler', () => {
  it('serves frames and thumbnails of the open folder', async () => {
    await t.call('frames.open', { folder: await makeFramesFolder(join(dir, 'frames'), 2) });
    const frame = await serveAsset(t.session, 'frame/1');
    expect(frame.status).toBe(200);
    expect(frame.mime).toMatch(/^image\//);
    expect(await sharp(frame.body).metadata()).toMatchObject({ width: FRAME_W, height: FRAME_H });
    const thumb = await serveAsset(t.session, 'thumb/0');
    expect(thumb.mime).toBe('image/jpeg');
    expect((await sharp(thumb.body).metadata()).width).toBeLessThanOrEqual(FRAME_W);
  });

  it('refuses a frame that is a link to a file outside the opened folder', async () => {
    const frames = await makeFramesFolder(join(dir, 'frames'), 1);
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } }).jpeg().toFile(join(dir, 'private.jpg'));
    symlinkSync(join(dir, 'private.jpg'), join(frames, 'frame_2.jpg'));
    await t.call('frames.open', { folder: frames });
    const res = await serveAsset(t.session, 'frame/1');
    expect(res.status).toBe(403);
    expect(res.body.toString()).toContain('private.jpg');
  });

  it('answers 404 for unknown frames, mosaics, heatmaps and malformed or traversing paths', async () => {
    await t.call('frames.open', { folder: await makeFramesFolder(join(dir, 'frames'), 1) });
    for (const path of ['frame/9', 'tile/nope/1/0/0.png', 'heatmap/unknown.png', 'frame/../../p.smgeo', '../p.smgeo', 'frame/%2e%2e%2fp.smgeo', 'frame/-1']) {
      const res = await serveAsset(t.session, path);
      expect(res.status, path).toBe(404);
    }
    expect((await serveAsset(t.session, 'frame/%E0%A4%A')).status).toBe(400);
  });

  it('serves map tiles of open mosaics only', async () => {
    const mosaic = await t.call('mosaic.open', { path: await makeMosaic(join(dir, 'maps')) });
    // z16 tile over the mosaic (9.0039°E, 46.9508°N).
    const n = 2 ** 16;
    const x = Math.floor(((9.003942 + 180) / 360) * n);
    const latRad = (46.950829 * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n);
    const tile = await serveAsset(t.session, `tile/${mosaic.id}/16/${x}/${y}.png`);
    expect(tile.status).toBe(200);
    expect(tile.mime).toBe('image/png');
    expect((await sharp(tile.body).metadata()).width).toBe(256);

    await t.call('mosaic.remove', { id: mosaic.id });
    expect((await serveAsset(t.session, `tile/${mosaic.id}/16/${x}/${y}.png`)).status).toBe(404);
  });
});

describe('paths in Electron must have been chosen by the user', () => {
  it('refuses a project path that did not come from a dialog, and accepts it once picked', async () => {
    const picked = join(dir, 'picked.smgeo');
    const strict = makeSession(join(dir, 'strict'), { pathsMustBePicked: true, pickPath: async () => picked });
    try {
      const err = await strict.fail('project.create', { path: picked });
      expect(err.code).toBe('not-allowed');
      expect(err.message).toContain(picked);
      expect(await strict.call('dialog.pick', { kind: 'project-save' })).toEqual({ path: picked });
      expect((await strict.call('project.create', { path: picked })).path).toBe(picked);
      expect((await strict.fail('frames.open', { folder: '/etc' })).code).toBe('not-allowed');
    } finally {
      await strict.session.close();
    }
  });

  it('in browser mode the dialog answers null so the page asks for a typed path', async () => {
    expect(await t.call('dialog.pick', { kind: 'folder' })).toEqual({ path: null });
  });
});
