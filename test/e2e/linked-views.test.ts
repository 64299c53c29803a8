// Linked frame and map: the frame's ground footprint on the map follows the frame steps; the
// frame pixel under the cursor shows on the map where its ray meets the ground (with its 3σ
// ellipse); the map point under the cursor shows in the frame when the frame sees it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cameraFromTelemetry, groundToPixel, pixelToGround, DEFAULT_SIGMA, type FrameCamera } from '../../src/shared/geometry';
import { alertTexts, useStory, waitForFrameAndMap } from './harness';

const box = async (page: Page, testId: string) => (await page.getByTestId(testId).boundingBox())!;
const footprintPath = (page: Page) => page.getByTestId('frame-footprint').getAttribute('d');

/** The lat/lon the map's readout shows under the mouse at (x, y) of the page. */
async function mapLonLat(page: Page, x: number, y: number): Promise<{ lon: number; lat: number }> {
  await page.mouse.move(x, y);
  const text = (await page.getByTestId('cursor-coordinates').textContent())!;
  const [lat, lon] = text.split(',').map(Number);
  return { lon, lat };
}

describe('linked frame and map', () => {
  const story = useStory('smgeo-e2e-linked-', { sample: true });

  async function cameraOf(index: number): Promise<FrameCamera> {
    // After a frame step the new frame's image may still be loading.
    await story.page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="frame-image"]');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    const size = await story.page.getByTestId('frame-image').evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }));
    const t = story.app.session.requireFrames().telemetry.get(index);
    expect(t, `frame ${index} of the sample has telemetry`).toBeTruthy();
    const r = cameraFromTelemetry(t!, size, { sigma: DEFAULT_SIGMA });
    if (!r.ok) throw new Error(r.reason);
    return r.camera;
  }

  /** Hovers frame pixel (fx, fy) and returns the page position of the map's cross-hair. */
  async function hoverFramePixel(fx: number, fy: number, camera: FrameCamera) {
    const img = await box(story.page, 'frame-image');
    await story.page.mouse.move(img.x + (fx / camera.width) * img.width, img.y + (fy / camera.height) * img.height);
    await story.page.getByTestId('ground-crosshair').waitFor({ state: 'attached' });
    await story.page.getByTestId('ground-ellipse').waitFor({ state: 'attached' });
    const c = await box(story.page, 'ground-crosshair');
    return { x: c.x + c.width / 2, y: c.y + c.height / 2 };
  }

  it("draws the frame's footprint, and the cross-hair where the hovered pixel's ray meets the ground", async () => {
    const { app, page } = story;
    await page.goto(app.url);
    await page.getByTestId('open-sample').click();
    await waitForFrameAndMap(page);
    await page.getByTestId('frame-footprint').waitFor({ state: 'attached' });
    const camera = await cameraOf(0);

    const pixel = { x: camera.width * 0.5, y: camera.height * 0.6 };
    const at = await hoverFramePixel(pixel.x, pixel.y, camera);
    const expected = pixelToGround(camera, pixel)!;
    const shown = await mapLonLat(page, at.x, at.y);
    // Within a few map pixels (the sample map shows about a metre per pixel here): 3e-5° ≈ 2–3 m.
    expect(Math.abs(shown.lat - expected.lat)).toBeLessThan(3e-5);
    expect(Math.abs(shown.lon - expected.lon)).toBeLessThan(3e-5);
    // Leaving the frame takes the cross-hair off the map.
    await page.getByTestId('ground-crosshair').waitFor({ state: 'detached' });

    // The map point under the cursor is marked in the frame, at its pixel.
    const mark = page.getByTestId('frame-ground-mark');
    await mark.waitFor({ state: 'attached' });
    const back = groundToPixel(camera, shown)!;
    expect(Math.abs(Number(await mark.getAttribute('data-x')) - back.x)).toBeLessThan(1);
    expect(Math.abs(Number(await mark.getAttribute('data-y')) - back.y)).toBeLessThan(1);
    // And it is the pixel first hovered, give or take the map's pixel size seen obliquely.
    expect(Math.abs(back.x - pixel.x)).toBeLessThan(camera.width * 0.06);
    expect(Math.abs(back.y - pixel.y)).toBeLessThan(camera.height * 0.06);
    const img = await box(page, 'frame-image');
    const m = await mark.boundingBox();
    expect(Math.abs(m!.x + m!.width / 2 - (img.x + (back.x / camera.width) * img.width))).toBeLessThan(3);
  });

  it('marks a map point in the frame only when the frame sees it', async () => {
    const { page } = story;
    const camera = await cameraOf(0);
    const map = await box(page, 'map-pane');
    const fp = await box(page, 'frame-footprint');
    const points = [
      [fp.x + fp.width / 2, fp.y + fp.height / 2],
      ...[[0.05, 0.05], [0.95, 0.95], [0.5, 0.1], [0.1, 0.9]].map(([fx, fy]) => [map.x + map.width * fx, map.y + map.height * fy]),
    ];
    const seenAt: boolean[] = [];
    for (const [x, y] of points) {
      const p = await mapLonLat(page, x, y);
      const px = groundToPixel(camera, p);
      const seen = !!px && px.x >= 0 && px.y >= 0 && px.x < camera.width && px.y < camera.height;
      seenAt.push(seen);
      await expect.poll(() => page.getByTestId('frame-ground-mark').count()).toBe(seen ? 1 : 0);
    }
    // Both cases were tried: the footprint's middle is seen, some corner of the map is not.
    expect(seenAt[0]).toBe(true);
    expect(seenAt.slice(1)).toContain(false);
  });

  it('a frame step redraws the footprint and moves the cross-hair with the new camera', async () => {
    const { page, problems } = story;
    const before = await footprintPath(page);
    await page.keyboard.press('End');
    await expect.poll(() => page.getByTestId('status-frame').textContent()).toBe('frame 80/80');
    await expect.poll(() => footprintPath(page)).not.toBe(before);
    const camera = await cameraOf(79);
    const pixel = { x: camera.width * 0.4, y: camera.height * 0.7 };
    const at = await hoverFramePixel(pixel.x, pixel.y, camera);
    const shown = await mapLonLat(page, at.x, at.y);
    const expected = pixelToGround(camera, pixel)!;
    expect(Math.abs(shown.lat - expected.lat)).toBeLessThan(3e-5);
    expect(Math.abs(shown.lon - expected.lon)).toBeLessThan(3e-5);
    await page.screenshot({ path: 'test-results/e2e-linked-views.png' });
    expect(await alertTexts(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
