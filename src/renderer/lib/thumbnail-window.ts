/** The slice of a long, fixed-pitch strip that must be in the DOM for the current scroll position. */
export interface StripWindow {
  /** First rendered index (inclusive). */
  first: number;
  /** Last rendered index (inclusive); -1 when the strip is empty. */
  last: number;
  /** Left offset, in px, of the first rendered item inside the scroll content. */
  offsetPx: number;
  /** Width of the whole scroll content, so the scrollbar reflects every frame. */
  totalPx: number;
}

export interface StripGeometry {
  count: number;
  /** Item width plus the gap after it. */
  pitchPx: number;
  viewportPx: number;
  /** Extra items rendered on each side so a fast scroll does not show blanks. */
  overscan: number;
}

export function visibleStripWindow(scrollPx: number, g: StripGeometry): StripWindow {
  const totalPx = Math.max(0, g.count * g.pitchPx);
  if (g.count <= 0 || g.pitchPx <= 0) return { first: 0, last: -1, offsetPx: 0, totalPx };
  const maxScroll = Math.max(0, totalPx - g.viewportPx);
  const scroll = Math.min(Math.max(0, scrollPx), maxScroll);
  const firstVisible = Math.floor(scroll / g.pitchPx);
  const lastVisible = Math.ceil((scroll + Math.max(0, g.viewportPx)) / g.pitchPx) - 1;
  const first = Math.max(0, firstVisible - g.overscan);
  const last = Math.min(g.count - 1, Math.max(firstVisible, lastVisible) + g.overscan);
  return { first, last, offsetPx: first * g.pitchPx, totalPx };
}

/**
 * The scroll position that brings item `index` fully into view, moving as little as possible;
 * returns the current position when the item is already visible.
 */
export function scrollToReveal(index: number, scrollPx: number, g: StripGeometry): number {
  if (g.count <= 0) return 0;
  const i = Math.min(Math.max(0, index), g.count - 1);
  const start = i * g.pitchPx;
  const end = start + g.pitchPx;
  if (start < scrollPx) return start;
  if (end > scrollPx + g.viewportPx) return Math.max(0, end - g.viewportPx);
  return scrollPx;
}
