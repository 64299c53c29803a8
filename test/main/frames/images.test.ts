import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  decodeFrame,
  FramesError,
  frameForDisplay,
  loadTelemetry,
  scanFrames,
  telemetryFromExif,
  thumbnail,
} from '../../../src/main/frames/index.js';
import { makeTmpDir, removeDir } from '../../helpers/gdal.js';

let dir: string;
let withSrt: string;

const DJI_XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description rdf:about="" xmlns:drone-dji="http://www.dji.com/drone-dji/1.0/" drone-dji:RelativeAltitude="+120.50" ' +
  'drone-dji:AbsoluteAltitude="+530.20" drone-dji:GimbalYawDegree="-35.5" drone-dji:GimbalPitchDegree="-45.0" ' +
  'drone-dji:FlightYawDegree="+10.0"/></rdf:RDF></x:xmpmeta>';

function solid(width: number, height: number, rgb: [number, number, number]) {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } });
}

describe('frames on disk', () => {
  beforeAll(async () => {
    dir = makeTmpDir('smgeo-frames-');
    await solid(64, 48, [200, 40, 40])
      .jpeg()
      .withExif({
        IFD3: {
          GPSLatitudeRef: 'S',
          GPSLatitude: '33/1 52/1 3000/100',
          GPSLongitudeRef: 'E',
          GPSLongitude: '151/1 12/1 3600/100',
          GPSAltitudeRef: '0',
          GPSAltitude: '53020/100',
        },
      })
      .withXmp(DJI_XMP)
      .toFile(join(dir, 'frame_1.jpg'));
    await solid(64, 48, [40, 200, 40])
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '47/1 6/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '8/1 30/1 0/1' } })
      .toFile(join(dir, 'frame_2.jpg'));
    await solid(30, 20, [10, 20, 250]).png().toFile(join(dir, 'frame_3.png'));
    await solid(40, 30, [90, 90, 90]).tiff().toFile(join(dir, 'frame_4.tif'));
    // EXIF orientation 6: stored 40×20, shown rotated 90° clockwise as 20×40
    await solid(40, 20, [250, 250, 0]).jpeg().withMetadata({ orientation: 6 }).toFile(join(dir, 'frame_5.jpg'));
    const good = readFileSync(join(dir, 'frame_1.jpg'));
    writeFileSync(join(dir, 'frame_6.jpg'), good.subarray(0, Math.floor(good.length / 2)));

    withSrt = join(dir, 'with-srt');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(withSrt);
    for (const n of ['a_1.jpg', 'a_2.jpg', 'a_3.jpg']) await solid(8, 8, [1, 2, 3]).jpeg().toFile(join(withSrt, n));
    writeFileSync(
      join(withSrt, 'DJI_0001.SRT'),
      '1\r\n00:00:00,000 --> 00:00:00,033\r\n[latitude: 46.5] [longitude: 7.5] [rel_alt: 80.0 abs_alt: 900.0] [gb_yaw: 90.0 gb_pitch: -60.0]\r\n\r\n' +
        '2\r\n00:00:00,033 --> 00:00:00,066\r\n[latitude: 46.6] [longitude: 7.6]\r\n',
    );
  });
  afterAll(() => removeDir(dir));

  it('maps EXIF GPS and DJI XMP tags to telemetry', () => {
    expect(
      telemetryFromExif({ GPSLatitude: [47, 30, 0], GPSLatitudeRef: 'N', GPSLongitude: [8, 15, 36], GPSLongitudeRef: 'W', GPSAltitude: 12, GPSAltitudeRef: new Uint8Array([1]) }),
    ).toEqual({ lat: 47.5, lon: -8.26, altM: -12, altRef: 'sea', source: 'exif' });
    expect(telemetryFromExif({ latitude: 1, longitude: 2, GimbalYawDegree: '-90', FlightYawDegree: 5, GimbalPitchDegree: -30 })).toEqual({
      lat: 1, lon: 2, headingDeg: 270, pitchDeg: -30, source: 'exif',
    });
    expect(telemetryFromExif({ GPSLatitude: [0, 0, 0], GPSLongitude: [0, 0, 0] })).toBeNull();
    expect(telemetryFromExif(undefined)).toBeNull();
  });

  it('reads EXIF GPS and DJI XMP from real JPEGs', async () => {
    const frames = await scanFrames(dir);
    const t = await loadTelemetry(dir, frames);
    const f1 = t.get(0)!;
    expect(f1.source).toBe('exif');
    expect(f1.lat).toBeCloseTo(-(33 + 52 / 60 + 30 / 3600), 9);
    expect(f1.lon).toBeCloseTo(151 + 12 / 60 + 36 / 3600, 9);
    expect(f1.altM).toBe(120.5); // DJI relative altitude beats GPS altitude above sea level
    expect(f1.headingDeg).toBeCloseTo(324.5, 9); // gimbal yaw −35.5°
    expect(f1.pitchDeg).toBe(-45);
    expect(t.get(1)).toMatchObject({ lat: 47.1, lon: -8.5 });
    expect(t.has(2)).toBe(false); // the PNG has no GPS
  });

  it('prefers an SRT beside the frames, block n for frame n−1, EXIF for the rest', async () => {
    const frames = await scanFrames(withSrt);
    const t = await loadTelemetry(withSrt, frames);
    expect(t.get(0)).toMatchObject({ lat: 46.5, lon: 7.5, altM: 80, altRef: 'takeoff', headingDeg: 90, pitchDeg: -60, source: 'srt' });
    expect(t.get(1)).toMatchObject({ lat: 46.6, lon: 7.6, source: 'srt' });
    expect(t.has(2)).toBe(false);
  });

  it('decodes JPEG, PNG and TIFF to RGB, honouring EXIF orientation', async () => {
    const jpg = await decodeFrame(join(dir, 'frame_1.jpg'));
    expect([jpg.width, jpg.height, jpg.data.length]).toEqual([64, 48, 64 * 48 * 3]);
    expect(Math.abs(jpg.data[0] - 200)).toBeLessThan(6);
    const png = await decodeFrame(join(dir, 'frame_3.png'));
    expect(Array.from(png.data.subarray(0, 3))).toEqual([10, 20, 250]);
    const tif = await decodeFrame(join(dir, 'frame_4.tif'));
    expect([tif.width, tif.height]).toEqual([40, 30]);
    const rotated = await decodeFrame(join(dir, 'frame_5.jpg'));
    expect([rotated.width, rotated.height]).toEqual([20, 40]);
  });

  it('reports a damaged JPEG as corrupt, naming the file', async () => {
    const err = await decodeFrame(join(dir, 'frame_6.jpg')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FramesError);
    expect((err as FramesError).code).toBe('corrupt');
    expect((err as FramesError).message).toContain('frame_6.jpg');
  });

  it('serves JPEG and PNG as stored and TIFF as PNG', async () => {
    const j = await frameForDisplay(join(dir, 'frame_1.jpg'));
    expect(j.mime).toBe('image/jpeg');
    expect(j.body.equals(readFileSync(join(dir, 'frame_1.jpg')))).toBe(true);
    const t = await frameForDisplay(join(dir, 'frame_4.tif'));
    expect(t.mime).toBe('image/png');
    expect((await sharp(t.body).metadata()).format).toBe('png');
  });

  it('makes cached JPEG thumbnails that fit the requested size and follow file changes', async () => {
    const path = join(dir, 'thumb.png');
    await solid(400, 200, [0, 0, 255]).png().toFile(path);
    const a = await thumbnail(path);
    const meta = await sharp(a).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 160, 80]);
    expect(await thumbnail(path)).toBe(a);
    const small = await sharp(await thumbnail(path, 50)).metadata();
    expect([small.width, small.height]).toEqual([50, 25]);

    await new Promise((r) => setTimeout(r, 20));
    await solid(100, 300, [255, 0, 0]).png().toFile(path);
    const b = await thumbnail(path);
    expect(b).not.toBe(a);
    const mb = await sharp(b).metadata();
    expect([mb.width, mb.height]).toEqual([53, 160]);
    await expect(thumbnail(join(dir, 'frame_6.jpg'))).rejects.toMatchObject({ code: 'corrupt' });
  });
});
