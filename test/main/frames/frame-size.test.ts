// Frames are read at the size that is needed: the model's Q×Q query straight from the file, the
// upright size from the header, and nothing above the pixel limit.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAsset } from '../../../src/main/handlers/assets';
import { decodeFrame, FramesError, frameForDisplay, MAX_FRAME_PIXELS, openFrame, thumbnail } from '../../../src/main/frames';
import { resizeRgb } from '../../../src/main/image/rgb';
import { makeTmpDir, patternImage, removeDir } from '../../helpers/gdal';
import { pngClaiming } from '../../helpers/png-header';
import { makeSession } from '../handlers/fixtures';

let dir: string;
beforeAll(() => {
  dir = makeTmpDir('smgeo-frame-size-');
});
afterAll(() => removeDir(dir));

function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}

describe('openFrame', () => {
  it('knows the upright size from the header and reads the query at Q×Q like the full decode + resize', async () => {
    const w = 1200;
    const h = 900;
    const file = join(dir, 'pattern.png');
    await sharp(Buffer.from(patternImage(w, h, 3)), { raw: { width: w, height: h, channels: 3 } }).png().toFile(file);
    const frame = await openFrame(file);
    expect([frame.width, frame.height]).toEqual([w, h]);
    const q = await frame.readQuery(128);
    expect([q.width, q.height, q.data.length]).toEqual([128, 128, 128 * 128 * 3]);
    const old = await resizeRgb(await decodeFrame(file), 128, 128);
    expect(meanAbsDiff(q.data, old.data)).toBeLessThan(3);
  });

  it('applies the EXIF orientation to the size and the query', async () => {
    const file = join(dir, 'turned.jpg');
    // Left half red, right half blue, stored sideways (orientation 6: turn 90° clockwise to view).
    const stored = Buffer.alloc(80 * 40 * 3);
    for (let i = 0; i < 80 * 40; i++) stored[i * 3 + ((i % 80) < 40 ? 0 : 2)] = 255;
    await sharp(stored, { raw: { width: 80, height: 40, channels: 3 } })
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toFile(file);
    const frame = await openFrame(file);
    expect([frame.width, frame.height]).toEqual([40, 80]);
    const q = await frame.readQuery(16);
    const full = await resizeRgb(await decodeFrame(file), 16, 16);
    expect(meanAbsDiff(q.data, full.data)).toBeLessThan(6);
  });

  it('refuses a frame above the pixel limit from its header, naming the file and the fix', async () => {
    const file = join(dir, 'huge.png');
    writeFileSync(file, pngClaiming(20000, 20000));
    expect(20000 * 20000).toBeGreaterThan(MAX_FRAME_PIXELS);
    const err = (await openFrame(file).catch((e: unknown) => e)) as FramesError;
    expect(err).toBeInstanceOf(FramesError);
    expect(err.code).toBe('too-large');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/20000×20000 px.*Scale it down/);
    await expect(frameForDisplay(file)).rejects.toMatchObject({ code: 'too-large' });
    await expect(thumbnail(file)).rejects.toMatchObject({ code: 'too-large' });
    await expect(decodeFrame(file)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('the frame route answers a clear error for a frame above the limit', async () => {
    const frames = join(dir, 'frames');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(frames);
    writeFileSync(join(frames, 'frame_1.png'), pngClaiming(20000, 20000));
    const t = makeSession(join(dir, 'session'));
    try {
      await t.call('project.create', { path: join(dir, 'session', 'p.smgeo') });
      await t.call('frames.open', { folder: frames });
      const res = await serveAsset(t.session, 'frame/0');
      expect(res.status).toBe(500);
      expect(res.body.toString()).toMatch(/megapixel limit/);
    } finally {
      await t.session.close();
    }
  });
});
