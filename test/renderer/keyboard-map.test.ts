import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { actionForKey, bindingsFor, shortcutTableMarkdown, type KeyPress } from '../../src/renderer/lib/keyboard-map';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard map', () => {
  it('Enter accepts, Esc and Delete reject', () => {
    expect(actionForKey(press('Enter'), false)).toEqual({ kind: 'accept' });
    expect(actionForKey(press('Escape'), false)).toEqual({ kind: 'reject' });
    expect(actionForKey(press('Delete'), false)).toEqual({ kind: 'reject' });
  });

  it('1–5 pick a candidate, 6 does nothing', () => {
    expect(actionForKey(press('1'), false)).toEqual({ kind: 'pick-candidate', index: 0 });
    expect(actionForKey(press('5'), false)).toEqual({ kind: 'pick-candidate', index: 4 });
    expect(actionForKey(press('6'), false)).toBeNull();
  });

  it('Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo, Cmd works on macOS', () => {
    expect(actionForKey(press('z', { ctrlKey: true }), false)).toEqual({ kind: 'undo' });
    expect(actionForKey(press('Z', { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: 'redo' });
    expect(actionForKey(press('y', { ctrlKey: true }), false)).toEqual({ kind: 'redo' });
    expect(actionForKey(press('z', { metaKey: true }), false)).toEqual({ kind: 'undo' });
  });

  it('H toggles the heatmap; Ctrl+H does not', () => {
    expect(actionForKey(press('h'), false)).toEqual({ kind: 'toggle-heatmap' });
    expect(actionForKey(press('H', { shiftKey: true }), false)).toEqual({ kind: 'toggle-heatmap' });
    expect(actionForKey(press('h', { ctrlKey: true }), false)).toBeNull();
  });

  it('arrows, Home and End move through the frames', () => {
    expect(actionForKey(press('ArrowLeft'), false)).toEqual({ kind: 'frame-step', delta: -1 });
    expect(actionForKey(press('ArrowRight'), false)).toEqual({ kind: 'frame-step', delta: 1 });
    expect(actionForKey(press('Home'), false)).toEqual({ kind: 'frame-first' });
    expect(actionForKey(press('End'), false)).toEqual({ kind: 'frame-last' });
  });

  it('leaves every key to a text field being edited', () => {
    expect(actionForKey(press('Enter'), true)).toBeNull();
    expect(actionForKey(press('z', { ctrlKey: true }), true)).toBeNull();
    expect(actionForKey(press('1'), true)).toBeNull();
  });
});

describe('the one key map', () => {
  it('reaches every review action', () => {
    expect(actionForKey(press('n'), false)).toEqual({ kind: 'next-pending', step: 1 });
    expect(actionForKey(press('N', { shiftKey: true }), false)).toEqual({ kind: 'next-pending', step: -1 });
    expect(actionForKey(press('ArrowDown'), false)).toEqual({ kind: 'object-step', delta: 1, extend: false });
    expect(actionForKey(press('k'), false)).toEqual({ kind: 'object-step', delta: -1, extend: false });
    expect(actionForKey(press('ArrowUp', { shiftKey: true }), false)).toEqual({ kind: 'object-step', delta: -1, extend: true });
    expect(actionForKey(press('ArrowRight', { shiftKey: true }), false)).toEqual({ kind: 'frame-step', delta: 10 });
    expect(actionForKey(press('a', { ctrlKey: true }), false)).toEqual({ kind: 'mark-all' });
    expect(actionForKey(press('?', { shiftKey: true }), false)).toEqual({ kind: 'help' });
    expect(actionForKey(press('?'), false)).toEqual({ kind: 'help' });
    expect(actionForKey(press('/'), false)).toEqual({ kind: 'focus-search' });
    expect(actionForKey(press('x'), false)).toEqual({ kind: 'toggle-mark' });
    expect(actionForKey(press('a'), false)).toBeNull();
    expect(actionForKey(press('n', { altKey: true }), false)).toBeNull();
  });

  it('gives every key press at most one meaning', () => {
    const keys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Enter', 'Escape', 'Delete', '/', '?', ...'0123456789abcdefghijklmnopqrstuvwxyz'];
    for (const key of keys) {
      for (const shiftKey of [false, true]) {
        for (const ctrlKey of [false, true]) {
          const p = press(shiftKey && key.length === 1 ? key.toUpperCase() : key, { shiftKey, ctrlKey });
          const meanings = bindingsFor(p);
          expect(meanings.length, `${ctrlKey ? 'Ctrl+' : ''}${shiftKey ? 'Shift+' : ''}${key}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('the README lists exactly the shortcuts of the key map', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = /<!-- shortcuts:start -->\n([\s\S]*?)\n<!-- shortcuts:end -->/.exec(readme);
    expect(section, 'README.md needs the shortcut table between <!-- shortcuts:start --> and <!-- shortcuts:end -->').not.toBeNull();
    expect(section![1].trim()).toBe(shortcutTableMarkdown());
  });
});
