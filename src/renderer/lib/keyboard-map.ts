/** What a key press means in the workstation, independent of React and the DOM. */
export type KeyAction =
  | { kind: 'accept' }
  | { kind: 'reject' }
  | { kind: 'pick-candidate'; index: number }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'toggle-heatmap' }
  | { kind: 'toggle-fit' }
  | { kind: 'frame-step'; delta: number }
  | { kind: 'frame-first' }
  | { kind: 'frame-last' };

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * Maps a key press to an action. While the user types in a text field every key belongs to the
 * field (Enter must not accept an object while a note is edited); undo/redo there is the
 * field's own.
 */
export function actionForKey(press: KeyPress, typingInTextField: boolean): KeyAction | null {
  if (typingInTextField) return null;
  const command = press.ctrlKey || press.metaKey;
  const key = press.key;
  if (command && !press.altKey) {
    const lower = key.toLowerCase();
    if (lower === 'z') return press.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
    if (lower === 'y' && !press.shiftKey) return { kind: 'redo' };
    return null;
  }
  if (command || press.altKey) return null;
  switch (key) {
    case 'Enter':
      return { kind: 'accept' };
    case 'Escape':
    case 'Delete':
      return { kind: 'reject' };
    case 'h':
    case 'H':
      return { kind: 'toggle-heatmap' };
    case 'f':
    case 'F':
      return { kind: 'toggle-fit' };
    case 'ArrowLeft':
      return { kind: 'frame-step', delta: -1 };
    case 'ArrowRight':
      return { kind: 'frame-step', delta: 1 };
    case 'Home':
      return { kind: 'frame-first' };
    case 'End':
      return { kind: 'frame-last' };
    default:
      if (/^[1-5]$/.test(key)) return { kind: 'pick-candidate', index: Number(key) - 1 };
      return null;
  }
}
