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

/** A JPEG-in-TIFF tile is an abbreviated stream: its tables live in the JPEGTables tag. */
function completeJpeg(tile: Uint8Array, tables: ArrayLike<number> | undefined): Buffer {
  if (!tables || tables.length < 4) return Buffer.from(tile);
  const t = Buffer.from(Array.from(tables));
  const head = t[t.length - 2] === 0xff && t[t.length - 1] === 0xd9 ? t.subarray(0, t.length - 2) : t; // drop EOI
  const body = tile[0] === 0xff && tile[1] === 0xd8 ? tile.subarray(2) : tile; // drop SOI
  return Buffer.concat([head, body]);
}

async function decodeJpeg(buffer: ArrayBuffer, params: DecoderParameters): Promise<ArrayBuffer> {
  const jpeg = completeJpeg(new Uint8Array(buffer), params.JPEGTables);
  const { data } = await sharp(jpeg, { failOn: 'error' }).raw().toBuffer({ resolveWithObject: true });
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.length) as ArrayBuffer;
}

export function createDecoderPool(): Pool {
  const pool = {
    bindParameters(compression: number, params: DecoderParameters) {
      if (compression === JPEG_COMPRESSION) return { decode: (buffer: ArrayBuffer) => decodeJpeg(buffer, params) };
      const decoder = getDecoder(compression, params as never);
      return { decode: async (buffer: ArrayBuffer) => (await decoder).decode(buffer) };
    },
  };
  return pool as unknown as Pool;
}
