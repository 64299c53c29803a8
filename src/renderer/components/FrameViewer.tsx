import { useEffect, useRef, useState, useSyncExternalStore, type PointerEvent as ReactPointerEvent } from 'react';
import { groundToPixel, type FrameCamera } from '../../shared/geometry';
import { framePointer, mapPointer } from '../lib/hover-bus';
import { useElementSize } from '../hooks/useElementSize';
import {
  fitFrame,
  frameToScreen,
  viewFor,
  type FitMode,
  insideFrame,
  isClick,
  panBy,
  screenToFrame,
  zoomAt,
  type FrameView,
  type Size,
} from '../lib/frame-view';

export interface FrameMark {
  x: number;
  y: number;
  kind: 'pending' | 'selected' | 'object';
  /** Another object located in this frame: its mark is a button that selects it. */
  object?: { id: string; status: string; label: string };
}

interface FrameViewerProps {
  src: string | null;
  frameName: string | null;
  marks: FrameMark[];
  busy: boolean;
  /** 'fit' shows the whole frame; 'fill' covers the pane (no bands) and crops the overflow. */
  fitMode: FitMode;
  onToggleFit(): void;
  /** The frame's camera (linked views): the map cursor's ground point is marked in the frame. */
  camera: FrameCamera | null;
  onFrameSize(size: Size | null): void;
  onPickObject(id: string): void;
  onClickPixel(x: number, y: number): void;
  onLoadError(frameName: string, src: string): void;
}

