import { useEffect, useRef } from 'react';
import { KEY_GROUPS, KEY_MAP, keysLabel } from '../lib/keyboard-map';

/** Every shortcut, listed from the one key map; `?`, Esc or a click outside closes it. */
export function HelpOverlay({ onClose }: { onClose(): void }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' || e.key === '?') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop" data-testid="help-backdrop" onClick={onClose}>
      <div
        ref={panel}
        className="help-overlay"
        data-testid="help-overlay"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
      >
        <h2>Keyboard shortcuts</h2>
        <div className="help-groups">
          {KEY_GROUPS.map((group) => (
            <section key={group}>
              <h3>{group}</h3>
              <table>
                <tbody>
                  {KEY_MAP.filter((b) => b.group === group).map((b) => (
                    <tr key={b.does} data-testid="help-row">
                      <td>
                        <kbd>{keysLabel(b)}</kbd>
                      </td>
                      <td>{b.does}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
        <p className="muted">Keys go to a text field while you type in it; Esc leaves the field.</p>
      </div>
    </div>
  );
}
