import { useEffect, useRef } from 'react';
import { actionForKey, type KeyAction } from '../lib/keyboard-map';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Window-wide shortcuts; `enabled` is false while a modal (the path prompt) owns the keyboard. */
export function useKeyboardShortcuts(onAction: (action: KeyAction) => void, enabled: boolean) {
  const handler = useRef(onAction);
  handler.current = onAction;

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      const action = actionForKey(e, isTextField(e.target));
      if (!action) return;
      e.preventDefault();
      handler.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
