import { describe, expect, it } from 'vitest';
import { ReferenceCache } from '../../../src/main/model/reference-cache';

const key = (mosaicId: string, x = 500000) => ({ modelSha: 'abc', mosaicId, bounds: [x, 5e6, x + 256, 5e6 + 256] as const });

describe('reference cache', () => {
  it('evicts the least recently used chip when full', () => {
    const cache = new ReferenceCache<string>(2);
    cache.set(key('a'), 'A');
    cache.set(key('b'), 'B');
    expect(cache.get(key('a'))).toBe('A'); // a is now the most recent
    cache.set(key('c'), 'C');
    expect(cache.get(key('b'))).toBeUndefined();
    expect(cache.get(key('a'))).toBe('A');
    expect(cache.get(key('c'))).toBe('C');
    expect(cache.size).toBe(2);
  });

  it('treats float noise in recomputed bounds as the same chip, but not another model', () => {
    const cache = new ReferenceCache<string>(4);
    cache.set(key('a', 500000.1), 'A');
    expect(cache.get(key('a', 500000.1 + 1e-9))).toBe('A');
    expect(cache.get({ ...key('a', 500000.1), modelSha: 'other' })).toBeUndefined();
    expect(cache.get(key('a', 500001))).toBeUndefined();
  });

  it('encodes once and then serves from the cache', async () => {
    const cache = new ReferenceCache<number>(2);
    let calls = 0;
    const create = async () => ++calls;
    expect(await cache.getOrCreate(key('a'), create)).toEqual({ value: 1, cached: false });
    expect(await cache.getOrCreate(key('a'), create)).toEqual({ value: 1, cached: true });
    expect(calls).toBe(1);
  });

  it('encodes once for two concurrent misses on the same chip', async () => {
    const cache = new ReferenceCache<{ n: number }>(2);
    let calls = 0;
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const create = async () => {
      calls++;
      await gate;
      return { n: calls };
    };
    const first = cache.getOrCreate(key('a'), create);
    const second = cache.getOrCreate(key('a'), create);
    finish();
    const [a, b] = await Promise.all([first, second]);
    expect(calls).toBe(1);
    expect(a).toEqual({ value: { n: 1 }, cached: false });
    expect(b.value).toBe(a.value);
    expect(b.cached).toBe(true);
  });

  it('forgets a failed encoding, so the next click tries again', async () => {
    const cache = new ReferenceCache<{ n: number }>(2);
    await expect(cache.getOrCreate(key('a'), () => Promise.reject(new Error('chip unreadable')))).rejects.toThrow('chip unreadable');
    expect(await cache.getOrCreate(key('a'), async () => ({ n: 2 }))).toEqual({ value: { n: 2 }, cached: false });
  });

  it('needs room for at least one entry', () => {
    expect(() => new ReferenceCache(0)).toThrow(/maxEntries/);
  });
});
