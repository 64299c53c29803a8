/**
 * The object table's logic, kept apart from React: filtering, sorting, status counts, the rows a
 * scrolled viewport shows, range selection and the calls of a bulk review.
 */
import type { ObjectStatusView, ObjectView } from '../../shared/api';
import type { UpdateCall } from './object-edits';

export const STATUSES: ObjectStatusView[] = ['pending', 'accepted', 'corrected', 'rejected'];

export type SortKey = 'status' | 'label' | 'frame' | 'score' | 'model' | 'date';
export interface TableSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}
export const DEFAULT_SORT: TableSort = { key: 'date', dir: 'desc' };

export interface TableFilter {
  /** Words that must all appear in the label or the note (case-insensitive). */
  search: string;
  status: ObjectStatusView | 'all';
  /** A frame number (as the strip shows it, from 1) or part of the frame's file name. */
  frame: string;
  /** Lowest score of the chosen candidate, 0–1; objects drawn by hand have no score and are kept out. */
  minScore: number | null;
  model: string | 'all';
  /** A day, YYYY-MM-DD, the object was located on. */
  day: string | 'all';
}
export const EMPTY_FILTER: TableFilter = { search: '', status: 'all', frame: '', minScore: null, model: 'all', day: 'all' };

export function scoreOf(o: ObjectView): number | null {
  return o.candidates[o.chosen]?.score ?? null;
}

export const dayOf = (o: ObjectView) => o.createdAt.slice(0, 10);

function matchesFrame(o: ObjectView, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  // A bare number is the frame's place in the strip (not any name with that digit in it).
  if (/^\d+$/.test(q)) return o.frame.index + 1 === Number(q);
  return o.frame.name.toLowerCase().includes(q);
}

export function matches(o: ObjectView, f: TableFilter): boolean {
  if (f.status !== 'all' && o.status !== f.status) return false;
  if (f.model !== 'all' && o.model.id !== f.model) return false;
  if (f.day !== 'all' && dayOf(o) !== f.day) return false;
  if (f.minScore !== null && !((scoreOf(o) ?? -1) >= f.minScore)) return false;
  if (!matchesFrame(o, f.frame)) return false;
  const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length) {
    const text = `${o.label}\n${o.note}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
/**
 * ISO timestamps and ids compare by code unit: String.localeCompare goes through the locale's
 * collation on every call, and sorting 10,000 rows makes half a million of them (seconds).
 */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const statusRank = (s: ObjectStatusView) => STATUSES.indexOf(s);

function compare(a: ObjectView, b: ObjectView, key: SortKey): number {
  switch (key) {
    case 'status':
      return statusRank(a.status) - statusRank(b.status);
    case 'label':
      // Unlabelled objects go last whichever way the label sorts.
      return collator.compare(a.label || '\uffff', b.label || '\uffff');
    case 'frame':
      return a.frame.index - b.frame.index || collator.compare(a.frame.name, b.frame.name);
    case 'score':
      return (scoreOf(a) ?? -1) - (scoreOf(b) ?? -1);
    case 'model':
      return collator.compare(a.model.id, b.model.id);
    case 'date':
      return byCodeUnit(a.createdAt, b.createdAt);
  }
}

/** The rows to show: filtered, then sorted (ties keep the newest first so the order is stable). */
export function tableRows(objects: ObjectView[], filter: TableFilter, sort: TableSort): ObjectView[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return objects
    .filter((o) => matches(o, filter))
    .sort((a, b) => sign * compare(a, b, sort.key) || byCodeUnit(b.createdAt, a.createdAt) || byCodeUnit(a.id, b.id));
}

/** Clicking a column sorts by it; clicking it again reverses the order. */
export function toggleSort(sort: TableSort, key: SortKey): TableSort {
  if (sort.key === key) return { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'date' || key === 'score' ? 'desc' : 'asc' };
}

export function statusCounts(objects: ObjectView[]): Record<ObjectStatusView, number> {
  const counts = { pending: 0, accepted: 0, corrected: 0, rejected: 0 };
  for (const o of objects) counts[o.status]++;
  return counts;
}

/** First and last (exclusive) row a viewport shows, with `overscan` rows either side. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 6) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/** The scroll position that brings row `index` into view, moving as little as possible. */
export function scrollToShow(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return scrollTop;
}

/** The ids from `from` to `to` inclusive, in the order shown (shift-click). */
export function idsBetween(rows: ObjectView[], from: string, to: string): string[] {
  const a = rows.findIndex((o) => o.id === from);
  const b = rows.findIndex((o) => o.id === to);
  if (a < 0 || b < 0) return b < 0 ? [] : [to];
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return rows.slice(lo, hi + 1).map((o) => o.id);
}

/**
 * The calls that give every object in `targets` the status: those already there are skipped, and
 * accepting leaves a corrected box corrected (the analyst's box is already the verdict).
 */
export function bulkStatusCalls(targets: ObjectView[], status: 'accepted' | 'rejected'): UpdateCall[] {
  return targets
    .filter((o) => o.status !== status && !(status === 'accepted' && o.status === 'corrected'))
    .map((o) => ({ id: o.id, status }));
}

/** The next pending object after `currentId` in the shown order, wrapping round; null if none. */
export function nextPending(rows: ObjectView[], currentId: string | null, step: 1 | -1 = 1): ObjectView | null {
  const n = rows.length;
  if (!n) return null;
  const start = rows.findIndex((o) => o.id === currentId);
  for (let k = 1; k <= n; k++) {
    const i = (((start < 0 ? (step === 1 ? -1 : 0) : start) + step * k) % n + n) % n;
    if (rows[i].status === 'pending' && rows[i].id !== currentId) return rows[i];
  }
  return null;
}
