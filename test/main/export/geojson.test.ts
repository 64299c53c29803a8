import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check } from '@placemarkio/check-geojson';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { objectsToGeoJSON, writeGeoJSON } from '../../../src/main/export';
import { roundDeg, signedArea2 } from '../../../src/shared/geometry';
import type { LonLat } from '../../../src/main/store';
import { clockwiseBox } from '../store/sample-object';
import { located } from './located';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smgeo-geojson-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const everyStatus = () => [
  located({ status: 'accepted', label: 'accepted one' }),
  located({ status: 'corrected', label: 'corrected one', correctedFrom: clockwiseBox(8.54, 47.37) }),
  located({ status: 'pending', label: 'pending one' }),
  located({ status: 'rejected', label: 'rejected one' }),
];

function allPositions(fc: ReturnType<typeof objectsToGeoJSON>): LonLat[] {
  return fc.features.flatMap((f) => [
    ...(f.geometry.coordinates[0] as LonLat[]),
    ...f.properties.candidates.map((c) => c.centre),
    ...(f.properties.corrected_from ?? []),
  ]);
}

describe('GeoJSON export', () => {
  it('is valid RFC 7946 GeoJSON with counter-clockwise, closed rings and no crs member', () => {
    const fc = objectsToGeoJSON(everyStatus(), { includePending: true, includeRejected: true });
    const text = JSON.stringify(fc);
    expect(() => check(text)).not.toThrow();
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['features', 'type']);
    for (const f of fc.features) {
      const ring = f.geometry.coordinates[0] as LonLat[];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(signedArea2(ring)).toBeGreaterThan(0);
    }
  });

  it('turns a clockwise box counter-clockwise and closes an open one, keeping the same corners', () => {
    const cw = clockwiseBox(8.5417, 47.3769);
    expect(signedArea2(cw)).toBeLessThan(0);
    const open = cw.slice(0, 4);
    const [f] = objectsToGeoJSON([located({ ring: open })]).features;
    const ring = f.geometry.coordinates[0] as LonLat[];
    expect(ring).toHaveLength(5);
    expect(signedArea2(ring)).toBeGreaterThan(0);
    const key = ([lon, lat]: LonLat) => `${roundDeg(lon)},${roundDeg(lat)}`;
    expect(new Set(ring.map(key))).toEqual(new Set(open.map(key)));
  });

  it('keeps a counter-clockwise ring as it is', () => {
    const ccw: LonLat[] = [
      [-73.9801, 40.7499],
      [-73.9799, 40.7499],
      [-73.9799, 40.7501],
      [-73.9801, 40.7501],
      [-73.9801, 40.7499],
    ];
    const [f] = objectsToGeoJSON([located({ ring: ccw })]).features;
    expect(f.geometry.coordinates[0]).toEqual(ccw);
  });

  it('rounds coordinates to 1e-7 degrees and keeps them on the globe', () => {
    const ring: LonLat[] = [
      [179.99999999, -89.123456789],
      [179.99999999, -89.0000000449],
      [-179.999999951, -89.0000000449],
      [179.99999999, -89.123456789],
    ];
    const fc = objectsToGeoJSON([located({ ring, candidates: [], chosen: -1 })]);
    const out = fc.features[0].geometry.coordinates[0] as LonLat[];
    expect(out).toContainEqual([180, -89.1234568]);
    expect(out).toContainEqual([-180, -89]);
    for (const [lon, lat] of allPositions(fc)) {
      expect(Math.abs(lon)).toBeLessThanOrEqual(180);
      expect(Math.abs(lat)).toBeLessThanOrEqual(90);
      expect(Math.round(lon * 1e7) / 1e7).toBe(lon);
      expect(Math.round(lat * 1e7) / 1e7).toBe(lat);
    }
    expect(fc.features[0].properties.score).toBeNull();
  });

  it('exports accepted and corrected objects by default; pending and rejected on request', () => {
    const objs = everyStatus();
    const labels = (o?: Parameters<typeof objectsToGeoJSON>[1]) => objectsToGeoJSON(objs, o).features.map((f) => f.properties.label);
    expect(labels()).toEqual(['accepted one', 'corrected one']);
    expect(labels({ includePending: true })).toEqual(['accepted one', 'corrected one', 'pending one']);
    expect(labels({ includeRejected: true })).toEqual(['accepted one', 'corrected one', 'rejected one']);
  });

  it('carries the whole audit trail in the properties', () => {
    const o = everyStatus()[1];
    const p = objectsToGeoJSON([o]).features[0].properties;
    expect(p).toMatchObject({
      id: o.id,
      status: 'corrected',
      label: 'corrected one',
      frame: { index: 12, name: 'DJI_0012.jpg' },
      click: { x: 640.5, y: 360.25 },
      telemetry: { lat: 47.3771, lon: 8.5413, alt_m: 120, heading_deg: 35, pitch_deg: -45, source: 'srt' },
      search_centre: { lon: 8.5413, lat: 47.3771, source: 'telemetry' },
      chip: { mosaic_path: '/data/zurich.tif', crs: 'EPSG:2056', bounds: [2683000, 1247000, 2683256, 1247256], gsd_m: 1, size: 256 },
      model: { id: 'smgeo-nano-synth-2026.11', sha256: 'ab'.repeat(32), provider: 'cpu' },
      score: 0.91,
      chosen: 0,
      created_at: o.createdAt,
      updated_at: o.updatedAt,
    });
    expect(p.candidates.map((c) => [c.score, c.chip_box])).toEqual([
      [0.91, [100, 110, 130, 140]],
      [0.42, [10, 20, 40, 50]],
    ]);
    expect(p.corrected_from).toHaveLength(5);
    expect(objectsToGeoJSON([located({ telemetry: null })]).features[0].properties.telemetry).toBeNull();
  });

  it('writes the same document it builds, atomically, reporting the count', async () => {
    // More than one 2000-feature chunk, so the joins between chunks are exercised.
    const objs = Array.from({ length: 2100 }, (_, i) => located({ label: `house ${i}`, note: i % 7 === 0 ? 'a "quoted",\nnote' : '' }));
    objs.push(located({ status: 'rejected' }));
    const file = path.join(dir, 'out.geojson');
    fs.writeFileSync(file, 'old export');
    const result = await writeGeoJSON(file, objs);
    expect(result).toEqual({ count: 2100, path: file });
    expect(fs.readFileSync(file, 'utf8')).toBe(`${JSON.stringify(objectsToGeoJSON(objs))}\n`);
    expect(fs.readdirSync(dir)).toEqual(['out.geojson']);
  });

  it('refuses an object off the globe, naming it, and leaves the earlier export untouched', async () => {
    const bad = located({ ring: [[190, 10], [191, 10], [191, 11], [190, 10]] });
    expect(() => objectsToGeoJSON([bad])).toThrow(bad.id);
    const file = path.join(dir, 'out.geojson');
    fs.writeFileSync(file, 'old export');
    await expect(writeGeoJSON(file, [located(), bad])).rejects.toThrow(bad.id);
    expect(fs.readFileSync(file, 'utf8')).toBe('old export');
    expect(fs.readdirSync(dir)).toEqual(['out.geojson']);
  });
});
