// Story: a long job shows its progress and stops on Cancel. Opening a frames folder of 50,000
// frames reads each frame's EXIF (about 3 s per 20,000 here, so Cancel comes well before the end);
// the analyst cancels part-way and keeps the frames open before.
import { linkSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertTexts, answerPathPrompt, ROOT, useStory, waitForFrameAndMap } from './harness';

const SAMPLE_FRAMES = join(ROOT, 'resources/sample/frames');
const MANY = 50_000;

describe('story: a long job shows progress and can be cancelled', () => {
  const story = useStory('smgeo-e2e-long-job-', {
    sample: true,
    prepare(tmp) {
      // Hard links: a folder of many frames without the disk space of many frames.
      const frame = join(SAMPLE_FRAMES, readdirSync(SAMPLE_FRAMES).find((n) => /\.jpe?g$/i.test(n))!);
      mkdirSync(join(tmp, 'many-frames'));
      for (let i = 0; i < MANY; i++) linkSync(frame, join(tmp, 'many-frames', `frame_${String(i + 1).padStart(5, '0')}.jpg`));
    },
  });

  it('opening a large frames folder shows progress, and Cancel keeps the sample frames open', async () => {
    const { page } = story;
    await page.goto(story.app.url);
    await page.getByTestId('open-sample').click();
    await waitForFrameAndMap(page);
    const before = await page.getByTestId('status-frame').textContent();
    const sampleFolder = story.app.session.requireFrames().folder;

    await page.getByTestId('open-frames').click();
    await answerPathPrompt(page, join(story.tmp, 'many-frames'));
    const progress = page.getByTestId('job-progress');
    await progress.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await progress.getAttribute('title')).toBe('Opening frames from many-frames');
    // The bar moves while the frames' telemetry is read.
    await expect.poll(async () => Number(await progress.locator('progress').getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByTestId('job-cancel').click();

    await progress.waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => page.getByTestId('status-info').textContent()).toContain('Opening frames from many-frames was cancelled; nothing was changed.');
    expect(await alertTexts(page)).toEqual([]);
    expect(await page.getByTestId('status-frame').textContent()).toBe(before);
    expect(story.app.session.requireFrames().folder).toBe(sampleFolder);
    expect(story.app.session.requireProject().store.getSettings().framesFolder).toBe(sampleFolder);
    expect(story.problems).toEqual([]);
  });
});
