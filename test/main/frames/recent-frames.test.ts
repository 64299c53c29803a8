// Clicks on a frame clicked before reuse its opened header and model query; a changed or broken
// file is read afresh, never answered from memory.
import { renameSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FramesError, openFrame } from '../../../src/main/frames';
import { RecentFrames } from '../../../src/main/frames/recent-frames';
import { makeTmpDir, removeDir } from '../../helpers/gdal';

let dir: string;
beforeAll(() => {
  dir = makeTmpDir('smgeo-recent-frames-');
});
afterAll(() => removeDir(dir));

async function writeFrame(file: string, grey: number, width = 320, height = 240): Promise<void> {
  await sharp({ create: { width, height, channels: 3, background: { r: grey, g: grey, b: grey } } }).png().toFile(file);
}

describe('RecentFrames', () => {
  it('a second click on the same frame gets the query it read before, equal to a fresh read', async () => {
    const file = join(dir, 'same.png');
    await writeFrame(file, 90);
    const recent = new RecentFrames();
    const first = await recent.open(file);
    const q1 = await first.readQuery(64);
    const again = await recent.open(file);
    expect(again).toBe(first);
    expect(await again.readQuery(64)).toBe(q1);
    expect(q1).toEqual(await (await openFrame(file)).readQuery(64));
    // Another size is read, not resized from the kept one.
    expect((await again.readQuery(32)).width).toBe(32);
  });

  it('two clicks that arrive while the frame is being opened share one open', async () => {
    const file = join(dir, 'quick.png');
    await writeFrame(file, 60);
    const recent = new RecentFrames();
    const [a, b] = await Promise.all([recent.open(file), recent.open(file)]);
    expect(a).toBe(b);
  });

  it('a frame file replaced since (new size, new pixels) is opened and read again', async () => {
    const file = join(dir, 'replaced.png');
    await writeFrame(file, 40);
    const recent = new RecentFrames();
    const before = await (await recent.open(file)).readQuery(16);
    await writeFrame(file, 200, 400, 300);
    // Even with the old modification time, the size gives the change away.
    utimesSync(file, new Date(2026, 0, 1), new Date(2026, 0, 1));
    const frame = await recent.open(file);
    expect([frame.width, frame.height]).toEqual([400, 300]);
    const after = await frame.readQuery(16);
    expect(before.data[0]).toBe(40);
    expect(after.data[0]).toBe(200);
  });

  it('a failed read is not kept: the file back in place is read on the next click', async () => {
    const file = join(dir, 'moved.png');
    const away = join(dir, 'moved-away.png');
    await writeFrame(file, 120);
    const recent = new RecentFrames();
    const frame = await recent.open(file);
    // Moved away after its header was read, then back: the same inode, size and time, so the
    // kept entry is still the file's, and only the failed query must not be remembered.
    renameSync(file, away);
    await expect(frame.readQuery(16)).rejects.toBeInstanceOf(FramesError);
    renameSync(away, file);
    const back = await recent.open(file);
    expect(back).toBe(frame);
    expect((await back.readQuery(16)).data[0]).toBe(120);
  });

  it('a frame that is gone says so with the frames error', async () => {
    const recent = new RecentFrames();
    const err = await recent.open(join(dir, 'missing.png')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FramesError);
    expect((err as FramesError).code).toBe('not-found');
  });
});
