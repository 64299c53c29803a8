import { describe, expect, it } from 'vitest';
import {
  bulkStatusCalls,
  EMPTY_FILTER,
  idsBetween,
  nextPending,
  scrollToShow,
  statusCounts,
  tableRows,
  toggleSort,
  visibleRange,
  DEFAULT_SORT,
} from '../../src/renderer/lib/object-table';
import { objectView } from './object-fixtures';

const withScore = (score: number) => [{ score, chipBox: [0, 0, 1, 1] as [number, number, number, number], ring: [] }];
const objects = [
  objectView({ id: 'a', label: 'red roof house', note: 'next to the church', createdAt: '2026-12-01T10:00:00Z', frame: { index: 4, name: 'f5.jpg' }, candidates: withScore(0.9) }),
  objectView({ id: 'b', label: 'Barn', status: 'accepted', createdAt: '2026-12-02T09:00:00Z', frame: { index: 11, name: 'f12.jpg' }, candidates: withScore(0.3), model: { id: 'big-2', sha256: 'x', provider: 'cpu' } }),
  objectView({ id: 'c', label: '', note: 'roof damaged', status: 'corrected', createdAt: '2026-12-02T11:00:00Z', frame: { index: 1, name: 'f2.jpg' }, candidates: withScore(0.6) }),
  objectView({ id: 'd', label: 'silo', status: 'rejected', createdAt: '2026-12-01T12:00:00Z', frame: { index: 4, name: 'f5.jpg' }, chosen: -1, candidates: [] }),
];
const ids = (list: { id: string }[]) => list.map((o) => o.id);

describe('object table', () => {
  it('shows the newest first by default', () => {
    expect(ids(tableRows(objects, EMPTY_FILTER, DEFAULT_SORT))).toEqual(['c', 'b', 'd', 'a']);
  });

  it('search matches every word in the label or the note, whatever the case', () => {
    expect(ids(tableRows(objects, { ...EMPTY_FILTER, search: 'ROOF' }, DEFAULT_SORT))).toEqual(['c', 'a']);
    expect(ids(tableRows(objects, { ...EMPTY_FILTER, search: 'roof church' }, DEFAULT_SORT))).toEqual(['a']);
  });

  it('filters by status, frame number or name, lowest score, model and day', () => {
    const rows = (f: Partial<typeof EMPTY_FILTER>) => ids(tableRows(objects, { ...EMPTY_FILTER, ...f }, DEFAULT_SORT));
    expect(rows({ status: 'accepted' })).toEqual(['b']);
    expect(rows({ frame: '5' })).toEqual(['d', 'a']);
    expect(rows({ frame: 'f12' })).toEqual(['b']);
    // A hand-drawn box (no candidate) has no score and is left out by a score filter.
    expect(rows({ minScore: 0.5 })).toEqual(['c', 'a']);
    expect(rows({ model: 'big-2' })).toEqual(['b']);
    expect(rows({ day: '2026-12-01' })).toEqual(['d', 'a']);
  });

  it('sorts by a column, and a second click reverses it; unlabelled objects sort last', () => {
    const byLabel = toggleSort(DEFAULT_SORT, 'label');
    expect(byLabel).toEqual({ key: 'label', dir: 'asc' });
    expect(ids(tableRows(objects, EMPTY_FILTER, byLabel))).toEqual(['b', 'a', 'd', 'c']);
    expect(ids(tableRows(objects, EMPTY_FILTER, { key: 'score', dir: 'desc' }))).toEqual(['a', 'c', 'b', 'd']);
    expect(ids(tableRows(objects, EMPTY_FILTER, { key: 'frame', dir: 'asc' }))).toEqual(['c', 'd', 'a', 'b']);
    expect(ids(tableRows(objects, EMPTY_FILTER, { key: 'status', dir: 'asc' }))).toEqual(['a', 'b', 'c', 'd']);
    expect(toggleSort(byLabel, 'label').dir).toBe('desc');
  });

  it('counts objects per status', () => {
    expect(statusCounts(objects)).toEqual({ pending: 1, accepted: 1, corrected: 1, rejected: 1 });
  });

  it('renders only the rows in view, and scrolls just enough to show a row', () => {
    expect(visibleRange(2800, 560, 28, 10_000, 2)).toEqual({ first: 98, last: 122 });
    expect(visibleRange(0, 0, 28, 0)).toEqual({ first: 0, last: 0 });
    expect(scrollToShow(50, 0, 280, 28)).toBe(50 * 28 + 28 - 280);
    expect(scrollToShow(2, 280, 280, 28)).toBe(56);
    expect(scrollToShow(12, 280, 280, 28)).toBe(280);
  });

  it('shift-click marks the range in the order shown', () => {
    const rows = tableRows(objects, EMPTY_FILTER, DEFAULT_SORT);
    expect(idsBetween(rows, 'a', 'b')).toEqual(['b', 'd', 'a']);
  });

  it('a bulk accept skips objects already accepted and keeps corrected boxes corrected', () => {
    expect(bulkStatusCalls(objects, 'accepted')).toEqual([
      { id: 'a', status: 'accepted' },
      { id: 'd', status: 'accepted' },
    ]);
    expect(bulkStatusCalls(objects, 'rejected').map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('next pending walks the shown order and wraps round', () => {
    const rows = tableRows([...objects, objectView({ id: 'e', createdAt: '2026-12-03T00:00:00Z' })], EMPTY_FILTER, DEFAULT_SORT);
    // e, c, b, d, a: pending are e and a.
    expect(nextPending(rows, null)?.id).toBe('e');
    expect(nextPending(rows, 'e')?.id).toBe('a');
    expect(nextPending(rows, 'a')?.id).toBe('e');
    expect(nextPending(rows, 'c', -1)?.id).toBe('e');
    expect(nextPending(rows.filter((o) => o.id !== 'e'), 'a')).toBeNull();
  });
});
