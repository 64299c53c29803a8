// The workspace layout: panes resized by dragging (or the keyboard) and remembered in the project,
// the frame fitting or filling its pane, and a stacked layout on a small screen.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useStory, waitForFrameAndMap } from './harness';

const box = async (page: Page, testId: string) => (await page.getByTestId(testId).boundingBox())!;

describe('workspace layout', () => {
  const story = useStory('smgeo-e2e-layout-', { sample: true });
  const stored = () => story.app.session.requireProject().store.getSettings().layout;

  it('a dragged splitter resizes the panes, and the project remembers it after a reload', async () => {
    const { app, page, problems } = story;
    await page.goto(app.url);
    await page.getByTestId('open-sample').click();
    await waitForFrameAndMap(page);
    expect(await page.getByTestId('workspace').getAttribute('data-layout')).toBe('columns');
    expect(stored()).toBeNull();

    const before = await box(page, 'frame-viewer');
    const mapBefore = await box(page, 'map-pane');
    const bar = await box(page, 'splitter-frame');
    await page.mouse.move(bar.x + bar.width / 2, bar.y + 200);
    await page.mouse.down();
    await page.mouse.move(bar.x + 100, bar.y + 200, { steps: 5 });
    await page.mouse.move(bar.x + 200, bar.y + 200, { steps: 5 });
    await page.mouse.up();
    const after = await box(page, 'frame-viewer');
    expect(after.width - before.width).toBeGreaterThan(180);
    expect(after.width - before.width).toBeLessThan(220);
    expect((await box(page, 'map-pane')).width).toBeLessThan(mapBefore.width - 180);
    await expect.poll(stored).not.toBeNull();
    const saved = stored()!;
    expect(saved.frame).toBeGreaterThan(0.5);

    // The keyboard moves a focused splitter; the arrow keys do not step frames while it has focus.
    const frameText = await page.getByTestId('status-frame').textContent();
    const listBefore = await box(page, 'object-list');
    await page.getByTestId('splitter-list').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect((await box(page, 'object-list')).width).toBeGreaterThan(listBefore.width + 40);
    expect(await page.getByTestId('status-frame').textContent()).toBe(frameText);
    await expect.poll(() => stored()!.list).toBeGreaterThan(saved.list);

    await page.reload();
    await waitForFrameAndMap(page);
    await expect.poll(async () => Math.round((await box(page, 'frame-viewer')).width)).toBe(Math.round(after.width));
    expect(problems).toEqual([]);
  });

  it('the frame fits its pane, F fills it without bands, and the wheel still zooms', async () => {
    const { page } = story;
    const viewer = await box(page, 'frame-viewer');
    // Fit: the whole frame, touching two opposite edges of the pane (once the reloaded frame is fitted).
    const touches = async () => {
      const i = await box(page, 'frame-image');
      return Math.abs(i.width - viewer.width) < 2 || Math.abs(i.height - viewer.height) < 2;
    };
    await expect.poll(touches).toBe(true);
    const img = await box(page, 'frame-image');
    expect(img.width).toBeLessThanOrEqual(viewer.width + 1);
    expect(img.height).toBeLessThanOrEqual(viewer.height + 1);

    await page.getByTestId('map-pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    expect(await page.getByTestId('frame-viewer').getAttribute('data-fit')).toBe('fill');
    // The image is laid out again after the attribute changes: wait for it to cover the pane.
    const covers = async () => {
      const i = await box(page, 'frame-image');
      return i.width >= viewer.width - 1 && i.height >= viewer.height - 1;
    };
    await expect.poll(covers).toBe(true);
    const filled = await box(page, 'frame-image');
    expect(filled.x).toBeLessThanOrEqual(viewer.x + 1);
    expect(filled.y).toBeLessThanOrEqual(viewer.y + 1);

    await page.mouse.move(viewer.x + viewer.width / 2, viewer.y + viewer.height / 2);
    await page.mouse.wheel(0, -300);
    await expect.poll(async () => (await box(page, 'frame-image')).width).toBeGreaterThan(filled.width * 1.2);
    await page.getByTestId('frame-fit-toggle').click();
    expect(await page.getByTestId('frame-viewer').getAttribute('data-fit')).toBe('fit');
  });

  it('a small window stacks frame, map and list without splitters', async () => {
    const { page, problems } = story;
    await page.setViewportSize({ width: 800, height: 900 });
    await expect.poll(() => page.getByTestId('workspace').getAttribute('data-layout')).toBe('compact');
    expect(await page.getByTestId('splitter-frame').count()).toBe(0);
    const frame = await box(page, 'frame-viewer');
    const map = await box(page, 'map-pane');
    const list = await box(page, 'object-list');
    expect(frame.width).toBeGreaterThan(700);
    expect(map.y).toBeGreaterThanOrEqual(frame.y + frame.height);
    expect(list.y).toBeGreaterThanOrEqual(map.y + map.height - 1);
    expect(map.height).toBeGreaterThan(150);
    // The map follows its pane's new size and still shows the mosaic (not a blank strip).
    await expect
      .poll(() =>
        page.evaluate(() => {
          const pane = document.querySelector('[data-testid="map-pane"]')!.getBoundingClientRect();
          return [...document.querySelectorAll('.leaflet-tile-loaded')].filter((t) => {
            const r = t.getBoundingClientRect();
            return r.bottom > pane.top + 20 && r.top < pane.bottom - 20 && r.right > pane.left && r.left < pane.right;
          }).length;
        }),
      )
      .toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/e2e-layout-compact.png' });
    await page.setViewportSize({ width: 1600, height: 900 });
    await expect.poll(() => page.getByTestId('workspace').getAttribute('data-layout')).toBe('columns');
    expect(problems).toEqual([]);
  });
});
