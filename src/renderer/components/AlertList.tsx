import type { Message } from '../hooks/useMessages';

/** Errors stay visible until dismissed: a failed import must not vanish while the user looks away. */
export function AlertList({ messages, onDismiss }: { messages: Message[]; onDismiss(id: number): void }) {
  const errors = messages.filter((m) => m.kind === 'error');
  if (errors.length === 0) return null;
  return (
    <div className="alerts">
      {errors.map((m) => (
        <div key={m.id} className="alert" role="alert" data-testid="alert">
          <span className="alert-text">{m.text}</span>
          <button type="button" aria-label="Dismiss" data-testid="alert-dismiss" onClick={() => onDismiss(m.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
