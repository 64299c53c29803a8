// Fixture makers for tests and benches: raw pixels are written as an ENVI file, then turned into
// GeoTIFFs by the real GDAL command-line tools so that fixtures look like what analysts bring.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export function hasGdal(): boolean {
  try {
    execFileSync('gdal_translate', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The cross-checks against GDAL's own readings fail (never skip) where its tools are missing. */
export const GDAL_INSTALL_LINE = 'sudo apt-get install gdal-bin';

export function makeTmpDir(prefix = 'smgeo-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function gdal(tool: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(tool, args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    throw gdalError(tool, err);
  }
}

function gdalError(tool: string, err: unknown): unknown {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return err;
  return new Error(`${tool} (GDAL) is not installed; this test checks the app against GDAL. Install it: ${GDAL_INSTALL_LINE}`);
}

/** A deterministic pattern whose every pixel differs from its neighbours, so window reads can be checked exactly. */
export function patternPixel(x: number, y: number): [number, number, number] {
  return [(x * 7 + y * 3) & 255, (x * 5 + y * 11 + 40) & 255, (x * 13 + y * 17 + 90) & 255];
}

export function patternImage(width: number, height: number, bands = 3): Uint8Array {
  const data = new Uint8Array(width * height * bands);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = patternPixel(x, y);
      const o = (y * width + x) * bands;
      for (let b = 0; b < bands; b++) data[o + b] = b < 3 ? p[b] : 255;
    }
  }
  return data;
}

/** Writes band-interleaved-by-pixel samples as an ENVI raster GDAL can read. */
export function writeEnvi(
  dir: string,
  name: string,
  data: Uint8Array | Uint16Array,
  width: number,
  height: number,
  bands: number,
): string {
  const path = join(dir, `${name}.raw`);
  const bytes = data instanceof Uint16Array ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
  writeFileSync(path, bytes);
  const dataType = data instanceof Uint16Array ? 12 : 1;
  writeFileSync(
    join(dir, `${name}.hdr`),
    [
      'ENVI',
      `samples = ${width}`,
      `lines = ${height}`,
      `bands = ${bands}`,
      'header offset = 0',
      'file type = ENVI Standard',
      `data type = ${dataType}`,
      'interleave = bip',
      'byte order = 0',
      '',
    ].join('\n'),
  );
  return path;
}

export interface GeoTiffOptions {
  srs?: string; // e.g. 'EPSG:32632'; omitted = no georeferencing
  ullr?: [number, number, number, number];
  creation?: string[]; // -co values
  format?: 'GTiff' | 'COG';
  extra?: string[];
}

export async function translate(src: string, dst: string, o: GeoTiffOptions): Promise<string> {
  const args = ['-q', '-of', o.format ?? 'GTiff'];
  if (o.srs) args.push('-a_srs', o.srs);
  if (o.ullr) args.push('-a_ullr', ...o.ullr.map(String));
  for (const c of o.creation ?? []) args.push('-co', c);
  args.push(...(o.extra ?? []), src, dst);
  await gdal('gdal_translate', args);
  return dst;
}

export async function addOverviews(path: string, levels: number[] = [2, 4, 8]): Promise<void> {
  await gdal('gdaladdo', ['-q', '-r', 'average', path, ...levels.map(String)]);
}

export interface GdalInfo {
  size: [number, number];
  geoTransform: number[];
  cornerCoordinates: Record<string, [number, number]>;
  wgs84Extent?: { coordinates: number[][][] };
  bands: unknown[];
}

export async function gdalInfo(path: string): Promise<GdalInfo> {
  return JSON.parse(await gdal('gdalinfo', ['-json', path])) as GdalInfo;
}

/** Transforms points with gdaltransform (reference values independent of proj4js). */
export async function gdalTransform(sSrs: string, tSrs: string, points: [number, number][]): Promise<[number, number][]> {
  const out = await new Promise<string>((resolve, reject) => {
    const child = execFile('gdaltransform', ['-s_srs', sSrs, '-t_srs', tSrs, '-output_xy'], (err, stdout) =>
      err ? reject(gdalError('gdaltransform', err)) : resolve(stdout),
    );
    child.stdin?.end(points.map((p) => `${p[0]} ${p[1]}`).join('\n') + '\n');
  });
  return out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
}
