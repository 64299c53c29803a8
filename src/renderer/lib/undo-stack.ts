/**
 * Undo/redo for object edits. Every entry holds the `objects.update` calls that move an object
 * between its state before and after one user action, so undo and redo are plain API calls and
 * the server stays the single source of truth. Some states need more than one call to restore
 * (a candidate switch discards a correction), so each side is a list, run in order.
 */
export interface UndoEntry<P> {
  /** Calls that restore the state before the action (the inverse). */
  undo: P[];
  /** Calls that re-apply the action. */
  redo: P[];
}

export interface UndoState<P> {
  past: UndoEntry<P>[];
  future: UndoEntry<P>[];
}

export const DEFAULT_UNDO_LIMIT = 200;

export function emptyUndoState<P>(): UndoState<P> {
  return { past: [], future: [] };
}

/** A new action invalidates everything that could have been redone. */
export function recordAction<P>(state: UndoState<P>, entry: UndoEntry<P>, limit = DEFAULT_UNDO_LIMIT): UndoState<P> {
  const past = [...state.past, entry];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, future: [] };
}

export function takeUndo<P>(state: UndoState<P>): { state: UndoState<P>; calls: P[] } | null {
  const entry = state.past[state.past.length - 1];
  if (!entry) return null;
  return { state: { past: state.past.slice(0, -1), future: [entry, ...state.future] }, calls: entry.undo };
}

export function takeRedo<P>(state: UndoState<P>): { state: UndoState<P>; calls: P[] } | null {
  const entry = state.future[0];
  if (!entry) return null;
  return { state: { past: [...state.past, entry], future: state.future.slice(1) }, calls: entry.redo };
}
