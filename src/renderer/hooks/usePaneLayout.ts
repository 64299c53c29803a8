import { useCallback, useEffect, useRef, useState } from 'react';
import { invoke } from '../api-client';
import { clampLayout, DEFAULT_LAYOUT, dragSplitter, type PaneLayout } from '../lib/pane-layout';

const SAVE_AFTER_MS = 300;

/**
 * The pane widths of the open project: read when a project opens, written (after the drag or the
 * key presses settle) into the project file so the next session opens the same layout.
 */
export function usePaneLayout(projectPath: string | null, onError: (error: unknown) => void) {
  const [layout, setLayout] = useState<PaneLayout>(DEFAULT_LAYOUT);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Pointer moves arrive faster than renders: each drag step builds on the last one, not on the render's.
  const latest = useRef(layout);
  latest.current = layout;

  useEffect(() => {
    setLayout(DEFAULT_LAYOUT);
    if (!projectPath) return;
    let live = true;
    invoke('layout.get', {})
      .then((stored) => live && stored && setLayout(clampLayout(stored)))
      .catch(onError);
    return () => {
      live = false;
    };
  }, [projectPath, onError]);

  const change = useCallback(
    (next: PaneLayout) => {
      const l = clampLayout(next);
      latest.current = l;
      setLayout(l);
      if (!projectPath) return;
      if (saveTimer.current) clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => {
        saveTimer.current = null;
        invoke('layout.set', l).catch(onError);
      }, SAVE_AFTER_MS);
    },
    [projectPath, onError],
  );

  const resize = useCallback(
    (splitter: 'frame' | 'list', dx: number, width: number) => change(dragSplitter(latest.current, splitter, dx, width)),
    [change],
  );

  return { layout, resize };
}
