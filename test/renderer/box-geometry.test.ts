import { describe, expect, it } from 'vitest';
import {
  resizeRingFromCorner,
  ringCentre,
  ringCorners,
  ringLatLngBounds,
  squareAround,
  translateRing,
  type Position,
} from '../../src/renderer/lib/box-geometry';

// A closed lon/lat ring: NW, NE, SE, SW.
const box: Position[] = [[8.0, 47.001], [8.002, 47.001], [8.002, 47.0], [8.0, 47.0], [8.0, 47.001]];

function close(a: Position[], b: Position[]) {
  expect(a).toHaveLength(b.length);
  a.forEach((p, i) => {
    expect(p[0]).toBeCloseTo(b[i][0], 9);
    expect(p[1]).toBeCloseTo(b[i][1], 9);
  });
}

describe('moving a box', () => {
  it('shifts every corner by the drag and keeps the ring closed', () => {
    const moved = translateRing(box, 0.001, -0.0005);
    close(moved, [[8.001, 47.0005], [8.003, 47.0005], [8.003, 46.9995], [8.001, 46.9995], [8.001, 47.0005]]);
    expect(moved[0]).toEqual(moved[4]);
  });
});

describe('resizing a box by a corner handle', () => {
  it('moves the dragged corner and keeps the opposite one fixed', () => {
    // Drag the SE corner (index 2) further south-east; NW (index 0) stays.
    const r = resizeRingFromCorner(box, 2, [8.003, 46.9995]);
    close(r, [[8.0, 47.001], [8.003, 47.001], [8.003, 46.9995], [8.0, 46.9995], [8.0, 47.001]]);
  });

  it('keeps a slightly rotated box a parallelogram with the same edge directions', () => {
    const rotated: Position[] = [[0, 10], [10, 11], [11, 1], [1, 0]];
    const r = resizeRingFromCorner(rotated, 2, [21, 2]);
    const [a, b, c, d] = ringCorners(r);
    expect(a).toEqual([0, 10]);
    // Opposite sides stay parallel and equal.
    expect(b[0] - a[0]).toBeCloseTo(c[0] - d[0], 9);
    expect(b[1] - a[1]).toBeCloseTo(c[1] - d[1], 9);
    expect(c).toEqual([21, 2]);
    // The top edge kept its direction (10, 1).
    expect((b[1] - a[1]) / (b[0] - a[0])).toBeCloseTo(0.1, 9);
    expect(r).toHaveLength(4);
  });

  it('refuses to collapse the box to a line', () => {
    const r = resizeRingFromCorner(box, 2, [8.0, 46.9]);
    expect(r).toEqual(box);
  });
});

describe('box helpers', () => {
  it('finds the centre and the Leaflet bounds', () => {
    const [lon, lat] = ringCentre(box);
    expect(lon).toBeCloseTo(8.001, 9);
    expect(lat).toBeCloseTo(47.0005, 9);
    expect(ringLatLngBounds(box)).toEqual([[47.0, 8.0], [47.001, 8.002]]);
  });

  it('rejects a ring that is not a box', () => {
    expect(() => ringCorners([[0, 0], [1, 0], [0, 1], [0, 0]])).toThrow(/4 corners/);
  });

  it('builds a search square of the given size in metres', () => {
    const sq = squareAround([8.5, 47.0], 200);
    const [[s, w], [n, e]] = ringLatLngBounds(sq);
    expect((n - s) * 111_320).toBeCloseTo(200, 6);
    expect((e - w) * 111_320 * Math.cos((47 * Math.PI) / 180)).toBeCloseTo(200, 6);
  });
});
