// Text and metadata that come with frames from anyone: DJI .SRT subtitles and EXIF/XMP tags.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { mapBlocksToFrames, parseSrt, parseSrtBlocks, readExifTelemetry, telemetryFromExif, type Telemetry } from '../../src/main/frames';
import { Unclear, type FuzzTarget } from '../harness';
import { bytesArb, bytesOf, fromJsonSafe, nastyNumber, nastyNumberText, toJsonSafe, type Mutation } from './mutate';

/** What any telemetry the parsers return must be: a position on the globe and finite numbers. */
export function checkTelemetry(t: Telemetry | null, where: string): void {
  if (t === null) return;
  if (!(Math.abs(t.lat) <= 90 && Math.abs(t.lon) <= 180)) throw new Unclear(`${where}: position ${t.lat}, ${t.lon} is off the globe`);
  for (const [k, v] of Object.entries(t)) {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Unclear(`${where}: ${k} is ${v}`);
  }
  if (t.headingDeg !== undefined && !(t.headingDeg >= 0 && t.headingDeg < 360)) throw new Unclear(`${where}: heading ${t.headingDeg} is not in [0, 360)`);
}

const SRT_KEYS = ['latitude', 'longitude', 'longtitude', 'rel_alt', 'abs_alt', 'altitude', 'gb_yaw', 'gb_pitch', 'gb_roll', 'focal_len', 'yaw', 'pitch', 'H', 'BAROMETER'];

const srtBlock = fc.record({
  n: fc.oneof(fc.nat().map(String), nastyNumberText),
  time: fc.oneof(
    fc.tuple(fc.nat(99), fc.nat(59), fc.nat(59), fc.nat(999)).map(([h, m, s, ms]) => `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')},${ms} --> 00:00:01,000`),
    fc.string({ maxLength: 40 }),
  ),
  fields: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...SRT_KEYS), fc.string({ maxLength: 8 })), nastyNumberText, fc.constantFrom(': ', ':', ' : ', '=', ' ')), { maxLength: 10 }),
  gps: fc.option(fc.tuple(nastyNumberText, nastyNumberText, nastyNumberText), { nil: undefined }),
  tags: fc.boolean(),
});

const srtText = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.array(srtBlock, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean()).map(([blocks, eol, bom]) =>
    (bom ? '\uFEFF' : '') +
    blocks
      .map((b) => {
        const body = b.fields.map(([k, v, sep]) => `[${k}${sep}${v}]`).join(' ') + (b.gps ? ` GPS(${b.gps.join(',')}) ` : '');
        return [b.n, b.time, b.tags ? `<font size="28">${body}</font>` : body].join(eol);
      })
      .join(eol + eol)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 3000 }) },
  // Long runs of one fragment: a regex that backtracks would hang here.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('[latitude: ', '1\n', ' ', '-->', '00:00:00,000 ', 'GPS(', '1.', '[', 'latitude'), fc.integer({ min: 1, max: 20_000 }), fc.string({ maxLength: 10 })).map(([s, n, tail]) => s.repeat(n) + tail) },
);

export const srtTarget: FuzzTarget<{ text: string; frames: number }, null> = {
  name: 'srt',
  about: 'DJI .SRT subtitle text: generated blocks with hostile numbers and separators, random text, long repeats',
  setup: async () => null,
  arbitrary: () => fc.record({ text: srtText, frames: fc.nat(50) }),
  async run({ text, frames }) {
    const blocks = parseSrtBlocks(text);
    for (const b of blocks) checkTelemetry(b.telemetry, `block ${b.block}`);
    for (const t of parseSrt(text)) checkTelemetry(t, 'parseSrt');
    const map = mapBlocksToFrames(blocks, frames);
    for (const k of map.keys()) if (!(k >= 0 && k < frames)) throw new Unclear(`frame index ${k} outside 0..${frames - 1}`);
  },
  isClear: () => false, // the parser never throws: a file it cannot read simply has no positions
  encode: (i) => i,
  decode: (j) => j as { text: string; frames: number },
};

const EXIF_KEYS = ['latitude', 'longitude', 'GPSLatitude', 'GPSLongitude', 'GPSLatitudeRef', 'GPSLongitudeRef', 'GPSAltitude', 'GPSAltitudeRef', 'RelativeAltitude', 'AbsoluteAltitude', 'GimbalYawDegree', 'FlightYawDegree', 'GPSImgDirection', 'GimbalPitchDegree', 'GimbalRollDegree', 'FocalLengthIn35mmFormat', 'FocalLength', 'FocalPlaneXResolution', 'FocalPlaneResolutionUnit', 'ExifImageWidth'];
const tagValue = fc.oneof(nastyNumber, nastyNumberText, fc.array(nastyNumber, { maxLength: 4 }), fc.constantFrom('N', 'S', 'E', 'W', null, true, undefined), fc.uint8Array({ maxLength: 4 }).map((a) => Array.from(a)));

type ExifInput = { tags: Record<string, unknown> } | { file: { mutations: Mutation[] } | { random: number[] } };

interface ExifCtx {
  dir: string;
  jpeg: Buffer;
  n: number;
}

const DJI_XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description rdf:about="" xmlns:drone-dji="http://www.dji.com/drone-dji/1.0/" drone-dji:RelativeAltitude="+120.50" ' +
  'drone-dji:AbsoluteAltitude="+530.20" drone-dji:GimbalYawDegree="-35.5" drone-dji:GimbalPitchDegree="-45.0"/></rdf:RDF></x:xmpmeta>';

export const exifTarget: FuzzTarget<ExifInput, ExifCtx> = {
  name: 'exif-xmp',
  about: 'EXIF GPS and DJI XMP: random tag objects into telemetryFromExif, mutated JPEG files (EXIF + XMP) into readExifTelemetry',
  async setup() {
    const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#468' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '47/1 22/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '8/1 32/1 3600/100', GPSAltitude: '500/1' } })
      .withXmp(DJI_XMP)
      .toBuffer();
    return { dir: mkdtempSync(join(tmpdir(), 'smgeo-fuzz-exif-')), jpeg, n: 0 };
  },
  async teardown(ctx) {
    rmSync(ctx.dir, { recursive: true, force: true });
  },
  arbitrary: (ctx) =>
    fc.oneof(
      fc.record({ tags: fc.dictionary(fc.oneof(fc.constantFrom(...EXIF_KEYS), fc.string({ maxLength: 6 })), tagValue, { maxKeys: 12 }) }),
      fc.record({ file: bytesArb(ctx.jpeg, 3) }),
    ),
  async run(input, ctx) {
    if ('tags' in input) {
      checkTelemetry(telemetryFromExif(input.tags), 'telemetryFromExif');
      return;
    }
    const file = join(ctx.dir, `f${ctx.n++ % 8}.jpg`);
    writeFileSync(file, bytesOf(ctx.jpeg, input.file));
    checkTelemetry(await readExifTelemetry(file), 'readExifTelemetry');
  },
  isClear: () => false, // metadata that cannot be read means "no telemetry", never an error
  encode: (i) => toJsonSafe(i),
  decode: (j) => fromJsonSafe(j) as ExifInput,
};
