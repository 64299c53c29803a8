import { useEffect, useState } from 'react';
import { invoke } from '../api-client';
import { formatHistoryEntry, type HistoryEntry } from '../lib/history-format';

/**
 * The audit trail of one object, behind a "History" toggle. It is read when opened and again
 * whenever the object changes (`updatedAt`), so a fresh edit shows up at once.
 */
export function ObjectHistory({ id, updatedAt, onError }: { id: string; updatedAt: string; onError(error: unknown): void }) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    invoke('objects.history', { id })
      .then((list) => live && setEntries(list))
      .catch((error) => live && onError(error));
    return () => {
      live = false;
    };
  }, [open, id, updatedAt, onError]);

  return (
    <div className="object-history">
      <button
        type="button"
        data-testid="object-history-toggle"
        aria-expanded={open}
        onClick={(e) => {
          e.stopPropagation();
          setOpen((v) => !v);
        }}
      >
        History
      </button>
      {open && (
        <ol className="history-list" data-testid="object-history">
          {entries === null && <li className="placeholder">Loading…</li>}
          {entries?.map((entry, i) => {
            const line = formatHistoryEntry(entry);
            return (
              <li key={i} className="history-event" data-testid="history-event" data-kind={line.kind}>
                <span className="history-time">{line.time}</span> <span className="history-kind">{line.kind}</span>{' '}
                <span className="history-summary">{line.summary}</span>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
