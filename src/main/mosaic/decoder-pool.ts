// geotiff.js decodes JPEG tiles in JavaScript (~200 ms per 512² tile here); libjpeg-turbo through sharp
// takes a few ms and runs off the main thread. geotiff.js accepts a "pool" for decoding: this one
// sends JPEG tiles to sharp and everything else to geotiff.js's own decoders.
import { getDecoder, type Pool } from 'geotiff';
import sharp from 'sharp';

export const JPEG_COMPRESSION = 7;

interface DecoderParameters {
  JPEGTables?: ArrayLike<number>;
  [key: string]: unknown;
}

/** The JPEGTables tag without its end-of-image marker: the head of every complete tile stream. */
function jpegHead(tables: ArrayLike<number> | undefined): Buffer | null {
  if (!tables || tables.length < 4) return null;
  const t = Buffer.from(Array.from(tables));
  return t[t.length - 2] === 0xff && t[t.length - 1] === 0xd9 ? t.subarray(0, t.length - 2) : t; // drop EOI
}

/** A JPEG-in-TIFF tile is an abbreviated stream: its tables live in the JPEGTables tag. */
function completeJpeg(tile: Uint8Array, head: Buffer | null): Buffer {
  if (!head) return Buffer.from(tile.buffer, tile.byteOffset, tile.length);
  const body = tile[0] === 0xff && tile[1] === 0xd8 ? tile.subarray(2) : tile; // drop SOI
  return Buffer.concat([head, body]);
}

async function decodeJpeg(buffer: ArrayBuffer, head: Buffer | null): Promise<ArrayBuffer> {
  const jpeg = completeJpeg(new Uint8Array(buffer), head);
  const { data } = await sharp(jpeg, { failOn: 'error' }).raw().toBuffer({ resolveWithObject: true });
  // sharp hands back a buffer of its own: pass its memory on rather than copying it
  if (data.byteOffset === 0 && data.length === data.buffer.byteLength) return data.buffer as ArrayBuffer;
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.length) as ArrayBuffer;
}

export function createDecoderPool(): Pool {
  const pool = {
    bindParameters(compression: number, params: DecoderParameters) {
      if (compression === JPEG_COMPRESSION) {
        const head = jpegHead(params.JPEGTables);
        return { decode: (buffer: ArrayBuffer) => decodeJpeg(buffer, head) };
      }
      const decoder = getDecoder(compression, params as never);
      // An unknown compression (a damaged file) rejects here but is reported only when a block is
      // decoded; until then the rejection must not count as unhandled, which ends the process.
      decoder.catch(() => undefined);
      return { decode: async (buffer: ArrayBuffer) => (await decoder).decode(buffer) };
    },
  };
  return pool as unknown as Pool;
}
