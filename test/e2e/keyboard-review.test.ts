// Keyboard-first review: from whichever pane has focus, N finds the next pending object, Enter and
// Esc give verdicts, 1–5 choose a candidate, arrows step frames and rows, ? lists every key.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { KEY_MAP } from '../../src/renderer/lib/keyboard-map';
import { alertTexts, useStory, waitForFrameAndMap } from './harness';
import { seedObjects } from './seed-objects';

const COUNT = 40;
const currentId = (page: Page) => page.getByTestId('object-detail').getAttribute('data-object-id');
const frameText = (page: Page) => page.getByTestId('status-frame').textContent();

describe('keyboard-first review', () => {
  const story = useStory('smgeo-e2e-keys-', { sample: true });
  const stored = (id: string) => story.app.session.requireProject().store.getObject(id);
  const allStatuses = () => story.app.session.requireProject().store.listObjects().map((o) => o.status);

  it('N, Enter, Esc, 1–5 and Ctrl+Z work whichever pane has the focus', async () => {
    const { app, page } = story;
    await page.goto(app.url);
    await page.getByTestId('open-sample').click();
    await waitForFrameAndMap(page);
    seedObjects(app.session, { count: COUNT });
    await page.reload();
    await waitForFrameAndMap(page);
    await expect.poll(() => page.getByTestId('count-pending').textContent()).toBe(`pending ${COUNT}`);

    // Focus on a thumbnail button: Enter must accept, not press the button.
    await page.getByTestId('thumbnail').nth(2).focus();
    await page.keyboard.press('n');
    const first = (await currentId(page))!;
    expect(first).toBeTruthy();
    const firstFrame = await frameText(page);
    expect(firstFrame).toBe(`frame ${stored(first).frame.index + 1}/80`);
    await page.keyboard.press('Enter');
    await expect.poll(() => stored(first).status).toBe('accepted');
    expect(await frameText(page)).toBe(firstFrame);

    // Focus on the map.
    await page.getByTestId('map-pane').click({ position: { x: 200, y: 300 } });
    await page.keyboard.press('n');
    await expect.poll(() => currentId(page)).not.toBe(first);
    const second = (await currentId(page))!;
    await page.keyboard.press('Escape');
    await expect.poll(() => stored(second).status).toBe('rejected');

    // Focus in the table: candidate 2, then undo.
    await page.getByTestId('object-table-body').click({ position: { x: 5, y: 5 } });
    const third = (await currentId(page))!;
    await page.keyboard.press('2');
    await expect.poll(() => stored(third).chosen).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => stored(third).chosen).toBe(0);
  });

  it('arrows step frames and rows; Shift+↓ marks rows and Enter accepts them together', async () => {
    const { page } = story;
    await page.keyboard.press('Home');
    await expect.poll(() => frameText(page)).toBe('frame 1/80');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => frameText(page)).toBe('frame 2/80');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => frameText(page)).toBe('frame 12/80');
    await page.keyboard.press('End');
    await expect.poll(() => frameText(page)).toBe('frame 80/80');

    await page.getByTestId('filter-status').selectOption('pending');
    await page.getByTestId('object-search').focus();
    await page.keyboard.press('Escape'); // leaves the field, keeps the filter
    await page.keyboard.press('j');
    const start = (await currentId(page))!;
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    expect(await page.getByTestId('bulk-count').textContent()).toBe('3 marked');
    const marked = await page.getByTestId('object-row').evaluateAll((rows) =>
      rows.filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => r.getAttribute('data-object-id')!),
    );
    expect(marked).toContain(start);
    await page.keyboard.press('Enter');
    await expect.poll(() => marked.map((id) => stored(id).status)).toEqual(['accepted', 'accepted', 'accepted']);
    await page.keyboard.press('Control+z');
    await expect.poll(() => marked.map((id) => stored(id).status)).toEqual(['pending', 'pending', 'pending']);
    await page.getByTestId('filter-status').selectOption('all');
  });

  it('/ searches without the mouse, and ? lists every shortcut of the key map', async () => {
    const { page } = story;
    await page.keyboard.press('/');
    await page.keyboard.type('object 0007');
    await expect.poll(() => page.getByTestId('object-row-label').allTextContents()).toEqual(['object 0007']);
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('object-label').inputValue()).toBe('object 0007');
    await page.keyboard.press('/');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Escape');

    await page.keyboard.press('?');
    await page.getByTestId('help-overlay').waitFor();
    expect(await page.getByTestId('help-row').count()).toBe(KEY_MAP.length);
    expect(await page.getByTestId('help-overlay').textContent()).toContain('Next pending object');
    // While the help is open the review keys are paused.
    const before = await currentId(page);
    await page.keyboard.press('n');
    expect(await currentId(page)).toBe(before);
    await page.keyboard.press('Escape');
    await page.getByTestId('help-overlay').waitFor({ state: 'detached' });
  });

  it('every pending object can be reviewed with N and Enter alone', async () => {
    const { page, problems } = story;
    for (let i = 0; i < COUNT + 2 && allStatuses().includes('pending'); i++) {
      const before = allStatuses().filter((s) => s === 'pending').length;
      await page.keyboard.press('n');
      await page.keyboard.press('Enter');
      await expect.poll(() => allStatuses().filter((s) => s === 'pending').length).toBe(before - 1);
    }
    expect(allStatuses().filter((s) => s === 'pending')).toEqual([]);
    await page.keyboard.press('n');
    await expect.poll(() => page.getByTestId('status-info').textContent()).toContain('No pending object left');
    await expect.poll(() => page.getByTestId('count-pending').textContent()).toBe('pending 0');
    expect(await alertTexts(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
