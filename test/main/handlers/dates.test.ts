// The frame's date and the mosaic's acquisition date side by side, with a warning a season apart.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysApart, seasonWarning } from '../../../src/shared/date-gap';
import { isoDate, readAcquisitionDate } from '../../../src/main/mosaic/acquisition-date';
import { makeTmpDir, patternImage, removeDir, translate, writeEnvi } from '../../helpers/gdal';
import { makeVideo, requireFfmpeg, writeDjiSrt } from '../../helpers/video';
import { MOSAIC, makeSession, type TestSession } from './fixtures';

let dir: string;
let t: TestSession;

async function datedMosaic(name: string, metadata: string[]): Promise<string> {
  const raw = writeEnvi(dir, `${name}-src`, patternImage(MOSAIC.size, MOSAIC.size, 3), MOSAIC.size, MOSAIC.size, 3);
  return translate(raw, join(dir, `${name}.tif`), { srs: MOSAIC.srs, ullr: MOSAIC.ullr, extra: metadata.flatMap((m) => ['-mo', m]) });
}

beforeAll(async () => {
  requireFfmpeg();
  dir = makeTmpDir('smgeo-dates-');
  t = makeSession(dir);
  await t.call('project.create', { path: join(dir, 'd.smgeo') });
}, 120_000);
afterAll(async () => {
  await t.session.close();
  removeDir(dir);
});

describe('frame date against mosaic acquisition date', () => {
  it('reads GDAL acquisition metadata before the TIFF DateTime tag, and says which it used', async () => {
    const both = await datedMosaic('both', ['TIFFTAG_DATETIME=2023:03:01 12:00:00', 'ACQUISITIONDATETIME=2023-01-14T09:00:00Z']);
    expect(await readAcquisitionDate(both)).toEqual({ date: '2023-01-14T09:00:00Z', source: 'GDAL metadata ACQUISITIONDATETIME' });
    const tagOnly = await datedMosaic('tag', ['TIFFTAG_DATETIME=2024:05:10 08:30:00']);
    expect(await readAcquisitionDate(tagOnly)).toMatchObject({ date: '2024-05-10T08:30:00', source: expect.stringMatching(/TIFF DateTime/) });
    expect(await readAcquisitionDate(await datedMosaic('none', []))).toBeNull();
  });

  it('a video frame (SRT date) against an older and a recent mosaic: only the older one warns', async () => {
    const video = await makeVideo(dir, 'DJI_0007.MP4', { frames: 6, fps: 6 });
    writeDjiSrt(join(dir, 'DJI_0007.SRT'), Array.from({ length: 6 }, (_, i) => ({ ms: (i * 1000) / 6, frameCnt: i + 1, lat: 46.95, lon: 9 })), '2024-06-01');
    await t.call('frames.openVideo', { path: video });
    const old = await t.call('mosaic.open', { path: await datedMosaic('winter', ['ACQUISITIONDATETIME=2023-01-14T09:00:00Z']) });
    const recent = await t.call('mosaic.open', { path: await datedMosaic('spring', ['TIFFTAG_DATETIME=2024:05:10 08:30:00']) });
    const r = await t.call('dates.compare', { frameIndex: 3 });
    expect(r.frame).toEqual({ date: expect.stringMatching(/^2024-06-01T10:15:00\.5/), source: 'DJI_0007.SRT (SRT date line)' });
    const byId = new Map(r.mosaics.map((m) => [m.id, m]));
    expect(byId.get(old.id)).toMatchObject({ name: 'winter.tif', daysApart: 504, warning: expect.stringMatching(/taken 2024-06-01 but winter\.tif was acquired 2023-01-14, over a year apart/) });
    expect(byId.get(recent.id)).toMatchObject({ name: 'spring.tif', daysApart: 22, warning: null });
  });

  it('a photo frame uses its EXIF capture time; no date on either side gives no warning', async () => {
    const frames = join(dir, 'photos');
    mkdirSync(frames);
    await sharp({ create: { width: 32, height: 24, channels: 3, background: '#336699' } })
      .withExif({ IFD0: { DateTime: '2023:12:24 16:00:00' }, IFD2: { DateTimeOriginal: '2023:12:24 15:59:58' } } as never)
      .jpeg()
      .toFile(join(frames, 'IMG_0001.jpg'));
    await sharp({ create: { width: 32, height: 24, channels: 3, background: '#336699' } }).jpeg().toFile(join(frames, 'IMG_0002.jpg'));
    await t.call('frames.open', { folder: frames });
    const r = await t.call('dates.compare', { frameIndex: 0 });
    expect(r.frame).toEqual({ date: '2023-12-24T15:59:58', source: 'EXIF DateTimeOriginal of IMG_0001.jpg' });
    expect(r.mosaics.find((m) => m.name === 'winter.tif')).toMatchObject({ daysApart: 344, warning: expect.stringMatching(/11 months apart/) });
    const undated = await t.call('dates.compare', { frameIndex: 1 });
    expect(undated.frame).toBeNull();
    expect(undated.mosaics.every((m) => m.warning === null)).toBe(true);
  });

  it('a photo without EXIF dates takes the date line of the SRT beside the frames', async () => {
    const frames = join(dir, 'srt-frames');
    mkdirSync(frames);
    for (const n of [1, 2, 3]) await sharp({ create: { width: 32, height: 24, channels: 3, background: '#446688' } }).jpeg().toFile(join(frames, `frame_${n}.jpg`));
    writeDjiSrt(join(frames, 'flight.SRT'), [0, 1000, 2000].map((ms, i) => ({ ms, frameCnt: i + 1, lat: 46.95, lon: 9 })), '2023-02-20');
    await t.call('frames.open', { folder: frames });
    const r = await t.call('dates.compare', { frameIndex: 2 });
    expect(r.frame).toEqual({ date: '2023-02-20T10:15:02.000', source: 'flight.SRT (SRT date line)' });
    expect(r.mosaics.find((m) => m.name === 'winter.tif')).toMatchObject({ daysApart: 37, warning: null });
  });

  it('dates within a season are not a warning; unparseable ones are no date', () => {
    expect(seasonWarning('2024-06-01', '2024-03-04', 'm.tif')).toBeNull();
    expect(seasonWarning('2024-06-01', '2024-03-02', 'm.tif')).toMatch(/3 months apart/);
    expect(daysApart('2024-06-01T23:59:00', '2024-06-02T00:01:00')).toBe(1);
    expect(isoDate('2023:01:15 10:00:00\0')).toBe('2023-01-15T10:00:00');
    expect(isoDate('20230115')).toBe('2023-01-15');
    expect(isoDate('sometime in May')).toBeNull();
    expect(isoDate('2023:13:01')).toBeNull();
  });
});
