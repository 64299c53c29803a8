// Decoded source blocks (TIFF tiles or strips) of every level, kept as RGBA in an LRU cache.
//
// Neighbouring map tiles read overlapping windows of the same source tiles; geotiff.js's
// readRasters decodes every source tile again for each window and then copies it pixel by pixel
// through a DataView (which costs more than the JPEG decode itself). Here each source block is
// decoded once, and windows are assembled from cached blocks with row copies. Opaque 8-bit RGB
// blocks (JPEG/YCbCr decoded to RGB by libjpeg, plain RGB) are kept exactly as the decoder returns
// them, without any per-pixel pass; every other layout is converted to RGBA once per block.
// Concurrent reads of the same block share one decode.
import type { GeoTIFFImage } from 'geotiff';
import { LRUCache } from 'lru-cache';
import { createDecoderPool, JPEG_COMPRESSION } from './decoder-pool.js';
import { MosaicError } from './errors.js';
import type { MosaicLevel, PixelLayout } from './metadata.js';
import { interleavedBytesToRgba, samplesToRgba, type PixelWindow } from './pixels.js';

/** One decoded block of a level, clipped to the level (rows may be longer: `rowBytes`). */
export interface PixelBlock {
  x0: number;
  y0: number;
  width: number;
  height: number;
  channels: 3 | 4;
  rowBytes: number;
  data: Uint8Array;
}

export interface BlockCacheOptions {
  maxBytes?: number;
  maxEntries?: number;
}

export interface BlockCacheStats {
  hits: number;
  misses: number;
  /** blocks decoded (misses that did not join a decode already in flight) */
  decodes: number;
  entries: number;
}

export const DEFAULT_BLOCK_CACHE_BYTES = 128 * 1024 * 1024; // 128 RGBA blocks of 512²
const DEFAULT_BLOCK_CACHE_ENTRIES = 4096;
const BLOCK_OVERHEAD_BYTES = 128;

const decoderPool = createDecoderPool();

/** How one level's blocks are laid out and decoded. */
interface LevelPlan {
  image: GeoTIFFImage;
  width: number;
  height: number;
  blockWidth: number;
  blockHeight: number;
  blocksAcross: number;
  blocksDown: number;
  /** bound decoder for the direct path; null when blocks go through readRasters */
  decoder: Promise<BoundDecoder> | null;
  samplesPerPixel: number;
  /** decoded bytes are already opaque RGB: cache them as they are */
  opaqueRgb: boolean;
}

type BoundDecoder = { decode(buffer: ArrayBuffer): Promise<ArrayBuffer> };

type BlockCoords = { levelIndex: number; bx: number; by: number };

export class BlockCache {
  private readonly cache: LRUCache<string, PixelBlock, BlockCoords>;
  private readonly plans: LevelPlan[];
  private hits = 0;
  private misses = 0;
  private decodes = 0;

  constructor(
    levels: MosaicLevel[],
    private readonly layout: PixelLayout,
    private readonly path: string,
    options: BlockCacheOptions = {},
  ) {
    this.cache = new LRUCache<string, PixelBlock, BlockCoords>({
      max: options.maxEntries ?? DEFAULT_BLOCK_CACHE_ENTRIES,
      maxSize: options.maxBytes ?? DEFAULT_BLOCK_CACHE_BYTES,
      sizeCalculation: (b) => b.data.byteLength + BLOCK_OVERHEAD_BYTES,
      fetchMethod: (_key, _stale, { context }) => this.decodeBlock(context.levelIndex, context.bx, context.by),
      // A window being assembled still gets its blocks when the mosaic is closed meanwhile.
      ignoreFetchAbort: true,
    });
    this.plans = levels.map((level) => planLevel(level, layout));
  }

  get stats(): BlockCacheStats {
    return { hits: this.hits, misses: this.misses, decodes: this.decodes, entries: this.cache.size };
  }

  clear(): void {
    this.cache.clear();
  }

  /** Whether a block of a level is cached (no decode, no LRU update); for tests and diagnostics. */
  isCached(levelIndex: number, bx: number, by: number): boolean {
    return this.cache.has(blockKey(levelIndex, bx, by));
  }

  /** Block grid of a level: block size and counts across and down. */
  blockGrid(levelIndex: number): { blockWidth: number; blockHeight: number; across: number; down: number } {
    const p = this.plans[levelIndex];
    return { blockWidth: p.blockWidth, blockHeight: p.blockHeight, across: p.blocksAcross, down: p.blocksDown };
  }

