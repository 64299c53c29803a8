import type { TelemetryView } from '../../shared/api';

/**
 * Where the drone was when a frame was taken (the API's Telemetry). `altM` is the height above the
 * take-off point when the source gives it (DJI rel_alt / RelativeAltitude), else the GPS altitude.
 */
export type Telemetry = TelemetryView;

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A position is usable when it is on the globe and not the 0,0 DJI writes before a GPS fix. */
export function isUsablePosition(lat: number | undefined, lon: number | undefined): boolean {
  if (lat === undefined || lon === undefined) return false;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return false;
  return !(lat === 0 && lon === 0);
}

export function normaliseHeading(deg: number): number {
  return ((deg % 360) + 360) % 360;
}
