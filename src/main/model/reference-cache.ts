import { LRUCache } from 'lru-cache';
import type { ReferenceFeatures } from './loaded-model';

/** Key parts that identify one encoded reference chip. */
export interface ReferenceKey {
  modelSha: string;
  mosaicId: string;
  bounds: readonly [number, number, number, number];
}

type Create<T> = () => Promise<T>;

/**
 * LRU cache of encoded reference chips: encoding a chip is the expensive half of the model,
 * consecutive clicks on one frame reuse the same chip, and two quick clicks share one encoding.
 */
export class ReferenceCache<T extends NonNullable<unknown> = ReferenceFeatures> {
  private readonly entries: LRUCache<string, T, Create<T>>;

  constructor(readonly maxEntries = 8) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`ReferenceCache needs maxEntries ≥ 1, got ${maxEntries}`);
    this.entries = new LRUCache<string, T, Create<T>>({
      max: maxEntries,
      fetchMethod: (_key, _stale, { context }) => context(),
      // A click still gets its features when the cache is cleared (model switched) mid-encode.
      ignoreFetchAbort: true,
    });
  }

  /**
   * Bounds are rounded to 9 significant digits so that float noise in recomputing the same
   * chip (sub-millimetre in metres, ~1e-7° in degrees) does not miss the cache.
   */
  static key(k: ReferenceKey): string {
    return [k.modelSha, k.mosaicId, ...k.bounds.map((v) => Number(v.toPrecision(9)).toString())].join('|');
  }

  get size(): number {
    return this.entries.size;
  }

  get(k: ReferenceKey): T | undefined {
    return this.entries.get(ReferenceCache.key(k));
  }

  set(k: ReferenceKey, value: T): void {
    this.entries.set(ReferenceCache.key(k), value);
  }

  /**
   * The cached value, or `create()`'s result stored for next time; a second call while the first
   * is still creating waits for that one (`cached: true`) instead of creating again.
   */
  async getOrCreate(k: ReferenceKey, create: Create<T>): Promise<{ value: T; cached: boolean }> {
    const status: LRUCache.Status<string, T, Create<T>> = {};
    const value = await this.entries.fetch(ReferenceCache.key(k), { context: create, status });
    if (value === undefined) throw new Error('ReferenceCache: create() returned nothing');
    return { value, cached: status.fetch !== 'miss' };
  }

  clear(): void {
    this.entries.clear();
  }
}
