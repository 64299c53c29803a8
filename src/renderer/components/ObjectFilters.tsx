import { useMemo } from 'react';
import type { ObjectView } from '../../shared/api';
import { dayOf, STATUSES, type TableFilter } from '../lib/object-table';

interface ObjectFiltersProps {
  objects: ObjectView[];
  filter: TableFilter;
  onChange(patch: Partial<TableFilter>): void;
  onReset(): void;
}

/** Search on label and note, and one filter per column; every field narrows the table at once. */
export function ObjectFilters({ objects, filter, onChange, onReset }: ObjectFiltersProps) {
  const models = useMemo(() => [...new Set(objects.map((o) => o.model.id))].sort(), [objects]);
  const days = useMemo(() => [...new Set(objects.map(dayOf))].sort().reverse(), [objects]);
  const active = JSON.stringify(filter) !== JSON.stringify({ search: '', status: 'all', frame: '', minScore: null, model: 'all', day: 'all' });
  return (
    <div className="object-filters" data-testid="object-filters">
      <input
        type="search"
        className="filter-search"
        data-testid="object-search"
        placeholder="Search label and note  (/)"
        aria-label="Search label and note"
        value={filter.search}
        onChange={(e) => onChange({ search: e.target.value })}
        onKeyDown={(e) => {
          // Esc hands the keyboard back to review and keeps the search (Chromium would clear it).
          if (e.key === 'Escape') {
            e.preventDefault();
            e.currentTarget.blur();
          }
        }}
      />
      <select aria-label="Status" data-testid="filter-status" value={filter.status} onChange={(e) => onChange({ status: e.target.value as TableFilter['status'] })}>
        <option value="all">any status</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <input
        className="filter-frame"
        data-testid="filter-frame"
        placeholder="frame"
        aria-label="Frame number or file name"
        value={filter.frame}
        onChange={(e) => onChange({ frame: e.target.value })}
      />
      <input
        type="number"
        className="filter-score"
        data-testid="filter-score"
        placeholder="score ≥ %"
        aria-label="Lowest score in percent"
        min={0}
        max={100}
        value={filter.minScore === null ? '' : Math.round(filter.minScore * 100)}
        onChange={(e) => onChange({ minScore: e.target.value === '' ? null : Math.min(100, Math.max(0, Number(e.target.value))) / 100 })}
      />
      <select aria-label="Model" data-testid="filter-model" value={filter.model} onChange={(e) => onChange({ model: e.target.value })}>
        <option value="all">any model</option>
        {models.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <select aria-label="Day located" data-testid="filter-day" value={filter.day} onChange={(e) => onChange({ day: e.target.value })}>
        <option value="all">any day</option>
        {days.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
      {active && (
        <button type="button" data-testid="filter-reset" onClick={onReset}>
          Clear
        </button>
      )}
    </div>
  );
}
