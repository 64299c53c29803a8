import { useState, type FormEvent } from 'react';
import type { PathPromptState } from '../hooks/usePathPrompt';

/** Browser mode's stand-in for a native file dialog: the user types a full path. */
export function PathPrompt({ prompt, onAnswer }: { prompt: PathPromptState; onAnswer(path: string | null): void }) {
  const [path, setPath] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = path.trim();
    if (trimmed) onAnswer(trimmed);
  };
  return (
    <div className="modal-backdrop">
      <form className="path-prompt" role="dialog" aria-label={prompt.title} data-testid="path-prompt" onSubmit={submit}>
        <label htmlFor="path-prompt-input">{prompt.title}</label>
        <input
          id="path-prompt-input"
          data-testid="path-prompt-input"
          autoFocus
          spellCheck={false}
          value={path}
          placeholder={prompt.placeholder}
          onChange={(e) => setPath(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && onAnswer(null)}
        />
        <div className="path-prompt-buttons">
          <button type="button" data-testid="path-prompt-cancel" onClick={() => onAnswer(null)}>
            Cancel
          </button>
          <button type="submit" data-testid="path-prompt-ok" disabled={!path.trim()}>
            OK
          </button>
        </div>
      </form>
    </div>
  );
}
