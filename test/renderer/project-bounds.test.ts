import { describe, expect, it } from 'vitest';
import type { MosaicView } from '../../src/shared/api';
import { projectBounds } from '../../src/renderer/lib/project-bounds';
import { objectView } from './object-fixtures';

const mosaic = { boundsLonLat: [9.36, 50.81, 9.37, 50.82] } as MosaicView;

describe('fit to project', () => {
  it('covers the mosaics, the boxes and the drone positions', () => {
    const frames = [{ index: 0, name: 'a.jpg', telemetry: { lon: 9.38, lat: 50.805, source: 'srt' as const } }, { index: 1, name: 'b.jpg', telemetry: null }];
    expect(projectBounds([mosaic], [objectView({ id: 'o' })], frames)).toEqual([
      [47.399, 8.5],
      [50.82, 9.38],
    ]);
  });

  it('is null for an empty project', () => {
    expect(projectBounds([], [], [])).toBeNull();
  });
});
