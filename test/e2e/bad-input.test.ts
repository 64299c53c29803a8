// Story 2: damaged or unsuitable inputs. Each one must end in a message that names the file (or
// the cause), and none may cost the analyst the objects already located in the project.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { alertTexts, answerPathPrompt, dismissAlerts, e2eModelDir, ROOT, startApp, useStory, waitForFrameAndMap } from './harness';

const SAMPLE = join(ROOT, 'resources/sample');

function sampleFrame(): string {
  const name = readdirSync(join(SAMPLE, 'frames')).find((n) => /\.jpe?g$/i.test(n));
  if (!name) throw new Error(`${SAMPLE}/frames has no JPEG frame to build fixtures from`);
  return join(SAMPLE, 'frames', name);
}

/** The fixtures, made the way they happen in the field: cut files, wrong exports, empty folders. */
function makeBadInputs(dir: string) {
  const corruptFrames = join(dir, 'frames-corrupt');
  mkdirSync(corruptFrames);
  // A real JPEG header followed by noise: looks like a JPEG, cannot be decoded.
  const header = readFileSync(sampleFrame()).subarray(0, 600);
  writeFileSync(join(corruptFrames, 'broken_0001.jpg'), Buffer.concat([header, Buffer.alloc(4000, 0x5a)]));

  const noImages = join(dir, 'frames-without-images');
  mkdirSync(noImages);
  writeFileSync(join(noImages, 'flight-notes.txt'), 'the frames were never copied here\n');

  const goodTiff = join(dir, 'cut-source.tif');
  execFileSync('gdal_translate', ['-q', '-srcwin', '0', '0', '512', '512', join(SAMPLE, 'mosaic.tif'), goodTiff]);
  const truncatedTiff = join(dir, 'truncated-mosaic.tif');
  copyFileSync(goodTiff, truncatedTiff);
  truncateSync(truncatedTiff, Math.floor(statSync(goodTiff).size * 0.4));

  const plainTiff = join(dir, 'no-georef.tif');
  execFileSync('gdal_translate', ['-q', '-of', 'GTiff', sampleFrame(), plainTiff]);

  return { corruptFrames, noImages, truncatedTiff, plainTiff };
}

/** A model folder whose card is intact but whose localizer file is not the one the card describes. */
function makeWrongModel(dir: string, goodModel: string): string {
  const bad = join(dir, 'wrong-model');
  mkdirSync(bad);
  for (const f of readdirSync(goodModel)) if (/\.(onnx|json)$/.test(f)) copyFileSync(join(goodModel, f), join(bad, f));
  writeFileSync(join(bad, 'click_localizer.onnx'), Buffer.from('this is not an ONNX graph'));
  return bad;
}

async function objectIds(page: Page): Promise<(string | null)[]> {
  return page.getByTestId('object-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-object-id')));
}

async function expectAlertMentioning(page: Page, needle: string): Promise<void> {
  await expect
    .poll(async () => (await alertTexts(page)).join('\n'), { timeout: 30_000, message: `an alert naming ${needle}` })
    .toContain(needle);
}

describe('story 2: bad input is reported and the project survives it', () => {
  const story = useStory('smgeo-e2e-story2-', { sample: true, model: true });
  let page: Page;
  let located: string | null;
  let fixtures: ReturnType<typeof makeBadInputs>;

  beforeAll(async () => {
    fixtures = makeBadInputs(story.tmp);
    page = story.page;
    // One located object the bad inputs must not take away.
    await page.goto(story.app.url);
    await page.getByTestId('open-sample').click();
    await waitForFrameAndMap(page);
    const frame = (await page.getByTestId('frame-image').boundingBox())!;
    await page.mouse.click(frame.x + frame.width / 2, frame.y + frame.height / 2);
    await page.getByTestId('selected-box').waitFor({ state: 'attached', timeout: 60_000 });
    [located] = await objectIds(page);
    if (!located) throw new Error(`No object was located before the bad inputs; alerts: ${(await alertTexts(page)).join(' | ')}`);
  });

  const stillThere = async () => expect(await objectIds(page)).toContain(located);

  it('a corrupt JPEG in the frames folder is named in the message', async () => {
    await page.getByTestId('open-frames').click();
    await answerPathPrompt(page, fixtures.corruptFrames);
    // Chromium draws what it can of a damaged JPEG; the damage shows when the model needs the pixels.
    await expect.poll(() => page.getByTestId('status-frame').textContent()).toBe('frame 1/1');
    const frame = (await page.getByTestId('frame-viewer').boundingBox())!;
    await page.mouse.click(frame.x + frame.width / 2, frame.y + frame.height / 2);
    await expectAlertMentioning(page, 'broken_0001.jpg');
    await expect.poll(() => page.getByTestId('thumbnail').first().getAttribute('data-broken')).toBe('true');
    await stillThere();
    await dismissAlerts(page);
  });

  it('a frames folder without images says so and names the folder', async () => {
    await page.getByTestId('open-frames').click();
    await answerPathPrompt(page, fixtures.noImages);
    await expectAlertMentioning(page, 'frames-without-images');
    await stillThere();
    await dismissAlerts(page);
  });

  it('a truncated GeoTIFF is refused with its name', async () => {
    await page.getByTestId('add-mosaic').click();
    await answerPathPrompt(page, fixtures.truncatedTiff);
    await expectAlertMentioning(page, 'truncated-mosaic.tif');
    await stillThere();
    await dismissAlerts(page);
  });

  it('a TIFF without georeferencing is refused with its name', async () => {
    await page.getByTestId('add-mosaic').click();
    await answerPathPrompt(page, fixtures.plainTiff);
    await expectAlertMentioning(page, 'no-georef.tif');
    await stillThere();
    await dismissAlerts(page);
  });

  it('a wrong model file is named when a click needs the model, and the objects stay', async () => {
    // The same user data (and so the same sample project), served with a broken model folder.
    await story.app.close();
    story.app = await startApp({ userDataDir: story.userData, modelDir: makeWrongModel(story.tmp, e2eModelDir()!) });
    await page.goto(story.app.url);
    await page.getByTestId('open-sample').click();
    await waitForFrameAndMap(page);
    await stillThere();
    const frame = (await page.getByTestId('frame-image').boundingBox())!;
    await page.mouse.click(frame.x + frame.width / 3, frame.y + frame.height / 3);
    await expectAlertMentioning(page, 'click_localizer.onnx');
    await stillThere();
    // Reopening from the store, not just the page's memory.
    await page.reload();
    await page.getByTestId('object-row').first().waitFor();
    await stillThere();
  });
});
