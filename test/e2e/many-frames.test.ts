// A long flight: 10,000 frames. The strip must keep only what is visible in the page, and the
// keyboard must reach the last frame without rendering the ones in between.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertTexts, answerPathPrompt, ROOT, useStory } from './harness';

const COUNT = 10_000;

describe('a flight of 10,000 frames', () => {
  const story = useStory('smgeo-e2e-many-', {
    sample: true,
    prepare(tmp) {
      const folder = join(tmp, 'frames');
      mkdirSync(folder);
      const frames = join(ROOT, 'resources/sample/frames');
      const source = join(frames, readdirSync(frames).find((n) => /\.jpe?g$/i.test(n))!);
      for (let i = 1; i <= COUNT; i++) copyFileSync(source, join(folder, `frame_${String(i).padStart(5, '0')}.jpg`));
    },
  });

  const thumbIndices = () => story.page.getByTestId('thumbnail').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-frame-index'))));

  it('keeps only the visible thumbnails in the DOM from first to last frame', async () => {
    const { app, page, problems, tmp } = story;
    const folder = join(tmp, 'frames');
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

    // Scrolling through the middle renders the thumbnails there, and never more than fit.
    const middle = await page.getByTestId('thumbnail-strip').evaluate(async (el) => {
      const seen: number[] = [];
      for (let i = 1; i <= 20; i++) {
        el.scrollLeft = (el.scrollWidth * i) / 21;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        seen.push(el.querySelectorAll('[data-testid="thumbnail"]').length);
      }
      return seen;
    });
    expect(Math.max(...middle)).toBeLessThan(40);
    await expect.poll(async () => Math.min(...(await thumbIndices()))).toBeGreaterThan(COUNT / 2);
    expect(problems).toEqual([]);
  });
});