/** The current drone frame: wheel zooms about the cursor, drag pans, a click asks the model. */
export function FrameViewer({ src, frameName, marks, busy, fitMode, onToggleFit, camera, onFrameSize, onPickObject, onClickPixel, onLoadError }: FrameViewerProps) {
  const box = useRef<HTMLDivElement>(null);
  const viewport = useElementSize(box);
  const [frame, setFrame] = useState<Size | null>(null);
  const [view, setView] = useState<FrameView>({ scale: 1, offsetX: 0, offsetY: 0 });
  const [failed, setFailed] = useState<string | null>(null);
  const press = useRef<{ x: number; y: number; lastX: number; lastY: number; panning: boolean } | null>(null);
  const fitScale = frame ? fitFrame(frame, viewport).scale : 1;

  useEffect(() => {
    if (frame) setView(viewFor(fitMode, frame, viewport));
    // Refit only when the frame size, the pane or the mode changes; stepping through same-size frames keeps the zoom.
  }, [frame?.width, frame?.height, viewport.width, viewport.height, fitMode]);

  useEffect(() => setFailed(null), [src]);
  useEffect(() => onFrameSize(frame), [frame]);
  useEffect(() => () => framePointer.set(null), []);

  // React's wheel listener is passive, so the page would scroll as well as the frame zoom.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!frame) return;
      e.preventDefault();
      const r = el.getBoundingClientRect();
      setView((v) => zoomAt(v, Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top, fitScale));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [frame, fitScale]);

  const local = (e: ReactPointerEvent) => {
    const r = box.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const onPointerDown = (e: ReactPointerEvent) => {
    if (e.button !== 0 || !frame) return;
    const p = local(e);
    press.current = { x: p.x, y: p.y, lastX: p.x, lastY: p.y, panning: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };

  const onPointerMove = (e: ReactPointerEvent) => {
    const start = press.current;
    const p = local(e);
    if (frame) {
      const px = screenToFrame(view, p.x, p.y);
      framePointer.set(insideFrame(px, frame) ? px : null);
    }
    if (!start) return;
    if (!start.panning && isClick(p.x - start.x, p.y - start.y)) return;
    start.panning = true;
    setView((v) => panBy(v, p.x - start.lastX, p.y - start.lastY));
    start.lastX = p.x;
    start.lastY = p.y;
  };

  const onPointerUp = (e: ReactPointerEvent) => {
    const start = press.current;
    press.current = null;
    if (!start || start.panning || !frame || busy) return;
    const p = local(e);
    const px = screenToFrame(view, p.x, p.y);
    if (insideFrame(px, frame)) onClickPixel(Math.round(px.x * 10) / 10, Math.round(px.y * 10) / 10);
  };

  return (
    <div
      ref={box}
      className={`frame-viewer${busy ? ' busy' : ''}`}
      data-testid="frame-viewer"
      data-fit={fitMode}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => (press.current = null)}
      onPointerLeave={() => framePointer.set(null)}
    >
      {src && (
        <button
          type="button"
          className="frame-fit-toggle"
          data-testid="frame-fit-toggle"
          aria-pressed={fitMode === 'fill'}
          title="Fill the pane or fit the whole frame (F)"
          onPointerDown={(e) => e.stopPropagation()}
          onPointerUp={(e) => e.stopPropagation()}
          onClick={onToggleFit}
        >
          {fitMode === 'fill' ? 'Fill' : 'Fit'}
        </button>
      )}
      {src ? (
        <img
          key={src}
          className="frame-image"
          data-testid="frame-image"
          src={src}
          alt={frameName ?? 'drone frame'}
          draggable={false}
          style={{
            width: frame ? frame.width * view.scale : undefined,
            height: frame ? frame.height * view.scale : undefined,
            transform: `translate(${view.offsetX}px, ${view.offsetY}px)`,
            visibility: frame ? 'visible' : 'hidden',
          }}
          onLoad={(e) => {
            const img = e.currentTarget;
            setFrame((f) =>
              f && f.width === img.naturalWidth && f.height === img.naturalHeight ? f : { width: img.naturalWidth, height: img.naturalHeight },
            );
          }}
          onError={() => {
            const name = frameName ?? 'this frame';
            setFailed(name);
            onLoadError(name, src);
          }}
        />
      ) : (
        <p className="placeholder">Open a frames folder to see the drone frames here.</p>
      )}
      {failed && (
        <p className="placeholder frame-failed" data-testid="frame-failed">
          {failed} could not be shown: the file is missing or not a readable image.
        </p>
      )}
      {frame &&
        marks.map((m, i) => {
          const s = frameToScreen(view, m.x, m.y);
          const o = m.object;
          if (o) {
            return (
              <button
                key={o.id}
                type="button"
                className={`frame-mark object status-${o.status}`}
                data-testid="frame-mark-object"
                data-object-id={o.id}
                title={`${o.label || 'unlabelled'} (${o.status}): select`}
                aria-label={`Select ${o.label || 'this object'}`}
                style={{ transform: `translate(${s.x}px, ${s.y}px)` }}
                // A press here selects the object; it must not start a pan or ask the model.
                onPointerDown={(e) => e.stopPropagation()}
                onPointerUp={(e) => e.stopPropagation()}
                onClick={() => onPickObject(o.id)}
              />
            );
          }
          return (
            <span
              key={`${m.kind}-${i}`}
              className={`frame-mark ${m.kind}`}
              data-testid={`frame-mark-${m.kind}`}
              style={{ transform: `translate(${s.x}px, ${s.y}px)` }}
            />
          );
        })}
      {frame && camera && <MapPointInFrame camera={camera} view={view} frame={frame} />}
      {busy && (
        <div className="busy-indicator" data-testid="busy-indicator" role="progressbar" aria-label="Localizing">
          <span className="spinner" /> Localizing…
        </div>
      )}
    </div>
  );
}

/** Where the map cursor's ground point falls in the frame, when the frame sees it. */
function MapPointInFrame({ camera, view, frame }: { camera: FrameCamera; view: FrameView; frame: Size }) {
  const ground = useSyncExternalStore(mapPointer.subscribe, mapPointer.get);
  const px = ground ? groundToPixel(camera, ground) : null;
  if (!px || !insideFrame(px, frame)) return null;
  const s = frameToScreen(view, px.x, px.y);
  return (
    <span
      className="frame-ground-mark"
      data-testid="frame-ground-mark"
      data-x={px.x.toFixed(1)}
      data-y={px.y.toFixed(1)}
      style={{ transform: `translate(${s.x}px, ${s.y}px)` }}
    />
  );
}
