import { describe, expect, it } from 'vitest';
import { mapBlocksToFrames, parseSrt, parseSrtBlocks } from '../../../src/main/frames/index.js';

const MODERN = `1
00:00:00,000 --> 00:00:00,033
<font size="28">FrameCnt: 1, DiffTime: 33ms
2023-05-12 10:11:12.123
[iso: 100] [shutter: 1/1000.0] [fnum: 2.8] [ev: 0] [ct: 5500] [color_md: default] [focal_len: 24.00] [latitude: 47.123456] [longitude: 8.543210] [rel_alt: 120.000 abs_alt: 530.500] [gb_yaw: 35.0 gb_pitch: -45.0 gb_roll: 0.0] </font>

2
00:00:00,033 --> 00:00:00,066
<font size="28">FrameCnt: 2, DiffTime: 33ms
2023-05-12 10:11:12.156
[iso: 100] [latitude : 47.123500] [longtitude : 8.543300] [rel_alt: 121.500 abs_alt: 532.000] [gb_yaw: -10.0 gb_pitch: -90.0 gb_roll: 0.0] </font>

3
00:00:00,066 --> 00:00:00,100
<font size="28">FrameCnt: 3 [latitude: 0.000000] [longitude: 0.000000] [rel_alt: 0.0 abs_alt: 0.0]</font>
`;

const LEGACY = `1
00:00:00,000 --> 00:00:01,000
HOME(8.5400,47.1200) 2017.08.05 14:11:51
GPS(8.5432,47.1234,18) BAROMETER:95.3
ISO:100 Shutter:60 EV: Fnum:F2.2

2
00:00:01,000 --> 00:00:02,000
HOME(8.5400,47.1200) 2017.08.05 14:11:52
GPS(8.5440,47.1240,530.5)
ISO:100 Shutter:60 EV: Fnum:F2.2
`;

describe('parseSrt', () => {
  it('reads DJI bracketed fields: position, relative altitude, gimbal yaw and pitch', () => {
    const t = parseSrt(MODERN);
    expect(t).toHaveLength(2); // block 3 has no GPS fix (0,0)
    expect(t[0]).toEqual({
      block: 1, startMs: 0, lat: 47.123456, lon: 8.54321, altM: 120, altRef: 'takeoff', takeoffElevationM: 410.5,
      headingDeg: 35, pitchDeg: -45, rollDeg: 0, focal35mm: 24, source: 'srt',
    });
    expect(t[1]).toMatchObject({ block: 2, startMs: 33, lat: 47.1235, lon: 8.5433, altM: 121.5, headingDeg: 350, pitchDeg: -90 });
  });

  it('reads the older GPS(lon,lat,alt) style, not the HOME point', () => {
    const t = parseSrt(LEGACY);
    expect(t.map((x) => [x.lat, x.lon, x.altM])).toEqual([
      [47.1234, 8.5432, 95.3],
      [47.124, 8.544, 530.5],
    ]);
    expect(t[1].headingDeg).toBeUndefined();
  });

  it('tolerates CRLF line ends, a byte-order mark and missing fields', () => {
    const crlf = '\uFEFF' + MODERN.replace(/\n/g, '\r\n');
    expect(parseSrt(crlf)).toEqual(parseSrt(MODERN));
    const sparse = parseSrt('7\r\n00:01:02,500 --> 00:01:02,533\r\n[latitude: -33.5] [longitude: 151.2]\r\n');
    expect(sparse).toEqual([{ block: 7, startMs: 62500, lat: -33.5, lon: 151.2, source: 'srt' }]);
    expect(parseSrt('not a subtitle file')).toEqual([]);
  });
});

describe('mapBlocksToFrames', () => {
  it('pairs block n with frame n−1', () => {
    const m = mapBlocksToFrames(parseSrtBlocks(MODERN), 5);
    expect([...m.keys()]).toEqual([0, 1, 2]);
    expect(m.get(1)?.block).toBe(2);
  });

  it('spreads frames over a longer SRT in time order', () => {
    const text = Array.from({ length: 301 }, (_, i) => {
      const ms = i * 100;
      const t = (v: number) => `00:00:${String(Math.floor(v / 1000)).padStart(2, '0')},${String(v % 1000).padStart(3, '0')}`;
      return `${i + 1}\n${t(ms)} --> ${t(ms + 100)}\n[latitude: ${47 + i * 1e-4}] [longitude: 8.5]\n`;
    }).join('\n');
    const m = mapBlocksToFrames(parseSrtBlocks(text), 4);
    expect([...m.values()].map((b) => b.block)).toEqual([1, 101, 201, 301]);
  });
});
