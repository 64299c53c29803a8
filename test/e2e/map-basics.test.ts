// Map basics: a scale bar, the coordinates under the cursor as lat/lon, UTM or MGRS, the selected
// object's coordinates copied to the clipboard, and fit to project.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatCoordinates } from '../../src/renderer/lib/coordinates';
import { alertTexts, useStory, waitForFrameAndMap } from './harness';
import { seedObjects } from './seed-objects';

const readout = (page: Page) => page.getByTestId('cursor-coordinates').textContent();

async function insideMap(page: Page, testId: string): Promise<boolean> {
  const map = (await page.getByTestId('map-pane').boundingBox())!;
  const box = await page.getByTestId(testId).boundingBox();
  return !!box && box.x >= map.x && box.y >= map.y && box.x + box.width <= map.x + map.width && box.y + box.height <= map.y + map.height;
}

describe('map basics', () => {
  const story = useStory('smgeo-e2e-map-', { sample: true });
  let ids: string[] = [];

  it('shows a scale bar and the cursor position as lat/lon, UTM or MGRS', async () => {
    const { app, page } = story;
    await page.goto(app.url);
    await page.getByTestId('open-sample').click();
    await waitForFrameAndMap(page);
    expect(await page.getByTestId('map-scale').textContent()).toMatch(/^\d+ (m|km)$/);

    const map = (await page.getByTestId('map-pane').boundingBox())!;
    await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2);
    // The sample flies over Hesse, Germany: about 50.8° N, 9.4° E, UTM zone 32U.
    await expect.poll(() => readout(page)).toMatch(/^50\.8\d{5}, 9\.3\d{5}$/);
    await page.keyboard.press('g');
    expect(await page.getByTestId('coordinate-format').textContent()).toBe('UTM');
    expect(await readout(page)).toMatch(/^32U 5\d{5} E 56\d{5} N$/);
    await page.keyboard.press('g');
    expect(await page.getByTestId('coordinate-format').textContent()).toBe('MGRS');
    expect(await readout(page)).toMatch(/^32U [A-Z]{2} \d{5} \d{5}$/);
    await page.getByTestId('coordinate-format').click();
    expect(await page.getByTestId('coordinate-format').textContent()).toBe('Lat/Lon');
    await page.mouse.move(map.x - 50, map.y + 50);
    await expect.poll(() => readout(page)).toBe('—');
  });

  it("C copies the selected object's coordinates in the chosen format", async () => {
    const { app, page } = story;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
    ids = seedObjects(app.session, { count: 12 });
    await page.reload();
    await waitForFrameAndMap(page);
    await page.getByTestId('object-search').fill('object 0005');
    await page.getByTestId('object-row').first().click();
    await page.getByTestId('object-search').press('Escape');
    const o = app.session.requireProject().store.getObject(ids[5]);
    const lon = (o.ring[0][0] + o.ring[2][0]) / 2;
    const lat = (o.ring[0][1] + o.ring[2][1]) / 2;

    await page.keyboard.press('c');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(formatCoordinates(lon, lat, 'lonlat'));
    await page.keyboard.press('g');
    await page.keyboard.press('g');
    await page.getByTestId('copy-coordinates').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(formatCoordinates(lon, lat, 'mgrs'));
    expect(await page.getByTestId('status-info').textContent()).toContain('MGRS');
    await page.keyboard.press('g');
  });

  it('P fits the map to the whole project', async () => {
    const { page, problems } = story;
    // Selecting an object zoomed the map onto its box: most other boxes are off screen.
    const offScreen = async () => {
      let n = 0;
      for (const id of ids.filter((_, i) => i !== 5)) if (!(await insideMap(page, `box-${id}`))) n++;
      return n;
    };
    expect(await offScreen()).toBeGreaterThan(0);
    await page.keyboard.press('p');
    await expect.poll(offScreen).toBe(0);
    await page.getByTestId('map-pane').click({ position: { x: 300, y: 300 } });
    await page.mouse.wheel(0, -1200);
    await expect.poll(offScreen).toBeGreaterThan(0);
    await page.getByTestId('map-fit-project').click();
    await expect.poll(offScreen).toBe(0);
    expect(await alertTexts(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
