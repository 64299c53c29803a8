// A project from someone else that names a frames folder outside its own folder: the window asks
// before the app reads it; "no" keeps it closed (and is remembered), "yes" opens it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/store';
import { makeFramesFolder } from '../main/handlers/fixtures';
import { alertTexts, answerPathPrompt, useStory } from './harness';

describe('a project naming folders outside its own', () => {
  const story = useStory('smgeo-e2e-untrusted-');

  it('asks first; "no" opens nothing and is remembered, "yes" (for another project) opens the frames', async () => {
    const { app, page, tmp } = story;
    const frames = await makeFramesFolder(join(tmp, 'elsewhere', 'frames'), 2);
    mkdirSync(join(tmp, 'shared'));
    const projects = ['a', 'b'].map((n) => {
      const file = join(tmp, 'shared', `${n}.smgeo`);
      const store = ProjectStore.create(file, n);
      store.updateSettings({ framesFolder: frames });
      store.close();
      return file;
    });
    await page.goto(app.url);

    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(d.message());
      void (d.message().includes('a.smgeo') ? d.dismiss() : d.accept());
    });
    await page.getByTestId('open-project').click();
    await answerPathPrompt(page, projects[0]!);
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain(frames);
    expect(asked[0]).toMatch(/outside its own folder/);
    await expect.poll(() => app.session.project !== null && app.session.project.accessRequest === null).toBe(true);
    expect(app.session.frames).toBeNull();
    expect(await page.getByTestId('frame-image').count()).toBe(0);

    // Opened again: not asked again, and the window says why the frames are missing.
    await page.getByTestId('open-project').click();
    await answerPathPrompt(page, projects[0]!);
    await expect.poll(async () => (await alertTexts(page)).join('\n')).toContain("outside the project's folder");
    expect(asked).toHaveLength(1);

    await page.getByTestId('open-project').click();
    await answerPathPrompt(page, projects[1]!);
    await expect.poll(() => asked.length).toBe(2);
    await page.getByTestId('frame-image').waitFor({ state: 'visible' });
    expect(app.session.frames?.folder).toBe(frames);
  });
});
