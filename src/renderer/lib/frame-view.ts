/**
 * Zoom and pan of the frame viewer: a frame pixel p is drawn at screen point p·scale + offset.
 * Kept pure so the click → frame-pixel mapping (what the model receives) is tested on its own.
 */
export interface FrameView {
  scale: number;
  offsetX: number;
  offsetY: number;
}

export interface Size {
  width: number;
  height: number;
}

export const MAX_ZOOM_OVER_FIT = 16;

/** The whole frame centred in the viewport. */
export function fitFrame(frame: Size, viewport: Size): FrameView {
  if (frame.width <= 0 || frame.height <= 0 || viewport.width <= 0 || viewport.height <= 0) {
    return { scale: 1, offsetX: 0, offsetY: 0 };
  }
  const scale = Math.min(viewport.width / frame.width, viewport.height / frame.height);
  return {
    scale,
    offsetX: (viewport.width - frame.width * scale) / 2,
    offsetY: (viewport.height - frame.height * scale) / 2,
  };
}

/** The frame scaled to cover the whole viewport (no bands), centred; the overflow is cropped. */
export function fillFrame(frame: Size, viewport: Size): FrameView {
  if (frame.width <= 0 || frame.height <= 0 || viewport.width <= 0 || viewport.height <= 0) {
    return { scale: 1, offsetX: 0, offsetY: 0 };
  }
  const scale = Math.max(viewport.width / frame.width, viewport.height / frame.height);
  return {
    scale,
    offsetX: (viewport.width - frame.width * scale) / 2,
    offsetY: (viewport.height - frame.height * scale) / 2,
  };
}

export type FitMode = 'fit' | 'fill';

export function viewFor(mode: FitMode, frame: Size, viewport: Size): FrameView {
  return mode === 'fill' ? fillFrame(frame, viewport) : fitFrame(frame, viewport);
}

export function screenToFrame(view: FrameView, x: number, y: number): { x: number; y: number } {
  return { x: (x - view.offsetX) / view.scale, y: (y - view.offsetY) / view.scale };
}

export function frameToScreen(view: FrameView, x: number, y: number): { x: number; y: number } {
  return { x: x * view.scale + view.offsetX, y: y * view.scale + view.offsetY };
}

/**
 * Zooms by `factor` about the screen point (x, y), which keeps showing the same frame pixel.
 * The scale stays between the fitted scale and MAX_ZOOM_OVER_FIT times it.
 */
export function zoomAt(view: FrameView, factor: number, x: number, y: number, fitScale: number): FrameView {
  const scale = Math.min(Math.max(view.scale * factor, fitScale), fitScale * MAX_ZOOM_OVER_FIT);
  const anchor = screenToFrame(view, x, y);
  return { scale, offsetX: x - anchor.x * scale, offsetY: y - anchor.y * scale };
}

export function panBy(view: FrameView, dx: number, dy: number): FrameView {
  return { ...view, offsetX: view.offsetX + dx, offsetY: view.offsetY + dy };
}

export function insideFrame(p: { x: number; y: number }, frame: Size): boolean {
  return p.x >= 0 && p.y >= 0 && p.x < frame.width && p.y < frame.height;
}

/** A press that moved less than this many screen pixels is a click, not a pan. */
export const CLICK_SLOP_PX = 4;

export function isClick(dx: number, dy: number): boolean {
  return Math.hypot(dx, dy) < CLICK_SLOP_PX;
}
