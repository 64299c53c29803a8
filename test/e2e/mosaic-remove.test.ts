// Removing a mosaic from the project: the × asks first, a "no" keeps it, a "yes" takes it off
// the map and out of the project (after a reload too) and leaves the file; it can be added back.
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { alertTexts, answerPathPrompt, useStory, waitForFrameAndMap } from './harness';

describe('removing a mosaic', () => {
  const story = useStory('smgeo-e2e-mosaic-', { sample: true });
  const chips = (p: Page) => p.getByTestId('mosaic-item').count();
  const savedMosaics = () => story.app.session.requireProject().store.getSettings().mosaics;

  it('asks first, keeps the mosaic on "no", removes it on "yes" and leaves the file', async () => {
    const { app, page, problems } = story;
    await page.goto(app.url);
    await page.getByTestId('open-sample').click();
    await waitForFrameAndMap(page);
    expect(await chips(page)).toBe(1);
    const [mosaicPath] = savedMosaics();
    expect(mosaicPath).toMatch(/mosaic\.tif$/);

    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.getByTestId('mosaic-remove').click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('mosaic.tif');
    expect(asked[0]).toContain('not deleted');
    expect(await chips(page)).toBe(1);
    expect(app.session.mosaics.size).toBe(1);

    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('mosaic-remove').click();
    await expect.poll(() => chips(page)).toBe(0);
    await expect.poll(() => page.locator('.leaflet-tile-loaded').count()).toBe(0);
    expect(app.session.mosaics.size).toBe(0);
    expect(savedMosaics()).toEqual([]);
    expect(existsSync(mosaicPath)).toBe(true);

    // The project remembers: a reload shows the frames and no mosaic.
    await page.reload();
    await page.getByTestId('frame-image').waitFor({ state: 'visible' });
    expect(await chips(page)).toBe(0);

    // And the file can be added back.
    await page.getByTestId('add-mosaic').click();
    await answerPathPrompt(page, mosaicPath);
    await waitForFrameAndMap(page);
    expect(await chips(page)).toBe(1);
    expect(savedMosaics()).toEqual([mosaicPath]);
    expect(await alertTexts(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
