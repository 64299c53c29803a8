/**
 * Coordinates as analysts read them: decimal lat/lon, UTM (zone, easting, northing) and MGRS.
 * proj4 does the UTM projection and the `mgrs` package the MGRS grid, so neither is hand-rolled.
 */
import { forward as mgrsForward } from 'mgrs';
import proj4 from 'proj4';

export type CoordinateFormat = 'lonlat' | 'utm' | 'mgrs';
export const COORDINATE_FORMATS: CoordinateFormat[] = ['lonlat', 'utm', 'mgrs'];
export const FORMAT_NAMES: Record<CoordinateFormat, string> = { lonlat: 'Lat/Lon', utm: 'UTM', mgrs: 'MGRS' };

export function nextFormat(f: CoordinateFormat): CoordinateFormat {
  return COORDINATE_FORMATS[(COORDINATE_FORMATS.indexOf(f) + 1) % COORDINATE_FORMATS.length];
}

/** The UTM zone of a point, with the Norway (32V) and Svalbard (31X–37X) exceptions of the grid. */
export function utmZone(lon: number, lat: number): number {
  if (lat >= 56 && lat < 64 && lon >= 3 && lon < 12) return 32;
  if (lat >= 72 && lat < 84) {
    if (lon >= 0 && lon < 9) return 31;
    if (lon >= 9 && lon < 21) return 33;
    if (lon >= 21 && lon < 33) return 35;
    if (lon >= 33 && lon < 42) return 37;
  }
  return Math.min(60, Math.floor((lon + 180) / 6) + 1);
}

const BANDS = 'CDEFGHJKLMNPQRSTUVWX';
function latitudeBand(lat: number): string {
  return BANDS[Math.min(BANDS.length - 1, Math.max(0, Math.floor((lat + 80) / 8)))];
}

const projections = new Map<string, proj4.Converter>();
function utmProjection(zone: number, south: boolean): proj4.Converter {
  const key = `${zone}${south ? 'S' : 'N'}`;
  let p = projections.get(key);
  if (!p) {
    p = proj4('EPSG:4326', `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`);
    projections.set(key, p);
  }
  return p;
}

export interface Utm {
  zone: number;
  band: string;
  easting: number;
  northing: number;
}

/** UTM covers 80° S to 84° N; the polar caps use another grid (UPS), which this does not give. */
export function toUtm(lon: number, lat: number): Utm | null {
  if (!(lat >= -80 && lat <= 84) || !Number.isFinite(lon)) return null;
  const zone = utmZone(lon, lat);
  const [easting, northing] = utmProjection(zone, lat < 0).forward([lon, lat]);
  return { zone, band: latitudeBand(lat), easting, northing };
}

export function formatCoordinates(lon: number, lat: number, format: CoordinateFormat): string {
  if (format === 'utm') {
    const u = toUtm(lon, lat);
    return u ? `${u.zone}${u.band} ${Math.round(u.easting)} E ${Math.round(u.northing)} N` : 'outside the UTM grid (polar)';
  }
  if (format === 'mgrs') {
    try {
      // 5 digits: a 1 m square.
      const m = mgrsForward([lon, lat], 5);
      const parts = /^(\d{1,2}[A-Z])([A-Z]{2})(\d{5})(\d{5})$/.exec(m);
      return parts ? `${parts[1]} ${parts[2]} ${parts[3]} ${parts[4]}` : m;
    } catch {
      return 'outside the MGRS grid (polar)';
    }
  }
  return `${lat.toFixed(6)}, ${lon.toFixed(6)}`;
}
