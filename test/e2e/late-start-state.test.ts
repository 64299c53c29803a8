// The page asks main for its state when it starts. Where that answer comes late (a busy machine),
// it must not replace a project the user opened meanwhile, nor ask that project's question again.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/store';
import { makeFramesFolder } from '../main/handlers/fixtures';
import { answerPathPrompt, useStory } from './harness';

/** A project in `tmp`/shared named `name` whose frames folder lies outside it. */
async function projectNamingFrames(tmp: string, name: string): Promise<{ file: string; frames: string }> {
  const frames = await makeFramesFolder(join(tmp, 'elsewhere', 'frames'), 2);
  mkdirSync(join(tmp, 'shared'), { recursive: true });
  const file = join(tmp, 'shared', `${name}.smgeo`);
  const store = ProjectStore.create(file, name);
  store.updateSettings({ framesFolder: frames });
  store.close();
  return { file, frames };
}

describe('the start-up state', () => {
  const story = useStory('smgeo-e2e-late-state-');

  it('the start-up state answering late neither replaces the project opened meanwhile nor asks again', async () => {
    const { app, page, tmp } = story;
    const { file } = await projectNamingFrames(tmp, 'late');
    // Hold the page's start-up request until the user has opened the project and answered, and
    // hold that answer until the start-up state (which still carries the question) has arrived.
    let releaseState!: () => void;
    const stateHeld = new Promise<void>((r) => (releaseState = r));
    let stateDelivered!: () => void;
    const stateArrived = new Promise<void>((r) => (stateDelivered = r));
    await page.route('**/api/app.state', async (route) => {
      await stateHeld;
      const response = await route.fetch();
      await route.fulfill({ response });
      stateDelivered();
    });
    await page.route('**/api/project.allowAccess', async (route) => {
      releaseState();
      await stateArrived;
      await route.continue();
    });
    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.goto(app.url);
    await page.getByTestId('open-project').click();
    await answerPathPrompt(page, file);
    await expect.poll(() => app.session.project !== null && app.session.project.accessRequest === null).toBe(true);
    await stateArrived;
    // Whatever the late state would do has happened by the time a new request round-trips.
    await page.evaluate(() => fetch('/api/app.state').catch(() => undefined));
    expect(asked).toHaveLength(1);
    expect(app.session.frames).toBeNull();
  });
});
