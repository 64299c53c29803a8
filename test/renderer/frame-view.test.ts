import { describe, expect, it } from 'vitest';
import { fillFrame, viewFor, fitFrame, frameToScreen, isClick, panBy, screenToFrame, zoomAt, MAX_ZOOM_OVER_FIT } from '../../src/renderer/lib/frame-view';

const frame = { width: 1920, height: 1080 };
const viewport = { width: 960, height: 720 };

describe('frame viewer geometry', () => {
  it('fits a wide frame to the viewport width and centres it vertically', () => {
    const v = fitFrame(frame, viewport);
    expect(v.scale).toBe(0.5);
    expect(v.offsetX).toBe(0);
    expect(v.offsetY).toBe((720 - 540) / 2);
  });

  it('fill covers the viewport: no bands, the frame centred and cropped', () => {
    const v = fillFrame(frame, viewport);
    expect(v.scale).toBeCloseTo(720 / 1080);
    expect(v.offsetY).toBe(0);
    expect(v.offsetX).toBeCloseTo((960 - 1920 * (720 / 1080)) / 2);
    expect(screenToFrame(v, 480, 360).x).toBeCloseTo(960);
    expect(viewFor('fit', frame, viewport)).toEqual(fitFrame(frame, viewport));
  });

  it('maps a click back to the frame pixel the model must receive', () => {
    const v = fitFrame(frame, viewport);
    expect(screenToFrame(v, 480, 360)).toEqual({ x: 960, y: 540 });
  });

  it('zooming keeps the pixel under the wheel where it was', () => {
    const fit = fitFrame(frame, viewport);
    const z = zoomAt(fit, 2, 100, 200, fit.scale);
    expect(z.scale).toBe(1);
    const before = screenToFrame(fit, 100, 200);
    const after = screenToFrame(z, 100, 200);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it('does not zoom out beyond the fitted frame nor in beyond the limit', () => {
    const fit = fitFrame(frame, viewport);
    expect(zoomAt(fit, 0.1, 0, 0, fit.scale).scale).toBe(fit.scale);
    expect(zoomAt(fit, 1e6, 0, 0, fit.scale).scale).toBe(fit.scale * MAX_ZOOM_OVER_FIT);
  });

  it('panning moves the frame under the cursor; round trips are exact', () => {
    const v = panBy(fitFrame(frame, viewport), 30, -10);
    const s = frameToScreen(v, 123, 456);
    expect(screenToFrame(v, s.x, s.y)).toEqual({ x: 123, y: 456 });
  });

  it('tells a click from a drag', () => {
    expect(isClick(1, 2)).toBe(true);
    expect(isClick(6, 0)).toBe(false);
  });
});
