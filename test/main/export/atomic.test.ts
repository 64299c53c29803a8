import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeAtomicFs, writeFileAtomic, type AtomicFs } from '../../../src/main/export';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smgeo-atomic-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** The real file system, except that writes fail with ENOSPC once `budget` bytes are written. */
function diskFullAfter(budget: number): AtomicFs {
  let written = 0;
  return {
    ...nodeAtomicFs,
    async open(file) {
      const real = await nodeAtomicFs.open(file);
      return {
        ...real,
        async write(data) {
          written += Buffer.byteLength(data);
          if (written > budget) throw errno('ENOSPC', 'no space left on device, write');
          await real.write(data);
        },
      };
    },
  };
}

describe('writeFileAtomic', () => {
  it('replaces the file with the complete new content, from a string, a buffer or chunks', async () => {
    const file = path.join(dir, 'export.geojson');
    await writeFileAtomic(file, 'first');
    expect(fs.readFileSync(file, 'utf8')).toBe('first');
    await writeFileAtomic(file, Buffer.from('second'));
    expect(fs.readFileSync(file, 'utf8')).toBe('second');
    await writeFileAtomic(file, ['th', Buffer.from('i'), 'rd']);
    expect(fs.readFileSync(file, 'utf8')).toBe('third');
    expect(fs.readdirSync(dir)).toEqual(['export.geojson']);
  });

  it('a full disk half-way leaves the old file intact, no temporary file, and says which file and why', async () => {
    const file = path.join(dir, 'export.geojson');
    fs.writeFileSync(file, 'the previous export');
    const chunks = Array.from({ length: 10 }, () => 'x'.repeat(1000));
    const failure = writeFileAtomic(file, chunks, diskFullAfter(4500));
    await expect(failure).rejects.toThrow(file);
    await expect(failure).rejects.toThrow(/disk is full/);
    await expect(failure).rejects.toThrow(/previous version of the file was left unchanged/);
    expect(fs.readFileSync(file, 'utf8')).toBe('the previous export');
    expect(fs.readdirSync(dir)).toEqual(['export.geojson']);
  });

  it('a failed rename (no permission) removes the temporary file and keeps the old one', async () => {
    const file = path.join(dir, 'export.csv');
    fs.writeFileSync(file, 'old');
    const io: AtomicFs = {
      ...nodeAtomicFs,
      rename: async () => {
        throw errno('EACCES', 'permission denied, rename');
      },
    };
    await expect(writeFileAtomic(file, 'new', io)).rejects.toThrow(/no permission to write in/);
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['export.csv']);
  });

  it('a folder that does not exist is named in the error', async () => {
    const file = path.join(dir, 'gone', 'export.geojson');
    await expect(writeFileAtomic(file, 'data')).rejects.toThrow(/does not exist/);
    await expect(writeFileAtomic(file, 'data')).rejects.toThrow(file);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });
});
