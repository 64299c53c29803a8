import { describe, expect, it } from 'vitest';
import { assetPaths as contract } from '../../src/shared/api';
import { assetPaths, withFolderTag } from '../../src/renderer/lib/asset-paths';

describe("the renderer's asset paths", () => {
  it('are the contract paths of src/shared/api.ts', () => {
    for (const arg of ['0', 'a b/c', 'mosaic-1f3e']) {
      expect(assetPaths.tile(arg)).toBe(contract.tile(arg));
      expect(assetPaths.heatmap(arg)).toBe(contract.heatmap(arg));
    }
    for (const n of [0, 7, 12_345]) {
      expect(assetPaths.frame(n)).toBe(contract.frame(n));
      expect(assetPaths.thumb(n)).toBe(contract.thumb(n));
    }
  });
});

describe('frame URLs of different folders', () => {
  it('differ, while the path main reads stays the contract path', () => {
    const a = withFolderTag('/asset/frame/0?t=tok', '/data/flight-01');
    const b = withFolderTag('/asset/frame/0?t=tok', '/data/flight-02');
    expect(a).not.toBe(b);
    expect(new URL(a, 'http://x').pathname).toBe('/asset/frame/0');
    expect(new URL(a, 'http://x').searchParams.get('t')).toBe('tok');
    expect(withFolderTag('smgeo://app/thumb/3', '/data/flight-01')).toMatch(/^smgeo:\/\/app\/thumb\/3\?f=\w+$/);
  });
  it('are stable for one folder, so a reload can use the cache', () => {
    expect(withFolderTag('frame/1', '/d')).toBe(withFolderTag('frame/1', '/d'));
  });
});
