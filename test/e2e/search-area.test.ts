// Frames without telemetry: the analyst drags the search square to where the drone was, and the
// model searches there (the square's centre travels with the click as `centre`).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { alertTexts, answerPathPrompt, ROOT, useStory, waitForFrameAndMap } from './harness';

describe('search area for frames without telemetry', () => {
  const story = useStory('smgeo-e2e-search-', {
    sample: true,
    model: true,
    prepare(tmp) {
      // The sample's frames without their .SRT: no position for any frame.
      const folder = join(tmp, 'frames-no-telemetry');
      mkdirSync(folder);
      const frames = join(ROOT, 'resources/sample/frames');
      for (const n of readdirSync(frames).filter((f) => /\.jpe?g$/i.test(f)).slice(0, 3)) copyFileSync(join(frames, n), join(folder, n));
    },
  });

  const square = async (p: Page) => (await p.getByTestId('search-area').boundingBox())!;

  it('the dragged square is where the model searches', async () => {
    const { app, page, problems, tmp } = story;
    const folder = join(tmp, 'frames-no-telemetry');
    await page.goto(app.url);
    await page.getByTestId('open-sample').click();
    await waitForFrameAndMap(page);
    await page.getByTestId('open-frames').click();
    await answerPathPrompt(page, folder);
    await expect.poll(() => page.getByTestId('status-frame').textContent()).toBe('frame 1/3');
    await waitForFrameAndMap(page);
    expect(await page.getByTestId('drone-marker').count()).toBe(0);
    expect(await page.getByTestId('search-area').getAttribute('class')).toContain('draggable');

    const before = await square(page);
    const grab = { x: before.x + before.width / 2, y: before.y + before.height / 2 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x - 40, grab.y + 20, { steps: 4 });
    await page.mouse.move(grab.x - 80, grab.y + 40, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => (await square(page)).x).toBeCloseTo(before.x - 80, -1);
    expect((await square(page)).y).toBeCloseTo(before.y + 40, -1);

    const frame = (await page.getByTestId('frame-image').boundingBox())!;
    await page.mouse.click(frame.x + frame.width / 2, frame.y + frame.height / 2);
    await page.getByTestId('selected-box').waitFor({ state: 'attached', timeout: 60_000 });
    expect(await alertTexts(page)).toEqual([]);

    // West and south of where it started: the drag moved left and down.
    const mosaic = app.session.mosaics.values().next().value!;
    const [w, s, e, n] = mosaic.info.boundsLonLat;
    const [object] = app.session.requireProject().store.listObjects();
    expect(object.searchCentre.source).toBe('user');
    expect(object.searchCentre.lon).toBeLessThan((w + e) / 2);
    expect(object.searchCentre.lat).toBeLessThan((s + n) / 2);
    expect(problems).toEqual([]);
  });
});
