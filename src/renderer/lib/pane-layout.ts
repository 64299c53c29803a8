/**
 * Widths of the three workspace panes as fractions of the workspace: frame and list, the map takes
 * the rest. The bounds match the `layout.set` contract so a stored layout never hides a pane.
 */
export interface PaneLayout {
  frame: number;
  list: number;
}

export const DEFAULT_LAYOUT: PaneLayout = { frame: 0.42, list: 0.24 };
export const FRAME_RANGE = [0.1, 0.8] as const;
export const LIST_RANGE = [0.1, 0.6] as const;
export const MIN_MAP = 0.1;
/** Below this workspace width the panes stack instead of sitting side by side. */
export const COMPACT_BELOW_PX = 900;

const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));
const round = (v: number) => Math.round(v * 1000) / 1000;

/** The nearest layout inside the bounds; the frame gives way first when the map would vanish. */
export function clampLayout(l: PaneLayout): PaneLayout {
  const list = clamp(Number.isFinite(l.list) ? l.list : DEFAULT_LAYOUT.list, LIST_RANGE);
  const frame = clamp(Number.isFinite(l.frame) ? l.frame : DEFAULT_LAYOUT.frame, FRAME_RANGE);
  return { frame: round(Math.min(frame, 1 - MIN_MAP - list)), list: round(list) };
}

/**
 * Moves one splitter by `dx` pixels of a workspace `width` wide: the frame|map splitter grows
 * the frame, the map|list splitter shrinks the list; the map absorbs the difference.
 */
export function dragSplitter(l: PaneLayout, splitter: 'frame' | 'list', dx: number, width: number): PaneLayout {
  if (width <= 0) return l;
  const d = dx / width;
  if (splitter === 'frame') {
    const frame = clamp(l.frame + d, FRAME_RANGE);
    return clampLayout({ frame: Math.min(frame, 1 - MIN_MAP - l.list), list: l.list });
  }
  const list = clamp(l.list - d, LIST_RANGE);
  return clampLayout({ frame: l.frame, list: Math.min(list, 1 - MIN_MAP - l.frame) });
}

export function isCompact(workspaceWidth: number): boolean {
  return workspaceWidth > 0 && workspaceWidth < COMPACT_BELOW_PX;
}

/** CSS grid columns: frame, splitter, map, splitter, list. */
export function gridColumns(l: PaneLayout): string {
  return `${(l.frame * 100).toFixed(1)}% 6px minmax(0, 1fr) 6px ${(l.list * 100).toFixed(1)}%`;
}
