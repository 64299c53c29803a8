import { describe, expect, it } from 'vitest';
import { formatCoordinates, nextFormat, toUtm, utmZone } from '../../src/renderer/lib/coordinates';

// Points: the sample project's first drone position (Hesse, Germany: UTM 32U), the Statue of
// Liberty (18T) and Sydney Opera House (56H, southern hemisphere).
describe('coordinates', () => {
  it('lat/lon in decimal degrees, latitude first', () => {
    expect(formatCoordinates(9.36538, 50.818054, 'lonlat')).toBe('50.818054, 9.365380');
  });

  it('UTM: zone and band, easting and northing in metres', () => {
    const u = toUtm(9.36538, 50.818054)!;
    expect(u.zone).toBe(32);
    expect(u.band).toBe('U');
    // 9.365° E is 0.365° east of zone 32's central meridian (9° E): about 25.7 km at 50.8° N.
    expect(u.easting).toBeGreaterThan(525_000);
    expect(u.easting).toBeLessThan(526_500);
    expect(formatCoordinates(9.36538, 50.818054, 'utm')).toMatch(/^32U 52\d{4} E 56\d{5} N$/);
    expect(formatCoordinates(-74.0445, 40.6892, 'utm')).toMatch(/^18T 58\d{4} E 450\d{4} N$/);
    // Southern hemisphere: false northing of 10,000 km.
    expect(toUtm(151.2153, -33.8568)!.northing).toBeGreaterThan(6_000_000);
  });

  it('UTM zones follow the Norway and Svalbard exceptions', () => {
    expect(utmZone(5, 60)).toBe(32);
    expect(utmZone(5, 50)).toBe(31);
    expect(utmZone(10, 78)).toBe(33);
  });

  it('MGRS to the metre, grouped for reading', () => {
    const m = formatCoordinates(9.36538, 50.818054, 'mgrs');
    expect(m).toMatch(/^32U [A-Z]{2} \d{5} \d{5}$/);
    // The MGRS easting/northing digits are the UTM ones within the 100 km square.
    const u = toUtm(9.36538, 50.818054)!;
    const [, , e, n] = m.split(' ');
    expect(Number(e)).toBe(Math.floor(u.easting) % 100_000);
    expect(Number(n)).toBe(Math.floor(u.northing) % 100_000);
  });

  it('says so at the poles instead of giving a wrong grid reference', () => {
    expect(formatCoordinates(0, 89, 'utm')).toMatch(/polar/);
    expect(formatCoordinates(0, 89, 'mgrs')).toMatch(/polar/);
  });

  it('G cycles lat/lon → UTM → MGRS → lat/lon', () => {
    expect(nextFormat('lonlat')).toBe('utm');
    expect(nextFormat('utm')).toBe('mgrs');
    expect(nextFormat('mgrs')).toBe('lonlat');
  });
});
