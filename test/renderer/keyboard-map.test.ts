import { describe, expect, it } from 'vitest';
import { actionForKey, type KeyPress } from '../../src/renderer/lib/keyboard-map';

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
