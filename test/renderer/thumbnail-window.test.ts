import { describe, expect, it } from 'vitest';
import { scrollToReveal, visibleStripWindow } from '../../src/renderer/lib/thumbnail-window';

const strip = (count: number) => ({ count, pitchPx: 100, viewportPx: 450, overscan: 2 });

describe('thumbnail strip windowing', () => {
  it('renders only the visible frames plus overscan out of 10,000', () => {
    const w = visibleStripWindow(0, strip(10_000));
    expect(w).toEqual({ first: 0, last: 4 + 2, offsetPx: 0, totalPx: 1_000_000 });
    expect(w.last - w.first + 1).toBeLessThan(20);
  });

  it('follows the scroll position in the middle of a long strip', () => {
    const w = visibleStripWindow(512_340, strip(10_000));
    // Visible: 5123 (partly) .. 5127 (partly); two more each side.
    expect(w.first).toBe(5121);
    expect(w.last).toBe(5129);
    expect(w.offsetPx).toBe(512_100);
  });

  it('stops at the end of the strip and clamps a scroll past it', () => {
    const w = visibleStripWindow(9_999_999, strip(10_000));
    expect(w.last).toBe(9_999);
    expect(w.first).toBe(10_000 - 5 - 2);
  });

  it('renders every frame of a strip shorter than the viewport', () => {
    expect(visibleStripWindow(0, strip(3))).toMatchObject({ first: 0, last: 2 });
  });

  it('renders nothing for an empty folder', () => {
    expect(visibleStripWindow(0, strip(0))).toEqual({ first: 0, last: -1, offsetPx: 0, totalPx: 0 });
  });
});

describe('revealing the current frame', () => {
  it('scrolls left just enough when the frame is before the view', () => {
    expect(scrollToReveal(3, 1_000, strip(100))).toBe(300);
  });
  it('scrolls right just enough when the frame is after the view', () => {
    // Frame 20 ends at 2100; the viewport is 450 wide.
    expect(scrollToReveal(20, 0, strip(100))).toBe(1_650);
  });
  it('keeps the position when the frame is already in view', () => {
    expect(scrollToReveal(12, 1_000, strip(100))).toBe(1_000);
  });
  it('clamps indices outside the strip', () => {
    expect(scrollToReveal(500, 0, strip(100))).toBe(100 * 100 - 450);
    expect(scrollToReveal(-4, 800, strip(100))).toBe(0);
  });
});
