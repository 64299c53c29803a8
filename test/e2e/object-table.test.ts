// Hundreds of objects as a table: only the rows in view are in the page, search and filters find
// an object at once, a row shows its frame and box, and a bulk verdict is one undo step.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { alertTexts, useStory, waitForFrameAndMap } from './harness';
import { seedObjects } from './seed-objects';

const COUNT = 400;
const rowLabels = (page: Page) => page.getByTestId('object-row-label').allTextContents();
const rowCount = (page: Page) => page.getByTestId('object-row').count();
/** The label of the table's first row (the table keeps the current object in view, so scroll up first). */
async function firstLabel(page: Page): Promise<string> {
  await page.getByTestId('object-table-body').evaluate((el) => (el.scrollTop = 0));
  return page.locator('[data-testid="object-row"][aria-rowindex="1"] [data-testid="object-row-label"]').textContent({ timeout: 2000 }).then((t) => t ?? '');
}

describe('the object table', () => {
  const story = useStory('smgeo-e2e-table-', { sample: true });
  const statusOf = (id: string) => story.app.session.requireProject().store.getObject(id).status;
  let ids: string[] = [];

  it('lists hundreds of objects with counts per status, keeping only the visible rows in the page', async () => {
    const { app, page } = story;
    await page.goto(app.url);
    await page.getByTestId('open-sample').click();
    await waitForFrameAndMap(page);
    ids = seedObjects(app.session, { count: COUNT, status: (i) => (i % 4 === 1 ? 'accepted' : i % 8 === 3 ? 'rejected' : 'pending') });
    await page.reload();
    await waitForFrameAndMap(page);
    await expect.poll(() => page.getByTestId('object-count').textContent()).toBe(String(COUNT));
    expect(await page.getByTestId('count-accepted').textContent()).toBe('accepted 100');
    expect(await page.getByTestId('count-rejected').textContent()).toBe('rejected 50');
    expect(await page.getByTestId('count-pending').textContent()).toBe('pending 250');
    expect(await rowCount(page)).toBeLessThan(60);

    await page.getByTestId('object-table-body').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(async () => (await page.getByTestId('object-row').last().getAttribute('aria-rowindex')) ?? '').toBe(String(COUNT));
    expect(await rowCount(page)).toBeLessThan(60);
  });

  it('search finds an object by label, and selecting its row shows its frame and its box', async () => {
    const { page } = story;
    await page.getByTestId('object-search').fill('object 0123');
    await expect.poll(() => rowLabels(page)).toEqual(['object 0123']);
    await page.getByTestId('object-row').first().click();
    // Seeded object i sits in frame i mod 80 (the strip counts from 1).
    await expect.poll(() => page.getByTestId('status-frame').textContent()).toBe(`frame ${(123 % 80) + 1}/80`);
    await page.getByTestId('selected-box').waitFor({ state: 'attached' });
    expect(await page.getByTestId('object-detail').getAttribute('data-object-id')).toBe(ids[123]);
    expect(await page.getByTestId('object-label').inputValue()).toBe('object 0123');

    // And back from the frame: the other objects located in it are marks that select them.
    // Frame 44 holds objects 43, 123, 203, 283 and 363; 123 is the selected one.
    const others = page.getByTestId('frame-mark-object');
    await expect.poll(() => others.count()).toBe(4);
    expect(await page.getByTestId('frame-mark-selected').count()).toBe(1);
    const other = await others.first().getAttribute('data-object-id');
    expect([43, 203, 283, 363].map((i) => ids[i])).toContain(other);
    await others.first().click();
    await expect.poll(() => page.getByTestId('object-detail').getAttribute('data-object-id')).toBe(other);
    expect(await page.getByTestId('busy-indicator').count()).toBe(0);
    await page.getByTestId('selected-box').waitFor({ state: 'attached' });
    expect(await page.getByTestId('frame-mark-object').count()).toBe(4);

    // The note is searched too: every tenth object has one.
    await page.getByTestId('object-search').fill('batch 17');
    await expect.poll(() => rowLabels(page)).toEqual(['object 0170']);
    await page.getByTestId('object-search').fill('');
  });

  it('sorts by a column and narrows by status and frame', async () => {
    const { page } = story;
    await page.getByTestId('sort-label').click();
    await expect.poll(() => firstLabel(page)).toBe('object 0000');
    await page.getByTestId('sort-label').click();
    await expect.poll(() => firstLabel(page)).toBe('object 0399');

    await page.getByTestId('count-rejected').click();
    await expect.poll(() => page.getByRole('grid').getAttribute('aria-rowcount')).toBe('50');
    expect(new Set(await page.getByTestId('object-status').allTextContents())).toEqual(new Set(['rejected']));
    await page.getByTestId('count-rejected').click();
    await page.getByTestId('filter-frame').fill('4');
    // Frame 4 holds objects 3, 83, 163, 243, 323 (every 80th).
    await expect.poll(async () => (await rowLabels(page)).sort()).toEqual(['object 0003', 'object 0083', 'object 0163', 'object 0243', 'object 0323']);
    await page.getByTestId('filter-score').fill('50');
    const scores = await page.locator('[data-testid="object-row"] .col-score').allTextContents();
    expect(scores.length).toBeGreaterThan(0);
    for (const s of scores) expect(parseInt(s, 10)).toBeGreaterThanOrEqual(50);
    await page.getByTestId('filter-reset').click();
    await expect.poll(() => page.getByTestId('filter-frame').inputValue()).toBe('');
  });

  it('a marked range is accepted in one go, and one Ctrl+Z takes all of it back', async () => {
    const { page, problems } = story;
    await page.getByTestId('filter-status').selectOption('pending');
    await page.getByTestId('sort-label').click(); // label, ascending
    await expect.poll(() => firstLabel(page)).toBe('object 0000');
    const rows = page.getByTestId('object-row');
    const row = (n: number) => page.locator(`[data-testid="object-row"][aria-rowindex="${n}"]`);
    await row(1).click();
    await row(5).click({ modifiers: ['Shift'] });
    await row(7).click({ modifiers: ['Control'] });
    expect(await page.getByTestId('bulk-count').textContent()).toBe('6 marked');
    const chosen = await rows.evaluateAll((els) => els.filter((e) => e.getAttribute('aria-selected') === 'true').map((e) => e.getAttribute('data-object-id')!));
    expect(chosen).toHaveLength(6);

    await page.getByTestId('bulk-accept').click();
    await expect.poll(() => chosen.map(statusOf)).toEqual(Array(6).fill('accepted'));
    await expect.poll(() => page.getByTestId('count-accepted').textContent()).toBe('accepted 106');

    await page.keyboard.press('Control+z');
    await expect.poll(() => chosen.map(statusOf)).toEqual(Array(6).fill('pending'));
    await expect.poll(() => page.getByTestId('count-accepted').textContent()).toBe('accepted 100');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => chosen.map(statusOf)).toEqual(Array(6).fill('accepted'));
    await page.screenshot({ path: 'test-results/e2e-object-table.png' });
    expect(await alertTexts(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
