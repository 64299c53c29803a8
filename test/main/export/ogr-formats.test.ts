// Every export format read back by GDAL/OGR, the reader QGIS and most GIS tools share.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GPKG_LAYER, GPKG_SUMMARY_TABLE, writeCsv, writeGeoJSON, writeGeoPackage, writeKml } from '../../../src/main/export';
import { GDAL_PYTHON, ogrFeatures, ogrSummary, requireOgr } from '../../helpers/ogr';
import { clockwiseBox } from '../store/sample-object';
import { located } from './located';

const run = promisify(execFile);
let dir: string;

const objects = [
  located({ status: 'accepted', label: 'red-roof house', frame: { index: 3, name: 'DJI_0003.jpg' } }),
  located({
    status: 'corrected',
    label: 'barn "north" & silo <2>',
    note: 'moved 3 m east;\nsecond line',
    ring: clockwiseBox(8.55, 47.38),
    correctedFrom: clockwiseBox(8.5499, 47.38),
    frame: { index: 4, name: 'DJI_0004.jpg' },
  }),
  located({ status: 'accepted', label: 'Zürich Brücke', ring: clockwiseBox(8.56, 47.39), telemetry: null }),
  located({ status: 'pending', label: 'not confirmed yet' }),
];
const exported = objects.filter((o) => o.status !== 'pending');

beforeAll(() => {
  requireOgr();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smgeo-ogr-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function featureCount(summary: string, layer?: string): number {
  const part = layer ? summary.slice(summary.indexOf(`Layer name: ${layer}`)) : summary;
  const m = /Feature Count: (\d+)/.exec(part);
  if (!m) throw new Error(`no feature count in:\n${summary}`);
  return Number(m[1]);
}

function expectSameBox(coords: number[][][] | undefined, ring: number[][]): void {
  const xs = (coords?.[0] ?? []).map((p) => p[0]);
  const ys = (coords?.[0] ?? []).map((p) => p[1]);
  expect(Math.min(...xs)).toBeCloseTo(Math.min(...ring.map((p) => p[0])), 7);
  expect(Math.max(...ys)).toBeCloseTo(Math.max(...ring.map((p) => p[1])), 7);
}

describe('exports read by GDAL/OGR', () => {
  it('GeoPackage: valid per the GDAL validator, a polygon layer in EPSG:4326 with the attributes, and the audit summary', async () => {
    const file = path.join(dir, 'objects.gpkg');
    const result = await writeGeoPackage(file, objects, { projectPath: '/projects/zurich.smgeo' });
    expect(result.count).toBe(3);
    // GDAL's own GeoPackage conformance checker (requirement numbers of the OGC spec).
    const validate = await run(GDAL_PYTHON, ['-m', 'osgeo_utils.samples.validate_gpkg', file]);
    expect(validate.stderr).not.toMatch(/Req|error/i);
    const summary = await ogrSummary(file);
    expect(summary).toMatch(new RegExp(`Layer name: ${GPKG_LAYER}[\\s\\S]*Geometry: Polygon`));
    expect(summary).toContain('ID["EPSG",4326]');
    expect(featureCount(summary, GPKG_LAYER)).toBe(3);
    expect(summary).toMatch(/corrected_from_wkt: String/);
    expect(summary).toMatch(/created_at: DateTime/);

    const features = await ogrFeatures(file, path.join(dir, 'from-gpkg.geojson'), [GPKG_LAYER]);
    expect(features.map((f) => f.properties.object_id)).toEqual(exported.map((o) => o.id));
    const barn = features[1];
    expect(barn.properties).toMatchObject({ label: 'barn "north" & silo <2>', note: 'moved 3 m east;\nsecond line', status: 'corrected', corrected: 1 });
    expect(String(barn.properties.corrected_from_wkt)).toMatch(/^POLYGON\(\(8\.5498/);
    expect(features[2].properties).toMatchObject({ label: 'Zürich Brücke', drone_lat: null, telemetry_source: null });
    expect(features[0].properties.score).toBeCloseTo(0.91, 6);
    exported.forEach((o, i) => expectSameBox(features[i].geometry?.coordinates, o.ring));

    const audit = await ogrFeatures(file, path.join(dir, 'summary.geojson'), [GPKG_SUMMARY_TABLE]);
    const kv = Object.fromEntries(audit.map((f) => [f.properties.key, f.properties.value]));
    expect(kv).toMatchObject({ project: '/projects/zurich.smgeo', objects: '3', boxes_moved_by_analyst: '1', status_accepted: '2', status_corrected: '1' });
  });

  it('KML: OGR reads every placemark with its name, box and the thumbnail in the balloon', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#c04020' } }).jpeg().toBuffer();
    const asked: number[] = [];
    const file = path.join(dir, 'objects.kml');
    await writeKml(file, objects, {
      thumbnail: async (index) => {
        asked.push(index);
        return index === 3 ? jpeg : null;
      },
    });
    // One thumbnail per frame, not per object.
    expect(asked.sort((a, b) => a - b)).toEqual([3, 4, 12]);
    const summary = await ogrSummary(file);
    expect(featureCount(summary)).toBe(3);
    const features = await ogrFeatures(file, path.join(dir, 'from-kml.geojson'));
    expect(features.map((f) => f.properties.Name)).toEqual(exported.map((o) => o.label));
    const balloon = (i: number) => String(features[i].properties.description ?? features[i].properties.Description);
    expect(balloon(0)).toContain(`data:image/jpeg;base64,${jpeg.toString('base64')}`);
    expect(balloon(1)).not.toContain('<img');
    // The label's markup is text in the balloon, not HTML.
    expect(balloon(1)).toContain('barn &quot;north&quot; &amp; silo &lt;2&gt;');
    // LIBKML reads the attributes back from ExtendedData.
    expect(features.map((f) => f.properties.object_id)).toEqual(exported.map((o) => o.id));
    expect(features[1].properties).toMatchObject({ status: 'corrected', corrected: '1' });
    exported.forEach((o, i) => expectSameBox(features[i].geometry?.coordinates, o.ring));
  });

  it('GeoJSON: OGR reads the same features and nested attributes', async () => {
    const file = path.join(dir, 'objects.geojson');
    await writeGeoJSON(file, objects);
    expect(featureCount(await ogrSummary(file))).toBe(3);
    const features = await ogrFeatures(file, path.join(dir, 'from-geojson.geojson'));
    expect(features.map((f) => (f as { id?: unknown }).id ?? f.properties.id)).toEqual(exported.map((o) => o.id));
    expect(features.map((f) => f.properties.label)).toEqual(exported.map((o) => o.label));
    exported.forEach((o, i) => expectSameBox(features[i].geometry?.coordinates, o.ring));
  });

  it('CSV: OGR reads one row per object with the WKT box as geometry', async () => {
    const file = path.join(dir, 'objects.csv');
    await writeCsv(file, objects);
    const oo = ['-oo', 'GEOM_POSSIBLE_NAMES=box_wkt', '-oo', 'KEEP_GEOM_COLUMNS=NO', '-s_srs', 'EPSG:4326'];
    expect(featureCount(await ogrSummary(file, ['-oo', 'GEOM_POSSIBLE_NAMES=box_wkt']))).toBe(3);
    const features = await ogrFeatures(file, path.join(dir, 'from-csv.geojson'), oo);
    expect(features.map((f) => f.properties.label)).toEqual(exported.map((o) => o.label));
    expect(features[1].properties.note).toBe('moved 3 m east;\nsecond line');
    exported.forEach((o, i) => expectSameBox(features[i].geometry?.coordinates, o.ring));
  });
});
