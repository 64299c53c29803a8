import type { ObjectView } from '../../src/shared/api';

const ring: [number, number][] = [
  [8.5, 47.4],
  [8.501, 47.4],
  [8.501, 47.399],
  [8.5, 47.399],
  [8.5, 47.4],
];

/** A located object for renderer tests; only the fields a test cares about need giving. */
export function objectView(o: Partial<ObjectView> & { id: string }): ObjectView {
  return {
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    status: 'pending',
    frame: { index: 0, name: 'frame_0001.jpg' },
    click: { x: 10, y: 10 },
    telemetry: null,
    searchCentre: { lon: 8.5, lat: 47.4, source: 'user' },
    chip: { mosaicPath: '/m.tif', crs: 'EPSG:32632', bounds: [0, 0, 256, 256], gsdM: 1, size: 256 },
    model: { id: 'nano-1', sha256: 'ab', provider: 'cpu' },
    candidates: [{ score: 0.5, chipBox: [0, 0, 1, 1], ring }],
    chosen: 0,
    ring,
    correctedFrom: null,
    label: '',
    note: '',
    ...o,
  };
}
