/**
 * Every keyboard shortcut of the workstation, in one table: the key handler, the help overlay
 * (`?`) and the README's shortcut table are all made from it, so they cannot disagree.
 */
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
  | { kind: 'frame-last' }
  | { kind: 'next-pending'; step: 1 | -1 }
  | { kind: 'object-step'; delta: 1 | -1; extend: boolean }
  | { kind: 'toggle-mark' }
  | { kind: 'mark-all' }
  | { kind: 'focus-search' }
  | { kind: 'copy-coordinates' }
  | { kind: 'cycle-coordinates' }
  | { kind: 'fit-project' }
  | { kind: 'help' };

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** A key with its modifiers. `shift: undefined` accepts the key with or without Shift. */
interface Chord {
  key: string;
  shift?: boolean;
  /** Ctrl, or Cmd on macOS. */
  mod?: boolean;
}

export type KeyGroup = 'Frames' | 'Review' | 'Objects' | 'Map' | 'General';

export interface Binding {
  group: KeyGroup;
  chords: Chord[];
  /** How the keys are written in the help and the README; made from the chords unless given. */
  keys?: string;
  does: string;
  action(press: KeyPress): KeyAction;
}

const plain = (key: string): Chord => ({ key, shift: false });
const shifted = (key: string): Chord => ({ key, shift: true });
const anyShift = (key: string): Chord => ({ key });
const mod = (key: string, shift = false): Chord => ({ key, mod: true, shift });

export const KEY_MAP: Binding[] = [
  { group: 'Frames', chords: [plain('ArrowLeft'), plain('ArrowRight')], does: 'Previous / next frame', action: (p) => ({ kind: 'frame-step', delta: p.key === 'ArrowLeft' ? -1 : 1 }) },
  { group: 'Frames', chords: [shifted('ArrowLeft'), shifted('ArrowRight')], does: '10 frames back / forward', action: (p) => ({ kind: 'frame-step', delta: p.key === 'ArrowLeft' ? -10 : 10 }) },
  { group: 'Frames', chords: [anyShift('Home'), anyShift('End')], does: 'First / last frame', action: (p) => ({ kind: p.key === 'Home' ? 'frame-first' : 'frame-last' }) },
  { group: 'Frames', chords: [anyShift('f')], does: 'Fit the whole frame / fill the pane', action: () => ({ kind: 'toggle-fit' }) },
  { group: 'Review', chords: [anyShift('Enter')], does: 'Accept the object (all marked objects when several are marked)', action: () => ({ kind: 'accept' }) },
  { group: 'Review', chords: [anyShift('Escape'), anyShift('Delete')], does: 'Reject the object (all marked objects when several are marked)', action: () => ({ kind: 'reject' }) },
  { group: 'Review', chords: ['1', '2', '3', '4', '5'].map(plain), keys: '1–5', does: 'Choose candidate 1–5 as the box', action: (p) => ({ kind: 'pick-candidate', index: Number(p.key) - 1 }) },
  { group: 'Review', chords: [plain('n')], does: 'Next pending object (shows its frame and box)', action: () => ({ kind: 'next-pending', step: 1 }) },
  { group: 'Review', chords: [shifted('n')], does: 'Previous pending object', action: () => ({ kind: 'next-pending', step: -1 }) },
  { group: 'Review', chords: [mod('z')], does: 'Undo', action: () => ({ kind: 'undo' }) },
  { group: 'Review', chords: [mod('z', true), mod('y')], does: 'Redo', action: () => ({ kind: 'redo' }) },
  { group: 'Objects', chords: [plain('ArrowDown'), plain('j')], does: 'Next object in the table', action: () => ({ kind: 'object-step', delta: 1, extend: false }) },
  { group: 'Objects', chords: [plain('ArrowUp'), plain('k')], does: 'Previous object in the table', action: () => ({ kind: 'object-step', delta: -1, extend: false }) },
  { group: 'Objects', chords: [shifted('ArrowDown'), shifted('ArrowUp')], does: 'Extend the marked rows down / up', action: (p) => ({ kind: 'object-step', delta: p.key === 'ArrowUp' ? -1 : 1, extend: true }) },
  { group: 'Objects', chords: [plain('x')], does: 'Mark / unmark the object', action: () => ({ kind: 'toggle-mark' }) },
  { group: 'Objects', chords: [mod('a')], does: 'Mark every object the table shows', action: () => ({ kind: 'mark-all' }) },
  { group: 'Objects', chords: [anyShift('/')], does: 'Search labels and notes (Esc leaves the field)', action: () => ({ kind: 'focus-search' }) },
  { group: 'Map', chords: [anyShift('h')], does: 'Show / hide the heatmap', action: () => ({ kind: 'toggle-heatmap' }) },
  { group: 'Map', chords: [plain('c')], does: "Copy the object's coordinates", action: () => ({ kind: 'copy-coordinates' }) },
  { group: 'Map', chords: [plain('g')], does: 'Coordinates as lon/lat, UTM or MGRS', action: () => ({ kind: 'cycle-coordinates' }) },
  { group: 'Map', chords: [plain('p')], does: 'Fit the map to the project', action: () => ({ kind: 'fit-project' }) },
  { group: 'General', chords: [anyShift('?')], does: 'Show / hide this help', action: () => ({ kind: 'help' }) },
];

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
};

function chordLabel(c: Chord): string {
  const name = KEY_NAMES[c.key] ?? (c.key.length === 1 ? c.key.toUpperCase() : c.key);
  return `${c.mod ? 'Ctrl+' : ''}${c.shift ? 'Shift+' : ''}${name}`;
}

export function keysLabel(b: Binding): string {
  return b.keys ?? b.chords.map(chordLabel).join(' / ');
}

function matches(c: Chord, p: KeyPress): boolean {
  if ((p.ctrlKey || p.metaKey) !== !!c.mod || p.altKey) return false;
  const letter = /^[a-z]$/i.test(p.key);
  if (letter ? p.key.toLowerCase() !== c.key : p.key !== c.key) return false;
  // A symbol such as ? needs Shift on some layouts and not on others: its Shift is not asked about.
  if (!letter && p.key.length === 1 && !/^\d$/.test(p.key)) return true;
  return c.shift === undefined || c.shift === p.shiftKey;
}

/**
 * Maps a key press to an action. While the user types in a text field every key belongs to the
 * field (Enter must not accept an object while a note is edited); undo/redo there is the
 * field's own.
 */
export function actionForKey(press: KeyPress, typingInTextField: boolean): KeyAction | null {
  if (typingInTextField) return null;
  return bindingsFor(press)[0]?.action(press) ?? null;
}

/** The bindings a key press matches (a unit test keeps this to one at most). */
export function bindingsFor(press: KeyPress): Binding[] {
  return KEY_MAP.filter((b) => b.chords.some((c) => matches(c, press)));
}

export const KEY_GROUPS: KeyGroup[] = ['Frames', 'Review', 'Objects', 'Map', 'General'];

/** The shortcut table as Markdown, exactly as the README carries it. */
export function shortcutTableMarkdown(): string {
  const lines = ['| Keys | Does |', '| --- | --- |'];
  for (const group of KEY_GROUPS) {
    for (const b of KEY_MAP.filter((x) => x.group === group)) lines.push(`| ${keysLabel(b)} | ${b.does} |`);
  }
  return lines.join('\n');
}
