import { useCallback, useMemo, useState } from 'react';
import type { ObjectView } from '../../shared/api';
import { DEFAULT_SORT, EMPTY_FILTER, idsBetween, tableRows, toggleSort, type SortKey, type TableFilter, type TableSort } from '../lib/object-table';

/**
 * What the object table shows (filter, sort) and which rows are marked for a bulk action. The
 * marked set is separate from the current object (the one on the map and in the frame): a click
 * makes a row current and marks it alone, Ctrl+click adds or removes it, Shift+click a range.
 */
export function useObjectTable(objects: ObjectView[]) {
  const [filter, setFilter] = useState<TableFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<TableSort>(DEFAULT_SORT);
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const rows = useMemo(() => tableRows(objects, filter, sort), [objects, filter, sort]);

  const patchFilter = useCallback((patch: Partial<TableFilter>) => setFilter((f) => ({ ...f, ...patch })), []);
  const sortBy = useCallback((key: SortKey) => setSort((s) => toggleSort(s, key)), []);

  const mark = useCallback(
    (id: string, how: 'only' | 'toggle' | 'range') => {
      if (how === 'range' && anchor) {
        setMarked(new Set(idsBetween(rows, anchor, id)));
        return;
      }
      setAnchor(id);
      if (how === 'toggle') {
        setMarked((m) => {
          const next = new Set(m);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          return next;
        });
      } else setMarked(new Set([id]));
    },
    [anchor, rows],
  );

  const markAll = useCallback(() => setMarked(new Set(rows.map((o) => o.id))), [rows]);
  const clearMarks = useCallback(() => setMarked(new Set()), []);

  /** Rows marked and still shown (a filter may have hidden some since they were marked). */
  const markedRows = useMemo(() => rows.filter((o) => marked.has(o.id)), [rows, marked]);

  return { filter, patchFilter, resetFilter: () => setFilter(EMPTY_FILTER), sort, sortBy, rows, marked, markedRows, mark, markAll, clearMarks };
}

export type ObjectTableModel = ReturnType<typeof useObjectTable>;
