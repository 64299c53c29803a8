// Shared by the end-to-end stories: the real main-process handlers behind the real HTTP server,
// the built renderer (out/renderer), and Debian's Chromium driven by playwright-core.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { Session } from '../../src/main/handlers';
import { startServer, type RunningServer } from '../../src/main/server/server';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const RESULTS_DIR = join(ROOT, 'test-results');
export const CHROMIUM = process.env.SMGEO_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a headless Chromium in a container: no sandbox, no GPU, nothing talking to the internet. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Fails with the reason (and what to do) instead of letting a story time out on a missing piece. */
export function requirePrerequisites(opts: { sample?: boolean; model?: boolean } = {}): void {
  const missing: string[] = [];
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) missing.push(`the renderer build (${RENDERER_DIR}/index.html): run \`npx electron-vite build\``);
  if (!existsSync(CHROMIUM)) missing.push(`Chromium at ${CHROMIUM}: apt-get install chromium, or set SMGEO_CHROMIUM`);
  if (opts.sample && !existsSync(join(ROOT, 'resources/sample/mosaic.tif'))) missing.push('the sample project (resources/sample/mosaic.tif): run `npm run sample`');
  if (opts.model && !e2eModelDir()) missing.push('a model: none of $SMGEO_E2E_MODEL, $SMGEO_TEST_MODEL, test/fixtures/model-tiny or resources/models holds model_card.json');
  if (missing.length) throw new Error(`End-to-end prerequisites missing:\n- ${missing.join('\n- ')}`);
}

/** The model the stories run: an explicit one, the tiny test fixture (fast), or the bundled default. */
export function e2eModelDir(): string | null {
  const candidates = [process.env.SMGEO_E2E_MODEL, process.env.SMGEO_TEST_MODEL, join(ROOT, 'test/fixtures/model-tiny'), join(ROOT, 'resources/models')];
  for (const dir of candidates) if (dir && existsSync(join(dir, 'model_card.json'))) return dir;
  return null;
}

export function makeTmpDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface App {
  server: RunningServer;
  session: Session;
  /** The page address with the token, as the server prints it. */
  url: string;
  close(): Promise<void>;
}

/** Browser mode: no native dialogs (the UI asks for typed paths), as `npm run serve` runs it. */
export async function startApp(opts: { userDataDir: string; modelDir?: string | null }): Promise<App> {
  // Electron and the serve command hand the session an existing per-user folder; so does this.
  mkdirSync(opts.userDataDir, { recursive: true });
  const session = new Session({
    userDataDir: opts.userDataDir,
    resourcesDir: join(ROOT, 'resources'),
    ...(opts.modelDir ? { modelDir: opts.modelDir } : {}),
    modelThreads: 1,
  });
  const server = await startServer({ session, rendererDir: RENDERER_DIR, port: 0 });
  return {
    server,
    session,
    url: `${server.url}?token=${server.token}`,
    close: async () => {
      await server.close();
      await session.close();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Everything the page complained about: script errors, failed CSP checks, console errors. */
export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // Expected: bad-input stories make the server answer 4xx/5xx, which Chromium logs.
    if (/Failed to load resource/.test(text)) return;
    problems.push(`console: ${text}`);
  });
  return problems;
}

export async function newPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  const problems = watchPageProblems(page);
  return { page, problems };
}

/** Answers the in-app path prompt that replaces native dialogs in browser mode. */
export async function answerPathPrompt(page: Page, path: string): Promise<void> {
  const input = page.getByTestId('path-prompt-input');
  await input.waitFor({ state: 'visible' });
  await input.fill(path);
  await page.getByTestId('path-prompt-ok').click();
  await page.getByTestId('path-prompt').waitFor({ state: 'detached' });
}

/** Waits until the frame is shown and at least one mosaic tile has loaded; says what the page showed if not. */
export async function waitForFrameAndMap(page: Page, timeout = 30_000): Promise<void> {
  try {
    await page.waitForFunction(
      () => {
        const img = document.querySelector<HTMLImageElement>('[data-testid="frame-image"]');
        return !!img && img.complete && img.naturalWidth > 0;
      },
      undefined,
      { timeout },
    );
    await page.locator('.leaflet-tile-loaded').first().waitFor({ state: 'attached', timeout });
  } catch (err) {
    const shot = join(ensureResultsDir(), 'e2e-failure.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    const alerts = await alertTexts(page).catch(() => []);
    const status = await page.getByTestId('status-bar').textContent().catch(() => '');
    throw new Error(
      `The frame or the map did not appear (${(err as Error).message.split('\n')[0]}). Alerts: ${JSON.stringify(alerts)}; status bar: "${status}"; screenshot: ${shot}`,
    );
  }
}

/** The alerts' texts, for assertion messages. */
export async function alertTexts(page: Page): Promise<string[]> {
  return page.getByRole('alert').allTextContents();
}

export async function dismissAlerts(page: Page): Promise<void> {
  const buttons = page.getByTestId('alert-dismiss');
  while ((await buttons.count()) > 0) await buttons.first().click();
}

export function ensureResultsDir(): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return RESULTS_DIR;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** What a story drives: filled in before its first test, torn down after its last. */
export interface Story {
  /** A temporary folder for the story's fixtures and user data; removed afterwards. */
  tmp: string;
  userData: string;
  /** The app; a story may replace it (restart with another model) and the new one is closed. */
  app: App;
  browser: Browser;
  page: Page;
  /** Script errors and console errors the page reported (see watchPageProblems). */
  problems: string[];
}

/**
 * Registers the set-up and tear-down every story shares: prerequisites, a temporary folder,
 * `prepare` (fixtures, before the app starts), the app on a fresh user-data folder (with the
 * e2e model when `model` is set), Chromium and one page.
 */
export function useStory(
  prefix: string,
  opts: { sample?: boolean; model?: boolean; prepare?(tmp: string): void } = {},
): Story {
  const story = {} as Story;
  beforeAll(async () => {
    requirePrerequisites(opts);
    story.tmp = makeTmpDir(prefix);
    story.userData = join(story.tmp, 'user-data');
    opts.prepare?.(story.tmp);
    story.app = await startApp({ userDataDir: story.userData, modelDir: opts.model ? e2eModelDir() : null });
    story.browser = await launchChromium();
    Object.assign(story, await newPage(story.browser));
  });
  afterAll(async () => {
    await story.browser?.close();
    await story.app?.close();
    if (story.tmp) removeDir(story.tmp);
  });
  return story;
}
