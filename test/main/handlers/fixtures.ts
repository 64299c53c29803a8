// A temporary world for handler tests: user-data folder, frames made with sharp, a GeoTIFF
// (test/helpers/tiff-writer.ts), and a Session wired like the app's.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { dispatch, Session, type SessionOptions } from '../../../src/main/handlers';
import { channels, type Channel, type Input, type Output } from '../../../src/shared/api';
import type { ApiErrorBody } from '../../../src/shared/errors';
import { describeIssues } from '../../../src/shared/issues';
import { patternImage } from '../../helpers/gdal';
import { writeTiff } from '../../helpers/tiff-writer';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The tiny exported model; SMGEO_TEST_MODEL points elsewhere while the fixture is not committed. */
export function tinyModelDir(): string | null {
  const dir = process.env.SMGEO_TEST_MODEL ?? join(REPO_ROOT, 'test/fixtures/model-tiny');
  return existsSync(join(dir, 'model_card.json')) ? dir : null;
}

export interface TestSession {
  session: Session;
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  fail(channel: string, input: unknown): Promise<ApiErrorBody>;
}

export function makeSession(root: string, options: Partial<SessionOptions> = {}): TestSession {
  const userData = join(root, 'user-data');
  const resources = join(root, 'resources');
  mkdirSync(userData, { recursive: true });
  mkdirSync(resources, { recursive: true });
  const session = new Session({ userDataDir: userData, resourcesDir: resources, modelThreads: 1, ...options });
  return {
    session,
    async call(channel, input) {
      const r = await dispatch(session, channel, input);
      if (!r.ok) throw new Error(`${channel} failed: [${r.error.code}] ${r.error.message}`);
      return checkedOutput(channel, r.value);
    },
    async fail(channel, input) {
      const r = await dispatch(session, channel, input);
      if (r.ok) throw new Error(`${channel} was expected to fail but returned ${JSON.stringify(r.value).slice(0, 200)}`);
      return r.error;
    },
  };
}

/**
 * A handler's result as the window receives it, after checking it against the channel's output
 * schema: the renderer trusts those types without parsing, so a drift fails here.
 */
export function checkedOutput<C extends Channel>(channel: C, value: unknown): Output<C> {
  const parsed = channels[channel].output.safeParse(value);
  if (!parsed.success) throw new Error(`${channel} returned what its output schema refuses: ${describeIssues(parsed.error)}`);
  return value as Output<C>;
}

export const FRAME_W = 320;
export const FRAME_H = 240;

/** JPEG frames with distinct colours, and optionally a DJI .SRT with one block per frame. */
export async function makeFramesFolder(
  dir: string,
  count: number,
  positions?: { lon: number; lat: number }[],
  camera: { pitchDeg?: number } = {},
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    await sharp({ create: { width: FRAME_W, height: FRAME_H, channels: 3, background: { r: 40 * i, g: 120, b: 200 - 30 * i } } })
      .jpeg()
      .toFile(join(dir, `frame_${i + 1}.jpg`));
  }
  if (positions) {
    const blocks = positions.map(
      (p, i) =>
        `${i + 1}\n00:00:0${i},000 --> 00:00:0${i + 1},000\n<font size="28">FrameCnt: ${i + 1}\n[latitude: ${p.lat}] [longitude: ${p.lon}] [rel_alt: 100.0 abs_alt: 500.0] [gb_yaw: 0.0 gb_pitch: ${(camera.pitchDeg ?? -90).toFixed(1)}]</font>\n`,
    );
    writeFileSync(join(dir, 'flight.SRT'), blocks.join('\n'));
  }
  return dir;
}

/** UTM 32N, 1 m pixels, 600×600, upper-left at (500000, 5200000): around 9.0°E 46.95°N. */
export const MOSAIC = { srs: 'EPSG:32632', size: 600, ullr: [500000, 5200000, 500600, 5199400] as [number, number, number, number] };
/** A point well inside MOSAIC. */
export const INSIDE_MOSAIC = { lon: 9.003942, lat: 46.950829 };

export async function makeMosaic(dir: string, name = 'mosaic'): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const raster = { width: MOSAIC.size, height: MOSAIC.size, bands: 3 as const, data: patternImage(MOSAIC.size, MOSAIC.size, 3) };
  return writeTiff(join(dir, `${name}.tif`), raster, { geo: { srs: MOSAIC.srs, ullr: MOSAIC.ullr }, tile: 256 });
}
