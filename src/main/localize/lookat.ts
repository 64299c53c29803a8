/** Where the drone camera looks, from telemetry alone (flat ground). */
import type { TelemetryView } from '../../shared/api';

export type LookAtTelemetry = Pick<TelemetryView, 'lat' | 'lon' | 'altM' | 'headingDeg' | 'pitchDeg'>;

const EARTH_RADIUS_M = 6_371_008.8;
/** Near the horizon the flat-ground ray runs off to infinity; beyond this the guess is worthless anyway. */
const MAX_RANGE_IN_ALTITUDES = 3;

/** Ground distance from the point below the drone to where the camera's centre ray meets flat ground. */
export function lookAtDistanceM(altM: number, pitchDeg: number): number {
  const maxRange = MAX_RANGE_IN_ALTITUDES * altM;
  // At or above the horizon the ray never meets the ground: the farthest sensible point.
  if (pitchDeg >= 0) return maxRange;
  const d = altM * Math.tan(((90 + pitchDeg) * Math.PI) / 180);
  return Math.min(Math.max(d, 0), maxRange);
}

/** Destination on a sphere from a start point, a bearing (clockwise from north) and a distance. */
export function offsetLonLat(lon: number, lat: number, bearingDeg: number, distanceM: number): { lon: number; lat: number } {
  const rad = Math.PI / 180;
  const delta = distanceM / EARTH_RADIUS_M;
  const theta = bearingDeg * rad;
  const phi1 = lat * rad;
  const lambda1 = lon * rad;
  const sinPhi2 = Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta);
  const phi2 = Math.asin(sinPhi2);
  const lambda2 = lambda1 + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1), Math.cos(delta) - Math.sin(phi1) * sinPhi2);
  return { lon: ((((lambda2 / rad) + 540) % 360) - 180), lat: phi2 / rad };
}

/**
 * The ground point of the camera centre ray. Without altitude, heading or pitch (or looking
 * straight down) the best guess is the drone's own position.
 */
export function estimateLookAt(t: LookAtTelemetry): { lon: number; lat: number } {
  const { altM, headingDeg, pitchDeg } = t;
  if (altM === undefined || headingDeg === undefined || pitchDeg === undefined) return { lon: t.lon, lat: t.lat };
  if (!Number.isFinite(altM) || !Number.isFinite(headingDeg) || !Number.isFinite(pitchDeg) || altM <= 0) return { lon: t.lon, lat: t.lat };
  const distance = lookAtDistanceM(altM, pitchDeg);
  if (distance === 0) return { lon: t.lon, lat: t.lat };
  return offsetLonLat(t.lon, t.lat, headingDeg, distance);
}
