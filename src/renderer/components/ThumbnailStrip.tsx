import { useEffect, useRef, useState } from 'react';
import { useElementSize } from '../hooks/useElementSize';
import { scrollToReveal, visibleStripWindow } from '../lib/thumbnail-window';

const THUMB_WIDTH = 112;
const GAP = 6;
const PITCH = THUMB_WIDTH + GAP;
const OVERSCAN = 4;

interface ThumbnailStripProps {
  frames: { index: number; name: string }[];
  current: number;
  thumbUrl(index: number): string;
  onSelect(position: number): void;
}

/**
 * A horizontal strip of frame thumbnails; only the items in view (plus a few) are in the DOM, so
 * a flight of 10,000 frames scrolls as smoothly as one of ten.
 */
export function ThumbnailStrip({ frames, current, thumbUrl, onSelect }: ThumbnailStripProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(scroller);
  const [scrollLeft, setScrollLeft] = useState(0);
  // Thumbnails main could not make (a damaged file) are marked, not alerted: they load as the
  // strip scrolls, and the frame's own error names the file when it is opened or clicked.
  const [broken, setBroken] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => setBroken(new Set()), [frames]);
  const geometry = { count: frames.length, pitchPx: PITCH, viewportPx: width, overscan: OVERSCAN };
  const win = visibleStripWindow(scrollLeft, geometry);

  // Keyboard navigation moves the current frame; keep it in view.
  useEffect(() => {
    const el = scroller.current;
    if (!el || width === 0) return;
    const target = scrollToReveal(current, el.scrollLeft, geometry);
    if (target !== el.scrollLeft) el.scrollLeft = target;
  }, [current, width, frames.length]);

  const items = [];
  for (let i = win.first; i <= win.last; i++) {
    const f = frames[i];
    items.push(
      <button
        type="button"
        key={`${f.index}:${f.name}`}
        className={`thumb${i === current ? ' current' : ''}${broken.has(f.index) ? ' broken' : ''}`}
        data-testid="thumbnail"
        data-frame-index={f.index}
        data-broken={broken.has(f.index) ? 'true' : undefined}
        aria-current={i === current ? 'true' : undefined}
        title={broken.has(f.index) ? `${f.name}: damaged or unreadable` : f.name}
        style={{ left: i * PITCH - win.offsetPx, width: THUMB_WIDTH }}
        onClick={() => onSelect(i)}
      >
        <img
          src={thumbUrl(f.index)}
          alt={f.name}
          loading="lazy"
          draggable={false}
          onError={() => setBroken((b) => new Set(b).add(f.index))}
        />
        <span className="thumb-label">{i + 1}</span>
      </button>,
    );
  }

  return (
    <div
      ref={scroller}
      className="thumb-strip"
      data-testid="thumbnail-strip"
      onScroll={(e) => setScrollLeft(e.currentTarget.scrollLeft)}
    >
      <div className="thumb-track" style={{ width: win.totalPx }}>
        <div className="thumb-window" style={{ transform: `translateX(${win.offsetPx}px)` }}>
          {items}
        </div>
      </div>
    </div>
  );
}