  /**
   * Pixels [x0,x1)×[y0,y1) of a level (opaque RGB or RGBA, see PixelWindow), clamped to the level
   * (fractional bounds widen to whole pixels); null when nothing of it lies inside. The data may be
   * a view of a cached block: read it, never write to it.
   */
  async readWindow(levelIndex: number, x0: number, y0: number, x1: number, y1: number): Promise<PixelWindow | null> {
    const plan = this.plans[levelIndex];
    const cx0 = Math.max(0, Math.floor(x0));
    const cy0 = Math.max(0, Math.floor(y0));
    const cx1 = Math.min(plan.width, Math.ceil(x1));
    const cy1 = Math.min(plan.height, Math.ceil(y1));
    if (!(cx1 > cx0 && cy1 > cy0)) return null;
    const bx0 = Math.floor(cx0 / plan.blockWidth);
    const bx1 = Math.floor((cx1 - 1) / plan.blockWidth);
    const by0 = Math.floor(cy0 / plan.blockHeight);
    const by1 = Math.floor((cy1 - 1) / plan.blockHeight);
    const jobs: Promise<PixelBlock>[] = [];
    for (let by = by0; by <= by1; by++) for (let bx = bx0; bx <= bx1; bx++) jobs.push(this.block(levelIndex, bx, by));
    const blocks = await Promise.all(jobs);
    return assembleWindow(blocks, cx0, cy0, cx1 - cx0, cy1 - cy0);
  }

  /** A decoded block, from the cache, from a decode in flight, or decoded now. */
  async block(levelIndex: number, bx: number, by: number): Promise<PixelBlock> {
    const status: LRUCache.Status<string, PixelBlock, BlockCoords> = {};
    const job = this.cache.fetch(blockKey(levelIndex, bx, by), { context: { levelIndex, bx, by }, status });
    if (status.fetch === 'hit') this.hits++;
    else this.misses++;
    if (status.fetch === 'miss') this.decodes++;
    const block = await job;
    if (!block) throw new Error(`block ${bx},${by} of level ${levelIndex} decoded to nothing`);
    return block;
  }

  private async decodeBlock(levelIndex: number, bx: number, by: number): Promise<PixelBlock> {
    const plan = this.plans[levelIndex];
    const x0 = bx * plan.blockWidth;
    const y0 = by * plan.blockHeight;
    const width = Math.min(plan.blockWidth, plan.width - x0);
    const height = Math.min(plan.blockHeight, plan.height - y0);
    try {
      if (plan.decoder) {
        const decoder = await plan.decoder;
        const tile = await plan.image.getTileOrStrip(bx, by, 0, decoder as never);
        const bytes = new Uint8Array(tile.data as ArrayBuffer);
        const rowStride = plan.blockWidth * plan.samplesPerPixel;
        // the last strip may be stored short; anything shorter than the rows we need is damage
        if (bytes.length < (height - 1) * rowStride + width * plan.samplesPerPixel) {
          throw new Error(`block ${bx},${by} decoded to ${bytes.length} bytes, expected ${height * rowStride}`);
        }
        if (plan.opaqueRgb) return { x0, y0, width, height, channels: 3, rowBytes: rowStride, data: bytes };
        const data = interleavedBytesToRgba(bytes, plan.samplesPerPixel, rowStride, width, height, this.layout);
        return { x0, y0, width, height, channels: 4, rowBytes: width * 4, data };
      }
      // Any other layout (16-bit, float, planar, big-endian…): geotiff.js reads the block-aligned window.
      const raw = (await plan.image.readRasters({
        window: [x0, y0, x0 + width, y0 + height],
        samples: [...this.layout.samples],
        interleave: true,
        pool: decoderPool,
      })) as unknown as ArrayLike<number>;
      const data = samplesToRgba(raw, width * height, this.layout);
      return { x0, y0, width, height, channels: 4, rowBytes: width * 4, data };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new MosaicError(
        'corrupt',
        `Reading pixels from mosaic ${this.path} failed (${why}). The file may be damaged; copy or re-export it.`,
        { cause: err },
      );
    }
  }
}

