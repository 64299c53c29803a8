// Story 1: the analyst opens the sample project, clicks an object in a drone frame, corrects the
// box the model drew on the map, keeps it, and exports the located objects as GeoJSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '@placemarkio/check-geojson';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { alertTexts, answerPathPrompt, ensureResultsDir, useStory, waitForFrameAndMap } from './harness';

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(page: Page, testId: string): Promise<Box> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  return box;
}

async function objectRows(page: Page) {
  return page.getByTestId('object-row').evaluateAll((rows) =>
    rows.map((r) => ({ id: r.getAttribute('data-object-id'), status: r.getAttribute('data-status') })),
  );
}

describe('story 1: locate, correct, keep and export an object', () => {
  const story = useStory('smgeo-e2e-story1-', { sample: true, model: true });

  it('a click on an object in the frame puts its box on the map, and the correction survives a reload', async () => {
    const { app, page, problems } = story;
    await page.goto(app.url);
    await page.getByTestId('open-sample').click();
    await waitForFrameAndMap(page);
    expect(await page.getByTestId('thumbnail').count()).toBeGreaterThan(0);

    // The click: centre of the frame as drawn.
    const frame = await boxOf(page, 'frame-image');
    await page.mouse.click(frame.x + frame.width * 0.5, frame.y + frame.height * 0.55);
    await page.getByTestId('selected-box').waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByTestId('busy-indicator').waitFor({ state: 'detached' });
    expect(await alertTexts(page)).toEqual([]);
    expect(await page.getByTestId('status-latency').textContent()).toMatch(/\d+ ms/);
    // The sample's telemetry gives the click a ray: the status bar says it took part, the map shows its ellipse.
    expect(await page.getByTestId('status-decided').textContent()).toMatch(/^geometry (\+ model|only)$/);
    await page.getByTestId('prior-ellipse').waitFor({ state: 'attached' });
    const [located] = await objectRows(page);
    expect(located.status).toBe('pending');

    // The frame's telemetry puts the drone on the map; the model's heatmap lies over the mosaic (H toggles it).
    await page.getByTestId('drone-marker').waitFor({ state: 'attached' });
    await page.getByTestId('heatmap-overlay').waitFor({ state: 'attached' });
    await page.keyboard.press('h');
    await page.getByTestId('heatmap-overlay').waitFor({ state: 'detached' });
    await page.keyboard.press('h');
    await page.getByTestId('heatmap-overlay').waitFor({ state: 'attached' });

    // Key 2 takes the model's second candidate; undo returns to the first.
    const first = await boxOf(page, 'selected-box');
    if ((await page.getByTestId('candidate-2').count()) > 0) {
      await page.keyboard.press('2');
      await expect.poll(async () => (await boxOf(page, 'selected-box')).x).not.toBeCloseTo(first.x, 0);
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await boxOf(page, 'selected-box')).x).toBeCloseTo(first.x, 0);
    }

    // The drag: the box follows the mouse and is stored as the analyst's correction.
    const before = await boxOf(page, 'selected-box');
    const start = { x: before.x + before.width / 2, y: before.y + before.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 30, start.y + 15, { steps: 5 });
    await page.mouse.move(start.x + 60, start.y + 30, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await objectRows(page))[0]?.status).toBe('corrected');
    const after = await boxOf(page, 'selected-box');
    expect(after.x - before.x).toBeCloseTo(60, -1);
    expect(after.y - before.y).toBeCloseTo(30, -1);

    // Undo puts the model's box back, redo the correction.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await objectRows(page))[0]?.status).toBe('pending');
    // The table row and the map's box are separate renders: wait for the box to follow.
    await expect.poll(async () => (await boxOf(page, 'selected-box')).x).toBeCloseTo(before.x, 0);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(async () => (await objectRows(page))[0]?.status).toBe('corrected');
    await expect.poll(async () => (await boxOf(page, 'selected-box')).x).toBeCloseTo(after.x, 0);

    // A corner handle resizes the box: dragged outward, the box grows by the drag; the opposite corner stays.
    const beforeResize = await boxOf(page, 'selected-box');
    const handle = await boxOf(page, 'box-handle-2');
    const h = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
    const out = { x: Math.sign(h.x - (beforeResize.x + beforeResize.width / 2)), y: Math.sign(h.y - (beforeResize.y + beforeResize.height / 2)) };
    await page.mouse.move(h.x, h.y);
    await page.mouse.down();
    await page.mouse.move(h.x + out.x * 10, h.y + out.y * 10, { steps: 3 });
    await page.mouse.move(h.x + out.x * 20, h.y + out.y * 20, { steps: 3 });
    await page.mouse.up();
    await expect.poll(async () => (await boxOf(page, 'selected-box')).width).toBeCloseTo(beforeResize.width + 20, -1);
    expect((await boxOf(page, 'selected-box')).height).toBeCloseTo(beforeResize.height + 20, -1);
    expect((await objectRows(page))[0]?.status).toBe('corrected');

    // Enter keeps it: a corrected box is already the analyst's verdict.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('status-info').textContent()).toMatch(/corrected/i);

    // The selected object's History lists its audit trail: created, then the status changes.
    await page.getByTestId('object-history-toggle').click();
    await expect.poll(() => page.getByTestId('history-event').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')))).toEqual(
      expect.arrayContaining(['created', 'status']),
    );
    await page.screenshot({ path: join(ensureResultsDir(), 'e2e-localize.png') });

    // A reload asks main again: the project, the box and its status come back from the store.
    await page.reload();
    await page.getByTestId(`box-${located.id}`).waitFor({ state: 'attached' });
    expect(await objectRows(page)).toEqual([{ id: located.id, status: 'corrected' }]);
    expect(problems).toEqual([]);
  });

  it('exports the corrected object as valid GeoJSON through the path prompt', async () => {
    const { app, page, problems, tmp } = story;
    const out = join(tmp, 'located.geojson');
    await page.getByTestId('export-geojson').click();
    await answerPathPrompt(page, out);
    // The export runs as a background job in a worker; the toolbar polls it until it is done.
    await expect.poll(() => page.getByTestId('status-info').textContent(), { timeout: 30_000 }).toContain('Exported 1');
    expect(await alertTexts(page)).toEqual([]);

    const text = readFileSync(out, 'utf8');
    const geojson = check(text) as { type: string; features: { geometry: { type: string; coordinates: number[][][] }; properties: Record<string, unknown> }[] };
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features).toHaveLength(1);
    const [feature] = geojson.features;
    expect(feature.geometry.type).toBe('Polygon');
    // The exported ring is the corrected one the map shows.
    const stored = app.session.requireProject().store.listObjects()[0];
    expect(feature.geometry.coordinates[0][0][0]).toBeCloseTo(stored.ring[0][0], 7);
    expect(feature.geometry.coordinates[0][0][1]).toBeCloseTo(stored.ring[0][1], 7);
    expect(JSON.stringify(feature.properties)).toContain('corrected');
    expect(problems).toEqual([]);
  });

  it('a further click crosses to main once: localize.run, then its heatmap image', async () => {
    const { page, problems } = story;
    const calls: string[] = [];
    const record = (r: { url(): string }) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/') || path.startsWith('/asset/heatmap')) calls.push(path.replace(/\/[^/]*\.png$/, '/*.png'));
    };
    page.on('request', record);
    const rows = (await objectRows(page)).length;
    const frame = await boxOf(page, 'frame-image');
    await page.mouse.click(frame.x + frame.width * 0.3, frame.y + frame.height * 0.7);
    await expect.poll(async () => (await objectRows(page)).length, { timeout: 60_000 }).toBe(rows + 1);
    await page.getByTestId('heatmap-overlay').waitFor({ state: 'attached' });
    await page.getByTestId('busy-indicator').waitFor({ state: 'detached' });
    page.off('request', record);
    expect(calls).toEqual(['/api/localize.run', '/asset/heatmap/*.png']);
    expect(problems).toEqual([]);
  });
});
