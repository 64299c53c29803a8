import { useEffect, useRef, useState } from 'react';
import type { ObjectView } from '../../shared/api';
import { ObjectHistory } from './ObjectHistory';

interface ObjectListProps {
  objects: ObjectView[];
  selectedId: string | null;
  onSelect(object: ObjectView): void;
  onEdit(id: string, field: 'label' | 'note', value: string): void;
  onAccept(id: string): void;
  onReject(id: string): void;
  onError(error: unknown): void;
}

/** The located objects, newest first, with their review status and the analyst's notes. */
export function ObjectList({ objects, selectedId, onSelect, onEdit, onAccept, onReject, onError }: ObjectListProps) {
  const selectedRow = useRef<HTMLLIElement>(null);
  useEffect(() => selectedRow.current?.scrollIntoView({ block: 'nearest' }), [selectedId]);
  const ordered = [...objects].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <aside className="object-panel" data-testid="object-list">
      <h2>
        Objects <span className="count">{objects.length}</span>
      </h2>
      {objects.length === 0 && <p className="placeholder">Click an object in a frame to locate it on the map.</p>}
      <ul>
        {ordered.map((o) => (
          <li
            key={o.id}
            ref={o.id === selectedId ? selectedRow : undefined}
            className={`object-row${o.id === selectedId ? ' selected' : ''}`}
            data-testid="object-row"
            data-object-id={o.id}
            data-status={o.status}
            aria-selected={o.id === selectedId}
            onClick={() => onSelect(o)}
          >
            <div className="object-head">
              <span className={`status-badge status-${o.status}`} data-testid="object-status">
                {o.status}
              </span>
              <span className="object-frame" title={o.frame.name}>
                {o.frame.name}
              </span>
              <span className="object-score">{o.candidates[o.chosen] ? `${(o.candidates[o.chosen].score * 100).toFixed(0)}%` : 'drawn'}</span>
            </div>
            <CommitField testId="object-label" placeholder="label" value={o.label} onCommit={(v) => onEdit(o.id, 'label', v)} />
            <CommitField testId="object-note" placeholder="note" value={o.note} onCommit={(v) => onEdit(o.id, 'note', v)} />
            <div className="object-actions">
              <button type="button" data-testid="object-accept" title="Accept (Enter)" onClick={(e) => {
                  e.stopPropagation();
                  onAccept(o.id);
                }}>
                Accept
              </button>
              <button type="button" data-testid="object-reject" title="Reject (Esc)" onClick={(e) => {
                  e.stopPropagation();
                  onReject(o.id);
                }}>
                Reject
              </button>
            </div>
            {o.id === selectedId && <ObjectHistory id={o.id} updatedAt={o.updatedAt} onError={onError} />}
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** A text field that stores its value when the user leaves it or presses Enter, not per keystroke. */
function CommitField({ value, placeholder, testId, onCommit }: { value: string; placeholder: string; testId: string; onCommit(v: string): void }) {
  const [draft, setDraft] = useState(value);
  // Escape blurs the field too; the blur must then not store the draft being abandoned.
  const cancelled = useRef(false);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (!cancelled.current && draft !== value) onCommit(draft);
    cancelled.current = false;
  };
  return (
    <input
      className="object-field"
      data-testid={testId}
      placeholder={placeholder}
      value={draft}
      maxLength={placeholder === 'label' ? 200 : 10_000}
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          cancelled.current = true;
          setDraft(value);
          e.currentTarget.blur();
        }
      }}
    />
  );
}
