import { describe, expect, it } from 'vitest';
import { estimateLookAt, lookAtDistanceM } from '../../../src/main/localize/lookat';

/** Equirectangular metres between two nearby points (enough at 100 m scale). */
function metresEastNorth(a: { lon: number; lat: number }, b: { lon: number; lat: number }): [number, number] {
  const r = 6_371_008.8;
  const rad = Math.PI / 180;
  return [(b.lon - a.lon) * rad * r * Math.cos(a.lat * rad), (b.lat - a.lat) * rad * r];
}

describe('where the camera looks', () => {
  const drone = { lat: 47.3769, lon: 8.5417, source: 'srt' as const };

  it('a nadir camera looks at the point below the drone', () => {
    const p = estimateLookAt({ ...drone, altM: 120, headingDeg: 35, pitchDeg: -90 });
    expect(p.lon).toBeCloseTo(drone.lon, 9);
    expect(p.lat).toBeCloseTo(drone.lat, 9);
  });

  it('missing altitude, heading or pitch falls back to the drone position', () => {
    expect(estimateLookAt({ ...drone, headingDeg: 90, pitchDeg: -45 })).toEqual({ lon: drone.lon, lat: drone.lat });
    expect(estimateLookAt({ ...drone, altM: 100, pitchDeg: -45 })).toEqual({ lon: drone.lon, lat: drone.lat });
    expect(estimateLookAt({ ...drone, altM: 100, headingDeg: 90 })).toEqual({ lon: drone.lon, lat: drone.lat });
  });

  it('pitch −45° at 100 m heading east looks about 100 m east', () => {
    const p = estimateLookAt({ ...drone, altM: 100, headingDeg: 90, pitchDeg: -45 });
    const [e, n] = metresEastNorth(drone, p);
    expect(e).toBeCloseTo(100, 0);
    expect(Math.abs(n)).toBeLessThan(0.5);
  });

  it('heading south at −60° pitch looks alt·tan(30°) south', () => {
    const p = estimateLookAt({ ...drone, altM: 200, headingDeg: 180, pitchDeg: -60 });
    const [e, n] = metresEastNorth(drone, p);
    expect(n).toBeCloseTo(-200 * Math.tan(Math.PI / 6), 0);
    expect(Math.abs(e)).toBeLessThan(0.5);
  });

  it('a near-horizontal or upward camera is clamped to three altitudes away', () => {
    expect(lookAtDistanceM(100, -1)).toBe(300);
    expect(lookAtDistanceM(100, 0)).toBe(300);
    expect(lookAtDistanceM(100, 10)).toBe(300);
    expect(lookAtDistanceM(100, -80)).toBeCloseTo(100 * Math.tan((10 * Math.PI) / 180), 9);
  });
});
