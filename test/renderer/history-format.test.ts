import { describe, expect, it } from 'vitest';
import { formatHistoryEntry, formatHistoryTime } from '../../src/renderer/lib/history-format';

const at = '2026-03-04T05:06:07.000Z';

describe('formatHistoryEntry', () => {
  it('summarises a created event by its status and candidate', () => {
    const line = formatHistoryEntry({ at, kind: 'created', data: { status: 'pending', ring: [[0, 0]], chosen: 0 } });
    expect(line).toEqual({ time: formatHistoryTime(at), kind: 'created', summary: 'status "pending", candidate 1' });
  });

  it('shows a status change as from → to', () => {
    expect(formatHistoryEntry({ at, kind: 'status', data: { from: 'pending', to: 'accepted' } }).summary).toBe('"pending" → "accepted"');
  });

  it('numbers candidates from 1', () => {
    expect(formatHistoryEntry({ at, kind: 'chosen', data: { from: 0, to: 2 } }).summary).toBe('candidate 1 → 3');
  });

  it('does not print rings, and shortens long notes', () => {
    expect(formatHistoryEntry({ at, kind: 'corrected', data: { from: [[1, 2]], to: [[3, 4]] } }).summary).toBe('box moved or resized');
    expect(formatHistoryEntry({ at, kind: 'corrected-from', data: { from: null, to: [[1, 2]] } }).summary).toBe('model box kept for reference');
    expect(formatHistoryEntry({ at, kind: 'corrected-from', data: { from: [[1, 2]], to: null } }).summary).toBe('correction cleared');
    const long = 'x'.repeat(100);
    const summary = formatHistoryEntry({ at, kind: 'note', data: { from: '', to: long } }).summary;
    expect(summary.startsWith('(empty) → "xxx')).toBe(true);
    expect(summary.length).toBeLessThan(60);
  });

  it('keeps unknown kinds and odd data readable', () => {
    expect(formatHistoryEntry({ at, kind: 'future-kind', data: 42 })).toMatchObject({ kind: 'future-kind', summary: '' });
    expect(formatHistoryEntry({ at, kind: 'label', data: { from: null, to: 'car' } }).summary).toBe('none → "car"');
  });
});

describe('formatHistoryTime', () => {
  it('prints a local date and time, or the raw text when it is not a date', () => {
    expect(formatHistoryTime(at)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(formatHistoryTime('not a date')).toBe('not a date');
  });
});
