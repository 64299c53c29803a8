import { describe, expect, it } from 'vitest';
import { clampLayout, DEFAULT_LAYOUT, dragSplitter, gridColumns, isCompact, MIN_MAP } from '../../src/renderer/lib/pane-layout';

describe('pane layout', () => {
  it('dragging the frame splitter right grows the frame and takes the width from the map', () => {
    const l = dragSplitter(DEFAULT_LAYOUT, 'frame', 160, 1600);
    expect(l.frame).toBeCloseTo(DEFAULT_LAYOUT.frame + 0.1);
    expect(l.list).toBe(DEFAULT_LAYOUT.list);
  });

  it('dragging the list splitter left grows the list', () => {
    expect(dragSplitter(DEFAULT_LAYOUT, 'list', -160, 1600).list).toBeCloseTo(DEFAULT_LAYOUT.list + 0.1);
  });

  it('never lets the map vanish or a pane shrink below its minimum', () => {
    const wide = dragSplitter({ frame: 0.5, list: 0.3 }, 'frame', 5000, 1000);
    expect(1 - wide.frame - wide.list).toBeGreaterThanOrEqual(MIN_MAP - 1e-9);
    expect(dragSplitter(DEFAULT_LAYOUT, 'frame', -5000, 1000).frame).toBe(0.1);
    expect(dragSplitter(DEFAULT_LAYOUT, 'list', 5000, 1000).list).toBe(0.1);
  });

  it('repairs a layout with holes or out-of-range values', () => {
    expect(clampLayout({ frame: Number.NaN, list: 2 })).toEqual({ frame: 0.3, list: 0.6 });
  });

  it('stacks the panes below 900 px and lays out five grid columns', () => {
    expect(isCompact(800)).toBe(true);
    expect(isCompact(1200)).toBe(false);
    expect(isCompact(0)).toBe(false);
    expect(gridColumns({ frame: 0.4, list: 0.25 })).toBe('40.0% 6px minmax(0, 1fr) 6px 25.0%');
  });
});
