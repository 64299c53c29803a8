import { memo, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { ObjectView } from '../../shared/api';
import { useElementSize } from '../hooks/useElementSize';
import { useStableCallback } from '../hooks/useStableCallback';
import type { ObjectTableModel } from '../hooks/useObjectTable';
import { scoreOf, scrollToShow, statusCounts, STATUSES, visibleRange, type SortKey } from '../lib/object-table';
import { ObjectFilters } from './ObjectFilters';

export const ROW_HEIGHT = 28;

const COLUMNS: { key: SortKey; title: string }[] = [
  { key: 'status', title: 'Status' },
  { key: 'label', title: 'Label' },
  { key: 'frame', title: 'Frame' },
  { key: 'score', title: 'Score' },
  { key: 'model', title: 'Model' },
  { key: 'date', title: 'Located' },
];

interface ObjectTableProps {
  objects: ObjectView[];
  table: ObjectTableModel;
  currentId: string | null;
  onOpen(object: ObjectView): void;
  onBulk(status: 'accepted' | 'rejected'): void;
  /** The current object's editor, shown under the table. */
  children?: React.ReactNode;
}

function shortDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 16);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Every located object as one row of a virtualised table: only the rows in view are in the DOM,
 * so ten thousand objects scroll like ten. Sort by a column header, narrow with the filters.
 */
export function ObjectTable({ objects, table, currentId, onOpen, onBulk, children }: ObjectTableProps) {
  const { rows, sort, marked, markedRows } = table;
  const counts = useMemo(() => statusCounts(objects), [objects]);
  const click = useStableCallback((e: MouseEvent, o: ObjectView) => {
    table.mark(o.id, e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'only');
    onOpen(o);
  });

  return (
    <aside className="object-panel" data-testid="object-list" aria-label="Located objects">
      <h2 className="object-panel-head">
        Objects <span className="count" data-testid="object-count">{objects.length}</span>
        <span className="status-counts">
          {STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              className={`status-count status-${s}`}
              data-testid={`count-${s}`}
              aria-pressed={table.filter.status === s}
              title={`Show only ${s} objects`}
              onClick={() => table.patchFilter({ status: table.filter.status === s ? 'all' : s })}
            >
              {s} {counts[s]}
            </button>
          ))}
        </span>
      </h2>
      <ObjectFilters objects={objects} filter={table.filter} onChange={table.patchFilter} onReset={table.resetFilter} />
      {markedRows.length > 1 && (
        <div className="bulk-bar" data-testid="bulk-bar">
          <span data-testid="bulk-count">{markedRows.length} marked</span>
          <button type="button" data-testid="bulk-accept" title="Accept the marked objects (Enter)" onClick={() => onBulk('accepted')}>
            Accept all
          </button>
          <button type="button" data-testid="bulk-reject" title="Reject the marked objects (Esc)" onClick={() => onBulk('rejected')}>
            Reject all
          </button>
          <button type="button" data-testid="bulk-clear" onClick={table.clearMarks}>
            Unmark
          </button>
        </div>
      )}
      <div className="object-table" role="grid" aria-rowcount={rows.length} aria-multiselectable>
        <div className="object-table-head" role="row">
          {COLUMNS.map((c) => (
            <button
              key={c.key}
              type="button"
              role="columnheader"
              className={`col-${c.key}`}
              data-testid={`sort-${c.key}`}
              aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              onClick={() => table.sortBy(c.key)}
            >
              {c.title}
              {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
            </button>
          ))}
        </div>
        <TableBody objects={objects} rows={rows} marked={marked} currentId={currentId} onRowClick={click} />
      </div>
      {children}
    </aside>
  );
}

interface TableBodyProps {
  objects: ObjectView[];
  rows: ObjectView[];
  marked: ReadonlySet<string>;
  currentId: string | null;
  onRowClick(e: MouseEvent, o: ObjectView): void;
}

/** The scrolled rows alone: a scroll re-renders the thirty-odd rows in view, not the header and filters. */
const TableBody = memo(function TableBody({ objects, rows, marked, currentId, onRowClick }: TableBodyProps) {
  const body = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(body);
  const [scrollTop, setScrollTop] = useState(0);
  const { first, last } = visibleRange(scrollTop, height, ROW_HEIGHT, rows.length);

  // The current object moves with the keyboard (next pending, ↑/↓): keep its row in view.
  useEffect(() => {
    const el = body.current;
    const index = rows.findIndex((o) => o.id === currentId);
    if (!el || index < 0 || height === 0) return;
    const target = scrollToShow(index, el.scrollTop, el.clientHeight, ROW_HEIGHT);
    if (target !== el.scrollTop) el.scrollTop = target;
  }, [currentId, rows, height]);

  return (
    <div ref={body} className="object-table-body" data-testid="object-table-body" onScroll={(e) => {
        // Re-render only when another row reaches the top, not on every scrolled pixel.
        const top = e.currentTarget.scrollTop;
        setScrollTop((prev) => (Math.floor(prev / ROW_HEIGHT) === Math.floor(top / ROW_HEIGHT) ? prev : top));
      }}>
      {objects.length === 0 && <p className="placeholder">Click an object in a frame to locate it on the map.</p>}
      {objects.length > 0 && rows.length === 0 && <p className="placeholder" data-testid="object-none-match">No object matches the filters.</p>}
      <div className="object-table-track" style={{ height: rows.length * ROW_HEIGHT }}>
        {rows.slice(first, last).map((o, i) => (
          <TableRow key={o.id} o={o} index={first + i} current={o.id === currentId} marked={marked.has(o.id)} onRowClick={onRowClick} />
        ))}
      </div>
    </div>
  );
});

interface TableRowProps {
  o: ObjectView;
  index: number;
  current: boolean;
  marked: boolean;
  onRowClick(e: MouseEvent, o: ObjectView): void;
}

const TableRow = memo(function TableRow({ o, index, current, marked, onRowClick }: TableRowProps) {
  const score = scoreOf(o);
  return (
    <div
      role="row"
      className={`object-row${current ? ' current' : ''}${marked ? ' marked' : ''}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      data-testid="object-row"
      data-object-id={o.id}
      data-status={o.status}
      aria-rowindex={index + 1}
      aria-selected={marked}
      aria-current={current}
      onClick={(e) => onRowClick(e, o)}
    >
      <span className="col-status">
        <span className={`status-badge status-${o.status}`} data-testid="object-status">
          {o.status}
        </span>
      </span>
      <span className="col-label" title={o.note || o.label} data-testid="object-row-label">
        {o.label || <em className="muted">—</em>}
      </span>
      <span className="col-frame" title={o.frame.name}>
        {o.frame.index + 1}
      </span>
      <span className="col-score">{score === null ? 'drawn' : `${Math.round(score * 100)}%`}</span>
      <span className="col-model" title={o.model.id}>
        {o.model.id}
      </span>
      <span className="col-date" title={o.createdAt}>
        {shortDate(o.createdAt)}
      </span>
    </div>
  );
});
