import { useEffect, useRef, useState } from 'react';
import type { ObjectView } from '../../shared/api';
import { scoreOf } from '../lib/object-table';
import { ObjectHistory } from './ObjectHistory';

interface ObjectDetailProps {
  object: ObjectView;
  onEdit(id: string, field: 'label' | 'note', value: string): void;
  onAccept(id: string): void;
  onReject(id: string): void;
  onCopyCoordinates(): void;
  onError(error: unknown): void;
}

/** The current object under the table: its label and note, the verdict buttons and its history. */
export function ObjectDetail({ object: o, onEdit, onAccept, onReject, onCopyCoordinates, onError }: ObjectDetailProps) {
  const score = scoreOf(o);
  return (
    <div className="object-detail" data-testid="object-detail" data-object-id={o.id}>
      <div className="object-head">
        <span className={`status-badge status-${o.status}`} data-testid="object-detail-status">
          {o.status}
        </span>
        <span className="object-frame" title={o.frame.name}>
          frame {o.frame.index + 1} · {o.frame.name}
        </span>
        <span className="object-score">{score === null ? 'drawn' : `${(score * 100).toFixed(0)}%`}</span>
      </div>
      <CommitField testId="object-label" placeholder="label" value={o.label} onCommit={(v) => onEdit(o.id, 'label', v)} />
      <CommitField testId="object-note" placeholder="note" value={o.note} onCommit={(v) => onEdit(o.id, 'note', v)} />
      <div className="object-actions">
        <button type="button" data-testid="object-accept" title="Accept (Enter)" onClick={() => onAccept(o.id)}>
          Accept
        </button>
        <button type="button" data-testid="object-reject" title="Reject (Esc)" onClick={() => onReject(o.id)}>
          Reject
        </button>
        <button type="button" data-testid="copy-coordinates" title="Copy the box centre's coordinates (C)" onClick={onCopyCoordinates}>
          Copy coordinates
        </button>
      </div>
      <ObjectHistory id={o.id} updatedAt={o.updatedAt} onError={onError} />
    </div>
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
      aria-label={placeholder}
      value={draft}
      maxLength={placeholder === 'label' ? 200 : 10_000}
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
