import type { LonLat, NewLocatedObject } from '../../../src/main/store';

/** A box around (lon, lat), `halfDeg` wide each way, listed clockwise as image-space boxes are. */
export function clockwiseBox(lon: number, lat: number, halfDeg = 0.0001): LonLat[] {
  return [
    [lon - halfDeg, lat + halfDeg],
    [lon + halfDeg, lat + halfDeg],
    [lon + halfDeg, lat - halfDeg],
    [lon - halfDeg, lat - halfDeg],
    [lon - halfDeg, lat + halfDeg],
  ];
}

/** A located object as the localize step produces it: a red-roof house near Zurich. */
export function sampleObject(overrides: Partial<NewLocatedObject> = {}): NewLocatedObject {
  const lon = 8.5417;
  const lat = 47.3769;
  return {
    status: 'pending',
    frame: { index: 12, name: 'DJI_0012.jpg' },
    click: { x: 640.5, y: 360.25 },
    telemetry: { lat: 47.3771, lon: 8.5413, altM: 120, headingDeg: 35, pitchDeg: -45, source: 'srt' },
    searchCentre: { lon: 8.5413, lat: 47.3771, source: 'telemetry' },
    chip: { mosaicPath: '/data/zurich.tif', crs: 'EPSG:2056', bounds: [2683000, 1247000, 2683256, 1247256], gsdM: 1, size: 256 },
    model: { id: 'smgeo-nano-synth-2026.11', sha256: 'ab'.repeat(32), provider: 'cpu' },
    candidates: [
      { score: 0.91, chipBox: [100, 110, 130, 140], ring: clockwiseBox(lon, lat) },
      { score: 0.42, chipBox: [10, 20, 40, 50], ring: clockwiseBox(lon + 0.001, lat - 0.001) },
    ],
    chosen: 0,
    ring: clockwiseBox(lon, lat),
    correctedFrom: null,
    label: 'red-roof house',
    note: '',
    ...overrides,
  };
}
