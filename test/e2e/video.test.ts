// Story: a DJI MP4 with its SRT opens like a frames folder, a click on a video frame is localized,
// and the result leaves as a GeoPackage. The video is made from the sample frames on the spot.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { alertTexts, answerPathPrompt, dismissAlerts, ROOT, useStory, waitForFrameAndMap } from './harness';

const SAMPLE_FRAMES = join(ROOT, 'resources/sample/frames');
const FRAMES = 12;

/** The first FRAMES sample frames at 1 fps (as the sample SRT's DiffTime says), with the first FRAMES SRT blocks. */
function makeDroneVideo(dir: string): { video: string; lone: string; broken: string } {
  const video = join(dir, 'DJI_0100.MP4');
  execFileSync('ffmpeg', ['-v', 'error', '-framerate', '1', '-i', join(SAMPLE_FRAMES, 'frame_%04d.jpg'), '-frames:v', String(FRAMES), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '4', video]);
  const blocks = readFileSync(join(SAMPLE_FRAMES, 'flight.SRT'), 'utf8').replace(/\r\n?/g, '\n').split(/\n\s*\n/).slice(0, FRAMES);
  writeFileSync(join(dir, 'DJI_0100.SRT'), blocks.join('\n\n') + '\n');
  const lone = join(dir, 'NO_SRT.MP4');
  copyFileSync(video, lone);
  const broken = join(dir, 'BROKEN.MP4');
  writeFileSync(broken, readFileSync(video).subarray(0, 300));
  return { video, lone, broken };
}

async function alertMentioning(page: Page, needle: string): Promise<void> {
  await expect.poll(async () => (await alertTexts(page)).join('\n'), { timeout: 30_000, message: `an alert naming ${needle}` }).toContain(needle);
}

describe('story: drone video with its SRT', () => {
  const story = useStory('smgeo-e2e-video-', { sample: true, model: true });
  let page: Page;
  let files: ReturnType<typeof makeDroneVideo>;

  beforeAll(async () => {
    files = makeDroneVideo(story.tmp);
    page = story.page;
    await page.goto(story.app.url);
    await page.getByTestId('open-sample').click();
    await waitForFrameAndMap(page);
  });

  it('opens the video like a frames folder: frames, thumbnails, telemetry and both dates', async () => {
    await page.getByTestId('open-video').click();
    await answerPathPrompt(page, files.video);
    await expect.poll(() => page.getByTestId('status-frame').textContent(), { timeout: 30_000 }).toBe(`frame 1/${FRAMES}`);
    await waitForFrameAndMap(page);
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('[data-testid="thumbnail"] img')].some((i) => i.complete && i.naturalWidth > 0), undefined, { timeout: 30_000 });
    await expect.poll(() => page.getByTestId('status-info').textContent(), { timeout: 30_000 }).toMatch(/Frame taken 2025-06-14 \(DJI_0100\.SRT/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('status-frame').textContent()).toBe(`frame 2/${FRAMES}`);
    expect(await alertTexts(page)).toEqual([]);
  });

  it('a click on a video frame is localized and exported as a GeoPackage', async () => {
    const frame = (await page.getByTestId('frame-image').boundingBox())!;
    await page.mouse.click(frame.x + frame.width / 2, frame.y + frame.height / 2);
    await page.getByTestId('selected-box').waitFor({ state: 'attached', timeout: 60_000 });
    await page.keyboard.press('Enter');
    const out = join(story.tmp, 'video-objects.gpkg');
    await page.getByTestId('export-gpkg').click();
    await answerPathPrompt(page, out);
    await expect.poll(() => page.getByTestId('status-info').textContent(), { timeout: 30_000 }).toMatch(/Exported \d+ objects/);
    const layer = execFileSync('ogrinfo', ['-ro', '-al', '-so', out]).toString();
    expect(layer).toMatch(/Layer name: smgeo_objects/);
    expect(execFileSync('ogrinfo', ['-ro', '-al', out, 'smgeo_objects']).toString()).toContain('DJI_0100.MP4 00:00:01.000 #2');
  });

  it('a video without an SRT opens and says to place the search area; a cut file is refused by name', async () => {
    await page.getByTestId('open-video').click();
    await answerPathPrompt(page, files.lone);
    await alertMentioning(page, 'No .SRT file named like NO_SRT.MP4');
    await expect.poll(() => page.getByTestId('status-frame').textContent()).toBe(`frame 1/${FRAMES}`);
    await dismissAlerts(page);
    await page.getByTestId('open-video').click();
    await answerPathPrompt(page, files.broken);
    await alertMentioning(page, 'BROKEN.MP4');
  });
});
