// Coordinate reference systems come from the EPSG index shipped with epsg-index; proj4 does the maths.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import proj4 from 'proj4';

export interface CrsDefinition {
  code: string; // 'EPSG:32632'
  proj4: string;
  geographic: boolean;
  name: string;
}

interface EpsgIndexEntry {
  code: string;
  kind: string;
  name: string;
  proj4: string | null;
}

let epsgDir: string | null = null;

function epsgIndexDir(): string {
  if (!epsgDir) {
    const require = createRequire(import.meta.url);
    epsgDir = join(dirname(require.resolve('epsg-index/package.json')), 's');
  }
  return epsgDir;
}

/** Returns the EPSG definition, or null when the code is not a CRS proj4 can handle. */
export function lookupEpsg(code: number): CrsDefinition | null {
  if (!Number.isInteger(code) || code <= 0) return null;
  const file = join(epsgIndexDir(), `${code}.json`);
  if (!existsSync(file)) return null;
  const entry = JSON.parse(readFileSync(file, 'utf8')) as EpsgIndexEntry;
  if (!entry.proj4 || !/^CRS-(PROJCRS|GEOGCRS|GEOG2DCRS)/.test(entry.kind)) return null;
  return {
    code: `EPSG:${code}`,
    proj4: entry.proj4,
    geographic: /\+proj=longlat\b/.test(entry.proj4),
    name: entry.name,
  };
}

export type PointTransform = (p: [number, number]) => [number, number];

export interface CrsTransforms {
  toLonLat: PointTransform;
  fromLonLat: PointTransform;
}

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

export function crsTransforms(def: CrsDefinition): CrsTransforms {
  const converter = proj4(WGS84, def.proj4);
  return {
    toLonLat: (p) => converter.inverse(p) as [number, number],
    fromLonLat: (p) => converter.forward(p) as [number, number],
  };
}

/** Ground metres per degree of latitude / longitude on the WGS84 ellipsoid (series expansion, < 1 cm error). */
export function metresPerDegree(latDeg: number): { lat: number; lon: number } {
  const f = (latDeg * Math.PI) / 180;
  return {
    lat: 111132.92 - 559.82 * Math.cos(2 * f) + 1.175 * Math.cos(4 * f) - 0.0023 * Math.cos(6 * f),
    lon: 111412.84 * Math.cos(f) - 93.5 * Math.cos(3 * f) + 0.118 * Math.cos(5 * f),
  };
}

/**
 * CRS units per ground metre eastwards and northwards near (X, Y), measured by stepping a short
 * ground distance so it also holds for feet, Web-Mercator scale and geographic degrees.
 */
export function crsUnitsPerMetre(t: CrsTransforms, X: number, Y: number): { east: number; north: number } {
  const [lon, lat] = t.toLonLat([X, Y]);
  const m = metresPerDegree(lat);
  const step = 50; // metres: long enough to avoid round-off, short enough to stay local
  const e = t.fromLonLat([lon + step / m.lon, lat]);
  const n = t.fromLonLat([lon, lat + step / m.lat]);
  return {
    east: Math.hypot(e[0] - X, e[1] - Y) / step,
    north: Math.hypot(n[0] - X, n[1] - Y) / step,
  };
}
