// A long flight: 10,000 frames. The strip must keep only what is visible in the page, and the
// keyboard must reach the last frame without rendering the ones in between.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertTexts, answerPathPrompt, launchChromium, makeTmpDir, newPage, removeDir, requirePrerequisites, ROOT, startApp, type App } from './harness';

const COUNT = 10_000;

describe('a flight of 10,000 frames', () => {
  let tmp: string;
  let app: App;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let folder: string;

  beforeAll(async () => {
    requirePrerequisites({ sample: true });
    tmp = makeTmpDir('smgeo-e2e-many-');
    folder = join(tmp, 'frames');
    mkdirSync(folder);
    const frames = join(ROOT, 'resources/sample/frames');
    const source = join(frames, readdirSync(frames).find((n) => /\.jpe?g$/i.test(n))!);
    for (let i = 1; i <= COUNT; i++) copyFileSync(source, join(folder, `frame_${String(i).padStart(5, '0')}.jpg`));
    app = await startApp({ userDataDir: join(tmp, 'user-data') });
    browser = await launchChromium();
    ({ page, problems } = await newPage(browser));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (tmp) removeDir(tmp);
  });

  const thumbIndices = () => page.getByTestId('thumbnail').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-frame-index'))));

  it('keeps only the visible thumbnails in the DOM from first to last frame', async () => {
    await page.goto(app.url);
    await page.getByTestId('new-project').click();
    await answerPathPrompt(page, join(tmp, 'long-flight.smgeo'));
    await expect.poll(() => page.getByTestId('status-project').textContent()).toBe('long-flight');
    await page.getByTestId('open-frames').click();
    await answerPathPrompt(page, folder);
    await expect.poll(() => page.getByTestId('status-frame').textContent(), { timeout: 60_000 }).toBe(`frame 1/${COUNT}`);
    expect(await alertTexts(page)).toEqual([]);

    const atStart = await thumbIndices();
    expect(atStart.length).toBeGreaterThan(3);
    expect(atStart.length).toBeLessThan(40);
    expect(Math.min(...atStart)).toBe(0);

    // The scroll track is as wide as all 10,000 thumbnails, so the scrollbar tells where you are.
    const widths = await page.getByTestId('thumbnail-strip').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll).toBeGreaterThan(COUNT * 100);

    await page.keyboard.press('End');
    await expect.poll(() => page.getByTestId('status-frame').textContent()).toBe(`frame ${COUNT}/${COUNT}`);
    await expect.poll(async () => Math.max(...(await thumbIndices()))).toBe(COUNT - 1);
    expect((await thumbIndices()).length).toBeLessThan(40);
    expect(await page.locator('[data-testid="thumbnail"][aria-current="true"]').getAttribute('data-frame-index')).toBe(String(COUNT - 1));

    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('status-frame').textContent()).toBe(`frame ${COUNT - 1}/${COUNT}`);
    await page.keyboard.press('Home');
    await expect.poll(async () => Math.min(...(await thumbIndices()))).toBe(0);

    // Scrolling through the middle: a frame of the strip takes well under a 60 Hz budget to render.
    const msPerScroll = await page.getByTestId('thumbnail-strip').evaluate(async (el) => {
      const steps = 60;
      const t0 = performance.now();
      for (let i = 1; i <= steps; i++) {
        el.scrollLeft = (el.scrollWidth * i) / (steps + 1);
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      }
      return (performance.now() - t0) / steps;
    });
    expect((await thumbIndices()).length).toBeLessThan(40);
    expect(msPerScroll).toBeLessThan(50);
    expect(problems).toEqual([]);
  });
});
