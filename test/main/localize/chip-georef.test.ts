import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { chipBounds } from '../../../src/main/localize/chip';
import { boundsToLonLat, boxToLonLatRing, chipPxToCrs } from '../../../src/main/localize/georef';

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';
const UTM32 = '+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs';

/** A mosaic fake in UTM 32N; ground metres = grid metres / 0.9996-ish, measured like the mosaic module does. */
function utmMosaic() {
  const conv = proj4(WGS84, UTM32);
  return {
    lonLatToCrs: (lon: number, lat: number) => conv.forward([lon, lat]) as [number, number],
    crsToLonLat: (X: number, Y: number) => conv.inverse([X, Y]) as [number, number],
    metresToCrsUnits: () => 1.0004,
  };
}

/** A geographic (EPSG:4326) fake: degrees per metre differ east and north. */
function geographicMosaic(lat0: number) {
  const north = 1 / 111_132;
  const east = north / Math.cos((lat0 * Math.PI) / 180);
  return {
    lonLatToCrs: (lon: number, lat: number) => [lon, lat] as [number, number],
    crsToLonLat: (X: number, Y: number) => [X, Y] as [number, number],
    metresToCrsUnits: () => east,
    metresToCrsUnitsXY: (): [number, number] => [east, north],
  };
}

describe('reference chip bounds', () => {
  it('on a UTM mosaic, a 256 px chip at 1 m/px spans 256 ground metres around the centre', () => {
    const mosaic = utmMosaic();
    const centre = { lon: 8.5417, lat: 47.3769 };
    const [minX, minY, maxX, maxY] = chipBounds(mosaic, centre, 256, 1);
    const [X, Y] = mosaic.lonLatToCrs(centre.lon, centre.lat);
    expect(maxX - minX).toBeCloseTo(256 * 1.0004, 6);
    expect(maxY - minY).toBeCloseTo(256 * 1.0004, 6);
    expect((minX + maxX) / 2).toBeCloseTo(X, 6);
    expect((minY + maxY) / 2).toBeCloseTo(Y, 6);
  });

  it('on a geographic mosaic, the chip is wider in degrees of longitude than of latitude', () => {
    const lat = 60;
    const [minX, minY, maxX, maxY] = chipBounds(geographicMosaic(lat), { lon: 10, lat }, 512, 0.5);
    expect((maxY - minY) * 111_132).toBeCloseTo(256, 6);
    expect((maxX - minX) / (maxY - minY)).toBeCloseTo(2, 6); // 1 / cos 60°
    expect((minX + maxX) / 2).toBeCloseTo(10, 12);
  });

  it('refuses a chip of no size', () => {
    expect(() => chipBounds(utmMosaic(), { lon: 8, lat: 47 }, 0, 1)).toThrow(/not a valid chip/);
  });
});

describe('chip pixels on the map', () => {
  const bounds: [number, number, number, number] = [1000, 2000, 1256, 2256];

  it('pixel (0,0) is the north-west corner and (R,R) the south-east', () => {
    expect(chipPxToCrs(bounds, 256, 0, 0)).toEqual([1000, 2256]);
    expect(chipPxToCrs(bounds, 256, 256, 256)).toEqual([1256, 2000]);
    expect(chipPxToCrs(bounds, 256, 64, 32)).toEqual([1064, 2224]);
  });

  it('a box becomes a closed counter-clockwise lon/lat ring', () => {
    const identity = { crsToLonLat: (X: number, Y: number) => [X, Y] as [number, number] };
    const ring = boxToLonLatRing(identity, bounds, 256, [10, 20, 50, 40]);
    expect(ring).toEqual([[1010, 2216], [1050, 2216], [1050, 2236], [1010, 2236], [1010, 2216]]);
    let twiceArea = 0;
    for (let i = 0; i + 1 < ring.length; i++) twiceArea += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
    expect(twiceArea).toBeGreaterThan(0); // positive shoelace area = counter-clockwise
  });

  it('a UTM chip maps to lon/lat bounds around its centre', () => {
    const mosaic = utmMosaic();
    const centre = { lon: 8.5417, lat: 47.3769 };
    const b = chipBounds(mosaic, centre, 256, 1);
    const [w, s, e, n] = boundsToLonLat(mosaic, b);
    expect(w).toBeLessThan(centre.lon);
    expect(e).toBeGreaterThan(centre.lon);
    expect(s).toBeLessThan(centre.lat);
    expect(n).toBeGreaterThan(centre.lat);
    expect((n - s) * 111_132).toBeCloseTo(256 * 1.0004, -1);
    const ring = boxToLonLatRing(mosaic, b, 256, [96, 96, 160, 160]);
    expect((ring[0]![0] + ring[2]![0]) / 2).toBeCloseTo(centre.lon, 5);
    expect((ring[0]![1] + ring[2]![1]) / 2).toBeCloseTo(centre.lat, 5);
  });
});
