// The renderer's api-client against the real server, with just enough of a browser window faked.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../../../src/main/server/server';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { makeSession, type TestSession } from '../handlers/fixtures';

let dir: string;
let t: TestSession;
let server: RunningServer;

function fakeWindow(href: string, smgeo?: unknown) {
  const store = new Map<string, string>();
  const win = {
    location: { href },
    sessionStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, url: string) => {
        win.location.href = new URL(url, win.location.href).href;
      },
    },
    smgeo,
  };
  vi.stubGlobal('window', win);
  // The page's relative fetch('/api/…') goes to the server that served it.
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => globalThis.__realFetch(new URL(input, server.url), init));
  return win;
}

declare global {
  var __realFetch: typeof fetch;
}

beforeAll(async () => {
  globalThis.__realFetch = fetch;
  dir = makeTmpDir('smgeo-client-');
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  t = makeSession(dir);
  server = await startServer({ session: t.session, rendererDir: join(dir, 'renderer') });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await server.close();
  await t.session.close();
  removeDir(dir);
});
beforeEach(() => {
  vi.resetModules();
});

describe('api-client in browser mode', () => {
  it('takes the token from the page URL, hides it from the address bar, and calls the API with it', async () => {
    const win = fakeWindow(`${server.url}?token=${server.token}&x=1`);
    const client = await import('../../../src/renderer/api-client');
    const created = await client.invoke('project.create', { path: join(dir, 'b.smgeo') });
    expect(created.name).toBe('b');
    expect(win.location.href).toBe(`${server.url}?x=1`);
    expect(win.sessionStorage.getItem('smgeo-token')).toBe(server.token);
    expect(client.assetUrl('frame/2')).toBe(`/asset/frame/2?t=${server.token}`);
    expect(client.isElectron()).toBe(false);
  });

  it('after a reload the token comes from sessionStorage', async () => {
    const win = fakeWindow(server.url);
    win.sessionStorage.setItem('smgeo-token', server.token);
    const client = await import('../../../src/renderer/api-client');
    expect((await client.invoke('objects.list', {})).length).toBeGreaterThanOrEqual(0);
  });

  it('a failed call rejects with the ApiError the handler raised', async () => {
    fakeWindow(`${server.url}?token=${server.token}`);
    const client = await import('../../../src/renderer/api-client');
    const err = await client.invoke('project.open', { path: join(dir, 'none.smgeo') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(client.ApiError);
    expect(err).toMatchObject({ code: 'not-found' });
    expect((err as Error).message).toContain('none.smgeo');
  });

  it('without the token it says to open the URL the server printed', async () => {
    fakeWindow(server.url);
    const client = await import('../../../src/renderer/api-client');
    await expect(client.invoke('app.state', {})).rejects.toThrow(/URL it printed/);
  });
});

describe('api-client in Electron', () => {
  it('goes through window.smgeo and unwraps its results', async () => {
    const calls: unknown[] = [];
    fakeWindow('smgeo://app/index.html', {
      platform: 'linux',
      assetUrl: (p: string) => `smgeo://app/${p}`,
      invoke: async (channel: string, input: unknown) => {
        calls.push([channel, input]);
        return channel === 'objects.list' ? { ok: true, value: [] } : { ok: false, error: { code: 'no-model', message: 'No model is installed' } };
      },
    });
    const client = await import('../../../src/renderer/api-client');
    expect(await client.invoke('objects.list', {})).toEqual([]);
    await expect(client.invoke('model.info', {})).rejects.toMatchObject({ code: 'no-model', message: 'No model is installed' });
    expect(calls).toEqual([['objects.list', {}], ['model.info', {}]]);
    expect(client.assetUrl('thumb/1')).toBe('smgeo://app/thumb/1');
    expect(client.platform()).toBe('linux');
  });
});
