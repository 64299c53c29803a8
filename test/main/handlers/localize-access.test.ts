// localize.run reads a frame only under the rule the frame and thumbnail routes use.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { serveAsset } from '../../../src/main/handlers/assets';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { INSIDE_MOSAIC, makeFramesFolder, makeSession, type TestSession } from './fixtures';

let dir: string;
let t: TestSession;
beforeEach(() => {
  dir = makeTmpDir('smgeo-localize-access-');
  t = makeSession(dir);
});
afterEach(async () => {
  await t.session.close();
  removeDir(dir);
});

it('refuses a frame that is a link to a file outside the opened folder, as the frame route does', async () => {
  await t.call('project.create', { path: join(dir, 'p.smgeo') });
  const frames = await makeFramesFolder(join(dir, 'frames'), 1);
  const outside = join(dir, 'private.jpg');
  await sharp({ create: { width: 64, height: 64, channels: 3, background: '#f00' } }).jpeg().toFile(outside);
  symlinkSync(outside, join(frames, 'frame_2.jpg'));
  await t.call('frames.open', { folder: frames });

  expect((await serveAsset(t.session, 'frame/1')).status).toBe(403);
  const err = await t.fail('localize.run', { frameIndex: 1, click: { x: 10, y: 10 }, centre: INSIDE_MOSAIC });
  expect(err.code).toBe('not-allowed');
  expect(err.message).toContain(outside);
});
