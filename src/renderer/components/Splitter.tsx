import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface SplitterProps {
  name: 'frame' | 'list';
  label: string;
  /** Fraction of the workspace the pane on the splitter's side takes (for assistive tech). */
  value: number;
  /** The pane's allowed share, as fractions. */
  range: readonly [number, number];
  onDrag(dx: number): void;
}

const KEY_STEP_PX = 24;

/** A vertical bar between two panes: drag it, or focus it and press ←/→. */
export function Splitter({ name, label, value, range, onDrag }: SplitterProps) {
  const last = useRef<number | null>(null);
  const down = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    last.current = e.clientX;
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (last.current === null) return;
    const dx = e.clientX - last.current;
    last.current = e.clientX;
    if (dx) onDrag(dx);
  };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    // The arrows step frames everywhere else; on a focused splitter they move the splitter.
    e.preventDefault();
    e.stopPropagation();
    onDrag(e.key === 'ArrowLeft' ? -KEY_STEP_PX : KEY_STEP_PX);
  };
  return (
    <div
      className="splitter"
      data-testid={`splitter-${name}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(value * 100)}
      aria-valuemin={Math.round(range[0] * 100)}
      aria-valuemax={Math.round(range[1] * 100)}
      tabIndex={0}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={() => (last.current = null)}
      onPointerCancel={() => (last.current = null)}
      onKeyDown={key}
    />
  );
}