/** Copies the part of each block inside the window; opaque RGB stays RGB unless blocks are mixed. */
export function assembleWindow(blocks: PixelBlock[], x0: number, y0: number, width: number, height: number): PixelWindow {
  const channels: 3 | 4 = blocks.every((b) => b.channels === 3) ? 3 : 4;
  // A window of whole rows of one block is a view of it: no copy at all.
  if (blocks.length === 1) {
    const b = blocks[0];
    if (b.x0 === x0 && b.width === width && b.rowBytes === width * channels && b.y0 <= y0 && b.y0 + b.height >= y0 + height) {
      const start = (y0 - b.y0) * b.rowBytes;
      return { x0, y0, width, height, channels, data: b.data.subarray(start, start + height * b.rowBytes) };
    }
  }
  const data = new Uint8Array(width * height * channels);
  for (const b of blocks) {
    const ix0 = Math.max(x0, b.x0);
    const ix1 = Math.min(x0 + width, b.x0 + b.width);
    const iy0 = Math.max(y0, b.y0);
    const iy1 = Math.min(y0 + height, b.y0 + b.height);
    if (ix1 <= ix0 || iy1 <= iy0) continue;
    for (let y = iy0; y < iy1; y++) {
      const s = (y - b.y0) * b.rowBytes + (ix0 - b.x0) * b.channels;
      const o = ((y - y0) * width + (ix0 - x0)) * channels;
      if (b.channels === channels) {
        data.set(b.data.subarray(s, s + (ix1 - ix0) * channels), o);
      } else {
        // an opaque RGB block in an RGBA window
        for (let x = 0, i = s, k = o; x < ix1 - ix0; x++, i += 3, k += 4) {
          data[k] = b.data[i];
          data[k + 1] = b.data[i + 1];
          data[k + 2] = b.data[i + 2];
          data[k + 3] = 255;
        }
      }
    }
  }
  return { x0, y0, width, height, channels, data };
}

function blockKey(levelIndex: number, bx: number, by: number): string {
  return `${levelIndex}/${bx}/${by}`;
}

function planLevel(level: MosaicLevel, layout: PixelLayout): LevelPlan {
  const image = level.image;
  const blockWidth = image.getTileWidth();
  const blockHeight = image.getTileHeight();
  const spp = image.getSamplesPerPixel();
  let bytesDirect = image.planarConfiguration === 1 && layout.stretch === null;
  for (let s = 0; s < spp && bytesDirect; s++) {
    if (image.getBitsPerSample(s) !== 8 || image.getSampleFormat(s) !== 1) bytesDirect = false;
  }
  return {
    image,
    width: level.width,
    height: level.height,
    blockWidth,
    blockHeight,
    blocksAcross: Math.ceil(level.width / blockWidth),
    blocksDown: Math.ceil(level.height / blockHeight),
    decoder: bytesDirect ? bindDecoder(image) : null,
    samplesPerPixel: spp,
    opaqueRgb:
      bytesDirect &&
      spp === 3 &&
      layout.colour === 'rgb' &&
      !layout.hasAlpha &&
      layout.noData === null &&
      layout.samples.join() === '0,1,2',
  };
}

/**
 * The decoder geotiff.js's readRasters would bind for this image, built from the same TIFF tags
 * (geotiff.js does not export its parameter function): block size, planar configuration, bits per
 * sample, predictor, and the JPEG tables for JPEG.
 */
async function bindDecoder(image: GeoTIFFImage): Promise<BoundDecoder> {
  const fd = image.fileDirectory;
  const compression = Number(fd.getValue('Compression') ?? 1);
  const params: Record<string, unknown> = {
    tileWidth: image.getTileWidth(),
    tileHeight: image.isTiled ? image.getTileHeight() : Number(fd.getValue('RowsPerStrip') || image.getHeight()),
    planarConfiguration: image.planarConfiguration,
    bitsPerSample: await fd.loadValue('BitsPerSample'),
    predictor: Number((await fd.loadValue('Predictor')) ?? 1) || 1,
  };
  if (compression === JPEG_COMPRESSION) params.JPEGTables = await fd.loadValue('JPEGTables');
  if (compression === 34887) params.LercParameters = await fd.loadValue('LercParameters');
  if (compression === 50001) params.samplesPerPixel = image.getSamplesPerPixel();
  return (decoderPool as unknown as { bindParameters(c: number, p: unknown): BoundDecoder }).bindParameters(compression, params);
}
