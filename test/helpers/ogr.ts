// GDAL/OGR command-line tools as an independent reader of what the exports write. A machine without
// them fails the test with the line that installs them, instead of skipping the check.
import { execFileSync } from 'node:child_process';
import { gdal } from './gdal';

export const GDAL_INSTALL_LINE = 'sudo apt-get install gdal-bin python3-gdal (Debian/Ubuntu) or brew install gdal (macOS)';

/** Debian's python3-gdal installs into the system Python, which a pyenv or venv python3 does not see. */
export const GDAL_PYTHON = process.platform === 'linux' ? '/usr/bin/python3' : 'python3';

export function requireOgr(): void {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    execFileSync(GDAL_PYTHON, ['-c', 'import osgeo_utils.samples.validate_gpkg'], { stdio: 'ignore' });
  } catch {
    throw new Error(`GDAL (ogrinfo and its Python bindings) is not installed; these tests read every export format with it. Install it: ${GDAL_INSTALL_LINE}`);
  }
}

/** `ogrinfo -ro -al -so`: layer names, feature counts and field definitions. */
export function ogrSummary(file: string, extra: string[] = []): Promise<string> {
  return gdal('ogrinfo', ['-ro', '-al', '-so', ...extra, file]);
}

export interface OgrFeature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: number[][][] } | null;
}

/** The file converted by ogr2ogr to GeoJSON (lon/lat), as OGR reads it. */
export async function ogrFeatures(file: string, outFile: string, extra: string[] = []): Promise<OgrFeature[]> {
  await gdal('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', outFile, file, ...extra]);
  const { readFileSync } = await import('node:fs');
  return (JSON.parse(readFileSync(outFile, 'utf8')) as { features: OgrFeature[] }).features;
}
