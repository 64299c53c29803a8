/**
 * Where the pointer is in each view, for the other view to show: a frame pixel under the cursor
 * (the map draws where its ray meets the ground) and a map point (the frame marks it). A tiny
 * store outside React, so a mouse move re-renders the two marks, not the workspace.
 */
export interface HoverStore<T> {
  get(): T | null;
  set(value: T | null): void;
  subscribe(listener: () => void): () => void;
}

export function hoverStore<T>(): HoverStore<T> {
  let value: T | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const framePointer = hoverStore<{ x: number; y: number }>();
export const mapPointer = hoverStore<{ lon: number; lat: number }>();
