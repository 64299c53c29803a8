import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, writeCsv } from '../../../src/main/export';
import { clockwiseBox } from '../store/sample-object';
import { parseCsv } from './csv-parse';
import { located } from './located';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smgeo-csv-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('CSV export', () => {
  it('quotes fields as RFC 4180 asks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
  });

  it('writes text that a spreadsheet would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("http://x","click")')).toBe(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csvField('+1 tank')).toBe("'+1 tank");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField(-2)).toBe('-2');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('notes with quotes, commas and line breaks survive a round trip', async () => {
    const notes = ['roof "red", walls white', 'line one\r\nline two\nline three', '"', ',,', '', 'ünïcødé 东京'];
    const objs = notes.map((note, i) => located({ note, label: `obj, ${i}` }));
    const file = path.join(dir, 'objects.csv');
    const result = await writeCsv(file, objs);
    expect(result).toEqual({ count: notes.length, path: file });

    const rows = parseCsv(fs.readFileSync(file, 'utf8'));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(notes.length + 1);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    rows.slice(1).forEach((row, i) => {
      expect(row).toHaveLength(CSV_COLUMNS.length);
      expect(row[col('id')]).toBe(objs[i].id);
      expect(row[col('note')]).toBe(notes[i]);
      expect(row[col('label')]).toBe(`obj, ${i}`);
    });
  });

  it('gives the box centre, a counter-clockwise WKT polygon, the chosen score and the model', async () => {
    const o = located({ ring: clockwiseBox(8.5417, 47.3769, 0.0002) });
    const file = path.join(dir, 'objects.csv');
    await writeCsv(file, [o]);
    const [header, row] = parseCsv(fs.readFileSync(file, 'utf8'));
    const get = (name: string) => row[header.indexOf(name)];
    expect(Number(get('centre_lon'))).toBeCloseTo(8.5417, 7);
    expect(Number(get('centre_lat'))).toBeCloseTo(47.3769, 7);
    expect(get('box_wkt')).toBe(
      'POLYGON((8.5415 47.3771, 8.5415 47.3767, 8.5419 47.3767, 8.5419 47.3771, 8.5415 47.3771))',
    );
    expect(get('score')).toBe('0.91');
    expect(get('model_id')).toBe('smgeo-nano-synth-2026.11');
    expect(get('frame_name')).toBe('DJI_0012.jpg');
    expect(get('created_at')).toBe(o.createdAt);
  });

  it('exports accepted and corrected objects by default', async () => {
    const objs = (['accepted', 'corrected', 'pending', 'rejected'] as const).map((status) => located({ status }));
    const file = path.join(dir, 'objects.csv');
    expect((await writeCsv(file, objs)).count).toBe(2);
    expect((await writeCsv(file, objs, { includePending: true, includeRejected: true })).count).toBe(4);
    expect(parseCsv(fs.readFileSync(file, 'utf8'))).toHaveLength(5);
  });
});
