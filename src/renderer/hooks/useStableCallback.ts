import { useCallback, useRef } from 'react';

/**
 * A callback whose identity never changes but which always runs the latest `fn`: memoised panes
 * (the map's thousands of boxes) then skip re-rendering when only their parent re-rendered.
 */
export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  latest.current = fn;
  return useCallback((...args: A) => latest.current(...args), []);
}
