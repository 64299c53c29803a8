// Rewrites numeric tags of the first IFD of a little-endian classic TIFF in place, to make files
// whose header lies about their content (tests and fuzzing only).
import { readFileSync, writeFileSync } from 'node:fs';

const TYPE_SHORT = 3;
const TYPE_LONG = 4;

/** Sets each tag (e.g. 256 ImageWidth, 257 ImageLength) that holds one inline value to `value`, as LONG. */
export function patchTiffTags(buf: Buffer, tags: Record<number, number>): Buffer {
  if (buf.toString('latin1', 0, 4) !== 'II*\0') throw new Error('only little-endian classic TIFF is supported');
  const out = Buffer.from(buf);
  const ifd = out.readUInt32LE(4);
  const n = out.readUInt16LE(ifd);
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    const tag = out.readUInt16LE(e);
    if (!(tag in tags)) continue;
    const type = out.readUInt16LE(e + 2);
    if ((type !== TYPE_SHORT && type !== TYPE_LONG) || out.readUInt32LE(e + 4) !== 1) throw new Error(`tag ${tag} is not one SHORT/LONG`);
    out.writeUInt16LE(TYPE_LONG, e + 2);
    out.writeUInt32LE(tags[tag]!, e + 8);
    seen.add(tag);
  }
  for (const t of Object.keys(tags)) if (!seen.has(Number(t))) throw new Error(`tag ${t} not in the first IFD`);
  return out;
}

export function patchTiffFile(src: string, dst: string, tags: Record<number, number>): string {
  writeFileSync(dst, patchTiffTags(readFileSync(src), tags));
  return dst;
}
