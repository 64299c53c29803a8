// Walks a TIFF's image file directories before geotiff.js parses them. geotiff.js trusts the
// counts and offsets it reads: a 100-byte file whose tag claims a billion values makes it allocate
// and loop for many seconds. Every directory and every value it points to must lie inside the file.
import type { FileHandle } from 'node:fs/promises';

/** Bytes per value of each TIFF field type (TIFF 6.0 and BigTIFF). */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };
/** Far more than any mosaic has (full resolution, overviews, masks). */
const MAX_DIRECTORIES = 256;

async function readAt(fh: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, offset);
  return buf.subarray(0, bytesRead);
}

/** Returns null when the structure is sound, else what is wrong (for the "damaged" message). */
export async function checkTiffStructure(fh: FileHandle, size: number): Promise<string | null> {
  const head = await readAt(fh, 0, 16);
  if (head.length < 8) return 'the header is cut short';
  const le = head[0] === 0x49;
  const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const u64 = (b: Buffer, o: number) => Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o));
  const big = u16(head, 2) === 43;
  if (big && head.length < 16) return 'the BigTIFF header is cut short';
  const entrySize = big ? 20 : 12;
  const inline = big ? 8 : 4;
  let offset = big ? u64(head, 8) : u32(head, 4);
  const seen = new Set<number>();
  while (offset !== 0) {
    if (seen.has(offset)) return `image directory at byte ${offset} is listed twice (a loop)`;
    if (seen.size >= MAX_DIRECTORIES) return `more than ${MAX_DIRECTORIES} image directories`;
    seen.add(offset);
    const countBytes = big ? 8 : 2;
    if (offset + countBytes > size) return `an image directory starts at byte ${offset}, past the end of the file (${size} bytes)`;
    const countBuf = await readAt(fh, offset, countBytes);
    const n = big ? u64(countBuf, 0) : u16(countBuf, 0);
    const end = offset + countBytes + n * entrySize + (big ? 8 : 4);
    if (n === 0 || end > size) return `the image directory at byte ${offset} claims ${n} entries, which do not fit in the file`;
    const dir = await readAt(fh, offset + countBytes, n * entrySize + (big ? 8 : 4));
    for (let i = 0; i < n; i++) {
      const e = i * entrySize;
      const tag = u16(dir, e);
      const type = u16(dir, e + 2);
      const count = big ? u64(dir, e + 4) : u32(dir, e + 8 - 4);
      const typeSize = TYPE_SIZE[type];
      if (typeSize === undefined) return `tag ${tag} has the unknown field type ${type}`;
      const bytes = typeSize * count;
      if (bytes <= inline) continue;
      const valueOffset = big ? u64(dir, e + 12) : u32(dir, e + 8);
      if (valueOffset + bytes > size) return `tag ${tag} claims ${count} values at byte ${valueOffset}, past the end of the file (${size} bytes)`;
    }
    offset = big ? u64(dir, n * entrySize) : u32(dir, n * entrySize);
  }
  return null;
}
