import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FramesError, scanFrames } from '../../../src/main/frames/index.js';
import { makeTmpDir, removeDir } from '../../helpers/gdal.js';

let dir: string;

describe('scanFrames', () => {
  beforeAll(() => {
    dir = makeTmpDir('smgeo-scan-');
    for (const n of ['frame_10.jpg', 'frame_2.JPG', 'frame_1.jpeg', 'frame_100.png', 'frame_3.TIF', 'frame_20.tiff', '.hidden_0.jpg', 'notes.txt', 'clip.SRT']) {
      writeFileSync(join(dir, n), 'x');
    }
    mkdirSync(join(dir, 'sub.jpg'));
    mkdirSync(join(dir, 'empty'));
  });
  afterAll(() => removeDir(dir));

  it('lists the image frames in natural order, skipping hidden files, folders and other files', async () => {
    const frames = await scanFrames(dir);
    expect(frames.map((f) => f.name)).toEqual(['frame_1.jpeg', 'frame_2.JPG', 'frame_3.TIF', 'frame_10.jpg', 'frame_20.tiff', 'frame_100.png']);
    expect(frames.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(frames[3].path).toBe(join(dir, 'frame_10.jpg'));
  });

  it('says which folder has no images', async () => {
    const err = await scanFrames(join(dir, 'empty')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FramesError);
    expect((err as FramesError).code).toBe('no-images');
    expect((err as FramesError).message).toContain(join(dir, 'empty'));
  });

  it('says when the folder does not exist', async () => {
    const err = await scanFrames(join(dir, 'missing')).catch((e: unknown) => e);
    expect((err as FramesError).code).toBe('not-found');
    expect((err as FramesError).message).toContain('missing');
  });
});
