// Plain in-memory pixel buffers shared by the mosaic, frame and model code; sharp does the heavy lifting.
import sharp from 'sharp';

export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array; // RGB interleaved, row-major
}

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array; // RGBA interleaved, row-major
}

function channelsOf(img: RgbImage | RgbaImage): 3 | 4 {
  const n = img.data.length / (img.width * img.height);
  if (n !== 3 && n !== 4) {
    throw new Error(`image buffer holds ${img.data.length} bytes, which is not RGB or RGBA for ${img.width}×${img.height}`);
  }
  return n;
}

export async function resizeRgb(img: RgbImage, width: number, height: number): Promise<RgbImage> {
  if (img.width === width && img.height === height) return { width, height, data: new Uint8Array(img.data) };
  const out = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    // 'fill' because callers (e.g. the model's query) deliberately do not keep the aspect ratio.
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: out.info.width, height: out.info.height, data: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.length) };
}

export async function encodePng(img: RgbImage | RgbaImage): Promise<Buffer> {
  const channels = channelsOf(img);
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels } })
    // Map tiles are encoded on the request path: favour speed over a few percent of size.
    .png({ compressionLevel: 2, adaptiveFiltering: false })
    .toBuffer();
}
