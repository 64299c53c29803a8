import type { ReferenceFeatures } from './loaded-model';

/** Key parts that identify one encoded reference chip. */
export interface ReferenceKey {
  modelSha: string;
  mosaicId: string;
  bounds: readonly [number, number, number, number];
}

/**
 * LRU cache of encoded reference chips: encoding a chip is the expensive half of the model,
 * and consecutive clicks on one frame reuse the same chip.
 */
export class ReferenceCache<T = ReferenceFeatures> {
  private readonly entries = new Map<string, T>();

  constructor(readonly maxEntries = 8) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`ReferenceCache needs maxEntries ≥ 1, got ${maxEntries}`);
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
    const key = ReferenceCache.key(k);
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(k: ReferenceKey, value: T): void {
    const key = ReferenceCache.key(k);
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** The cached value, or `create()`'s result stored for next time. */
  async getOrCreate(k: ReferenceKey, create: () => Promise<T>): Promise<{ value: T; cached: boolean }> {
    const hit = this.get(k);
    if (hit !== undefined) return { value: hit, cached: true };
    const value = await create();
    this.set(k, value);
    return { value, cached: false };
  }

  clear(): void {
    this.entries.clear();
  }
}
