// Video as a frame source: timing from ffprobe, frames decoded by time and landing on the right
// frame, telemetry matched from the SRT by time, and the bad inputs drones really produce.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFrameJpeg, probeVideo } from '../../../src/main/frames/video';
import { frameFile, openVideo, videoThumbnail } from '../../../src/main/frames/video-source';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { frameColour, makeVideo, requireFfmpeg, writeDjiSrt } from '../../helpers/video';

let dir: string;
let cfr: string;
const FRAMES = 30;
const FPS = 30;

beforeAll(async () => {
  requireFfmpeg();
  dir = makeTmpDir('smgeo-video-');
  cfr = await makeVideo(dir, 'DJI_0001.MP4', { frames: FRAMES, fps: FPS });
}, 120_000);
afterAll(() => removeDir(dir));

async function whichFrame(jpeg: Buffer, frames: number): Promise<number> {
  const { data } = await sharp(jpeg).resize(1, 1, { fit: 'cover', kernel: 'nearest', position: 'centre' }).raw().toBuffer({ resolveWithObject: true });
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < frames; i++) {
    const c = frameColour(i);
    const d = Math.abs(c[0] - data[0]) + Math.abs(c[1] - data[1]) + Math.abs(c[2] - data[2]);
    if (d < bestD) [best, bestD] = [i, d];
  }
  return best;
}

const srtRecords = (n: number, stepMs: number, every = 1) =>
  Array.from({ length: Math.ceil(n / every) }, (_, k) => ({ ms: k * every * stepMs, frameCnt: k * every + 1, lat: 47 + k * every * 1e-5, lon: 8 + k * every * 1e-5, yaw: 350 + k * every }));

describe('video frames', () => {
  it('ffprobe gives size, rate and frame count of a constant-rate file', async () => {
    const info = await probeVideo(cfr);
    expect(info).toMatchObject({ width: 64, height: 48, frameCount: FRAMES, variableFrameRate: false, codec: 'h264' });
    expect(info.fps).toBeCloseTo(FPS, 6);
    expect(info.durationS).toBeCloseTo(1, 1);
  });

  it('seeking by time lands on exactly the asked frame, keyframe or not, and agrees with the SRT FrameCnt', async () => {
    writeDjiSrt(join(dir, 'DJI_0001.SRT'), srtRecords(FRAMES, 1000 / FPS));
    const video = await openVideo(cfr);
    expect(video.notes).toEqual([]);
    for (const i of [0, 1, 11, 12, 13, 22, FRAMES - 1]) {
      expect(await whichFrame(await extractFrameJpeg(video.info, i), FRAMES)).toBe(i);
    }
    // The frame file used by the frame pane and the model is the same frame.
    const file = await frameFile(video.entries[13]);
    expect(await whichFrame(readFileSync(file), FRAMES)).toBe(13);
    const thumb = await videoThumbnail(video.entries[7], 32);
    expect((await sharp(thumb).metadata()).width).toBe(32);
    expect(await whichFrame(thumb, FRAMES)).toBe(7);
    // Block n of the SRT (FrameCnt n) is frame n-1.
    expect(video.telemetry.get(7)).toMatchObject({ lat: 47 + 7e-5, lon: 8 + 7e-5, altM: 80, pitchDeg: -60, source: 'srt' });
    expect(video.takenAt.get(29)).toMatch(/^2024-06-01T10:15:00\.9/);
  });

  it('a video without an SRT opens without telemetry and says to place the search area', async () => {
    const lone = join(dir, 'lone.mp4');
    copyFileSync(cfr, lone);
    const video = await openVideo(lone);
    expect(video.entries).toHaveLength(FRAMES);
    expect(video.srt).toBeNull();
    expect(video.telemetry.size).toBe(0);
    expect(video.notes.join(' ')).toMatch(/No \.SRT file named like lone\.mp4.*search area/);
  });

  it('an SRT with another frame count is reported and matched by time, interpolating between records', async () => {
    const other = join(dir, 'half.mp4');
    copyFileSync(cfr, other);
    // One record every second frame, as some firmwares write at 60 fps video with a 30 Hz log.
    writeDjiSrt(join(dir, 'HALF.srt'), srtRecords(FRAMES, 1000 / FPS, 2));
    const video = await openVideo(other);
    expect(video.notes[0]).toMatch(/HALF\.srt has 15 frame records but the video has 30 frames; .*matched to frames by time/);
    expect(video.telemetry.get(4)!.lat).toBeCloseTo(47 + 4e-5, 9);
    // Frame 5 sits halfway between the records of frames 4 and 6.
    expect(video.telemetry.get(5)!.lat).toBeCloseTo(47 + 5e-5, 6);
    // Heading interpolates the short way across north: 354° → 356° gives 355°, 358°→0° gives 359°.
    expect(video.telemetry.get(5)!.headingDeg).toBeCloseTo(355, 1);
    expect(video.telemetry.get(9)!.headingDeg).toBeCloseTo(359, 1);
    // The last frame is past the last record by one frame: it keeps that record's position.
    expect(video.telemetry.get(29)!.lat).toBeCloseTo(47 + 28e-5, 9);
  });

  it('an SRT whose FrameCnt drifts from the video timing says so', async () => {
    const drift = join(dir, 'drift.mp4');
    copyFileSync(cfr, drift);
    const records = srtRecords(FRAMES, 1000 / FPS).map((r, i) => (i >= 20 ? { ...r, frameCnt: r.frameCnt + 3 } : r));
    writeDjiSrt(join(dir, 'drift.SRT'), records);
    const video = await openVideo(drift);
    expect(video.notes.join(' ')).toMatch(/FrameCnt disagrees with the decoded frame at 10 of 30 frames \(first at frame 21\)/);
  });

  it('a variable-frame-rate file places every frame by its own timestamp', async () => {
    const durations = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 1 / 30 : 1 / 10));
    const vfr = await makeVideo(dir, 'vfr.mp4', { frames: 20, durations });
    const video = await openVideo(vfr);
    expect(video.info.variableFrameRate).toBe(true);
    expect(video.info.frameCount).toBe(20);
    expect(video.notes[0]).toMatch(/variable frame rate/);
    const starts = durations.map((_, i) => durations.slice(0, i).reduce((a, b) => a + b, 0));
    for (const i of [0, 5, 6, 13, 19]) {
      // The container's time base rounds each duration a little.
      expect(video.info.frameTimesS![i]).toBeCloseTo(starts[i], 1);
      expect(await whichFrame(await extractFrameJpeg(video.info, i), 20)).toBe(i);
    }
  });

  it('a damaged or truncated container fails with a message naming the file and what to do', async () => {
    const garbage = join(dir, 'garbage.mp4');
    writeFileSync(garbage, Buffer.from('this is not a video at all '.repeat(100)));
    await expect(openVideo(garbage)).rejects.toMatchObject({ code: 'corrupt', message: expect.stringMatching(/garbage\.mp4 could not be read .*copy it again/) });
    const cut = join(dir, 'cut.mp4');
    writeFileSync(cut, readFileSync(cfr).subarray(0, 400));
    await expect(openVideo(cut)).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('cut.mp4') });
  });
});
