// The telemetry fields the camera model needs: gimbal roll, focal length, take-off elevation.
import { describe, expect, it } from 'vitest';
import { telemetryFromExif } from '../../../src/main/frames/exif';
import { parseSrt } from '../../../src/main/frames/srt';

const block = (body: string) => `1\n00:00:00,000 --> 00:00:00,033\n<font size="28">FrameCnt: 1\n${body}</font>\n`;

describe('SRT camera fields', () => {
  it('reads gimbal roll, the 35 mm-equivalent focal length and the take-off elevation', () => {
    const [t] = parseSrt(
      block('[focal_len: 28.30] [latitude: 47.1] [longitude: 8.5] [rel_alt: 120.000 abs_alt: 530.500] [gb_yaw: 35.0 gb_pitch: -45.0 gb_roll: -1.5]'),
    );
    expect(t).toMatchObject({ altM: 120, altRef: 'takeoff', takeoffElevationM: 410.5, rollDeg: -1.5, focal35mm: 28.3, headingDeg: 35, pitchDeg: -45 });
  });
  it('abs_alt alone is marked as above sea level, with no take-off elevation', () => {
    const [t] = parseSrt(block('[latitude: 47.1] [longitude: 8.5] [abs_alt: 530.5] [gb_yaw: 35.0 gb_pitch: -45.0]'));
    expect(t).toMatchObject({ altM: 530.5, altRef: 'sea' });
    expect(t.takeoffElevationM).toBeUndefined();
    expect(t.rollDeg).toBeUndefined();
    expect(t.focal35mm).toBeUndefined();
  });
  it('older firmwares: GPS altitude is above sea level, the barometer above take-off', () => {
    expect(parseSrt(block('HOME(8.4,47.0) GPS(8.5,47.1,530) BAROMETER:120.5'))[0]).toMatchObject({ altM: 120.5, altRef: 'takeoff' });
    expect(parseSrt(block('GPS(8.5,47.1,530)'))[0]).toMatchObject({ altM: 530, altRef: 'sea' });
  });
});

describe('EXIF / DJI XMP camera fields', () => {
  const base = { latitude: 47.1, longitude: 8.5, GimbalYawDegree: '+35.0', GimbalPitchDegree: '-45.0' };
  it('reads roll, relative and absolute altitude and the 35 mm-equivalent focal length', () => {
    const t = telemetryFromExif({ ...base, GimbalRollDegree: '+0.5', RelativeAltitude: '+120.50', AbsoluteAltitude: '+530.00', FocalLengthIn35mmFormat: 24 });
    expect(t).toMatchObject({ altM: 120.5, altRef: 'takeoff', takeoffElevationM: 409.5, rollDeg: 0.5, focal35mm: 24 });
  });
  it('physical focal length with the sensor width from the focal-plane resolution', () => {
    // A 1-inch sensor 13.2 mm wide: 5472 px at 414.5 px/mm.
    const t = telemetryFromExif({ ...base, GPSAltitude: 530, FocalLength: 8.8, FocalPlaneXResolution: 414.5, FocalPlaneResolutionUnit: 4, ExifImageWidth: 5472 });
    expect(t).toMatchObject({ altM: 530, altRef: 'sea', focalMm: 8.8 });
    expect(t!.sensorWidthMm).toBeCloseTo(13.2, 2);
    expect(t!.focal35mm).toBeUndefined();
  });
});
