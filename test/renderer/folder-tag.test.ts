import { describe, expect, it } from 'vitest';
import { withFolderTag } from '../../src/renderer/lib/folder-tag';

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
