// Story: frames whose telemetry cannot give the click a ray (camera at the horizon, no heading).
// The app still answers, with the model alone around where the camera looks, and says why.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { alertTexts, answerPathPrompt, ROOT, useStory, waitForFrameAndMap } from './harness';

const SAMPLE = join(ROOT, 'resources/sample');

/** Two sample frames; the first flown level with the horizon, the second's log without gimbal yaw. */
function makeFlatFrames(dir: string): string {
  const folder = join(dir, 'frames-no-ray');
  mkdirSync(folder);
  copyFileSync(join(SAMPLE, 'frames/frame_0001.jpg'), join(folder, 'frame_0001.jpg'));
  copyFileSync(join(SAMPLE, 'frames/frame_0002.jpg'), join(folder, 'frame_0002.jpg'));
  const [first, second] = readFileSync(join(SAMPLE, 'frames/flight.SRT'), 'utf8').split(/\n\s*\n/);
  writeFileSync(join(folder, 'flight.SRT'), `${first!.replace(/gb_pitch: -?[\d.]+/, 'gb_pitch: 0.0')}\n\n${second!.replace(/gb_yaw: -?[\d.]+ /, '')}\n`);
  return folder;
}

async function clickCentreAndWait(page: Page): Promise<void> {
  const frame = (await page.getByTestId('frame-image').boundingBox())!;
  await page.mouse.click(frame.x + frame.width / 2, frame.y + frame.height * 0.8);
  await expect.poll(async () => (await alertTexts(page)).join(' ') || (await page.getByTestId('status-decided').count()), { timeout: 60_000 }).toBeTruthy();
  await page.getByTestId('busy-indicator').waitFor({ state: 'detached' });
}

describe('story: no ray from the telemetry', () => {
  const story = useStory('smgeo-e2e-noray-', { sample: true, model: true });

  it('a level camera and a log without heading fall back to the model alone, and the status bar says why', async () => {
    const { page, problems, tmp } = story;
    const folder = makeFlatFrames(tmp);
    await page.goto(story.app.url);
    await page.getByTestId('open-sample').click();
    await waitForFrameAndMap(page);
    await page.getByTestId('open-frames').click();
    await answerPathPrompt(page, folder);
    await expect.poll(() => page.getByTestId('status-frame').textContent()).toBe('frame 1/2');

    await clickCentreAndWait(page);
    expect(await alertTexts(page)).toEqual([]);
    const decided = page.getByTestId('status-decided');
    expect(await decided.textContent()).toBe('model only (no ray)');
    expect(await decided.getAttribute('title')).toMatch(/at or above the horizon.*searched around where the camera looks/);
    expect(await page.getByTestId('prior-ellipse').count()).toBe(0);

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('status-frame').textContent()).toBe('frame 2/2');
    await clickCentreAndWait(page);
    await expect.poll(() => decided.getAttribute('title')).toMatch(/no heading/);
    expect(await decided.textContent()).toBe('model only (no ray)');
    expect(problems).toEqual([]);
  });
});
