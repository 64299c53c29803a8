import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/csp';
import type { ApiErrorBody, Output } from '../../../src/shared/api';
import { startServer, type RunningServer } from '../../../src/main/server/server';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { makeFramesFolder, makeSession, type TestSession } from '../handlers/fixtures';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let dir: string;
let t: TestSession;
let server: RunningServer;

/** Raw HTTP, so that paths and Host headers reach the server exactly as written. */
function raw(method: string, path: string, opts: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method, path, headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

function api(channel: string, input: unknown, token = server.token): Promise<Reply> {
  return raw('POST', `/api/${channel}`, {
    headers: { 'Content-Type': 'application/json', 'x-smgeo-token': token },
    body: JSON.stringify(input),
  });
}

// Error bodies unless the caller names the channel whose output it expects.
const json = <T = ApiErrorBody>(r: Reply): T => JSON.parse(r.body.toString('utf8')) as T;

beforeAll(async () => {
  dir = makeTmpDir('smgeo-server-');
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>SMGeo Workstation</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  t = makeSession(dir);
  server = await startServer({ session: t.session, rendererDir: renderer, bodyLimitBytes: 4096 });
});
afterAll(async () => {
  await server.close();
  await t.session.close();
  removeDir(dir);
});

describe('the API over HTTP', () => {
  it('listens on 127.0.0.1 with a random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('refuses calls without the token (401) or with a wrong one', async () => {
    const none = await raw('POST', '/api/app.state', { body: '{}' });
    expect(none.status).toBe(401);
    expect(json(none).message).toContain('x-smgeo-token');
    expect((await api('app.state', {}, 'f'.repeat(48))).status).toBe(401);
  });

  it('refuses requests addressed to another host (403), even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`]) {
      const r = await raw('POST', '/api/app.state', { headers: { Host: host, 'x-smgeo-token': server.token }, body: '{}' });
      expect(r.status, host).toBe(403);
    }
    expect((await raw('GET', '/', { headers: { Host: 'evil.example' } })).status).toBe(403);
    const local = await raw('POST', '/api/app.state', { headers: { Host: `localhost:${server.port}`, 'x-smgeo-token': server.token }, body: '{}' });
    expect(local.status).toBe(200);
  });

  it('answers 400 to a body that is not JSON, and to JSON the channel does not accept', async () => {
    const bad = await raw('POST', '/api/app.state', { headers: { 'x-smgeo-token': server.token }, body: '{not json' });
    expect(bad.status).toBe(400);
    expect(json(bad).code).toBe('invalid-json');
    const invalid = await api('project.open', { path: 'relative.smgeo' });
    expect(invalid.status).toBe(400);
    expect(json(invalid)).toMatchObject({ code: 'invalid-input' });
  });

  it('refuses a body over the limit (413) and unknown channels (404)', async () => {
    expect((await api('project.open', { path: `/${'a'.repeat(5000)}` })).status).toBe(413);
    expect((await api('project.delete', {})).status).toBe(404);
    expect((await raw('GET', '/api/app.state', { headers: { 'x-smgeo-token': server.token } })).status).toBe(405);
  });

  it('round trip: create a project, open frames, then see them in app.state', async () => {
    const path = join(dir, 'http.smgeo');
    const created = await api('project.create', { path });
    expect(created.status).toBe(200);
    expect(json<Output<'project.create'>>(created)).toMatchObject({ path, name: 'http' });
    const folder = await makeFramesFolder(join(dir, 'frames'), 2);
    expect(json<Output<'frames.open'>>(await api('frames.open', { folder })).frames).toHaveLength(2);
    const state = json<Output<'app.state'>>(await api('app.state', {}));
    expect(state.project?.path).toBe(path);
    expect(state.project?.frames?.folder).toBe(folder);
    expect(state.recent).toContain(path);
    // A domain error keeps its code and message.
    const noModel = await api('localize.run', { frameIndex: 0, click: { x: 1, y: 1 } });
    expect(noModel.status).toBe(422);
    expect(json(noModel).code).toMatch(/no-position|no-mosaic|no-model/);
  });

  it('serves assets with the token, the CSP header and the right type; 401 without the token', async () => {
    const frame = await raw('GET', `/asset/frame/0?t=${server.token}`);
    expect(frame.status).toBe(200);
    expect(frame.headers['content-type']).toBe('image/jpeg');
    expect(frame.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(frame.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw('GET', '/asset/frame/0')).status).toBe(401);
    expect((await raw('GET', `/asset/frame/99?t=${server.token}`)).status).toBe(404);
  });

  it('refuses path traversal in assets and in the renderer files', async () => {
    for (const path of [
      `/asset/../secret.txt?t=${server.token}`,
      `/asset/frame/..%2F..%2Fsecret.txt?t=${server.token}`,
      `/asset/frame/%2e%2e/%2e%2e/secret.txt?t=${server.token}`,
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
    ]) {
      const r = await raw('GET', path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.body.toString(), path).not.toContain('do not serve');
    }
  });

  it('serves the built renderer with the same CSP and sets no token cookie (other local ports would receive it)', async () => {
    const page = await raw('GET', `/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['set-cookie']).toBeUndefined();
    // Assets load with the token on the URL, as the renderer asks for them; a cookie opens nothing.
    expect((await raw('GET', `/asset/thumb/0?t=${server.token}`)).status).toBe(200);
    expect((await raw('GET', '/asset/thumb/0', { headers: { Cookie: `smgeo_token=${server.token}` } })).status).toBe(401);

    const script = await raw('GET', '/assets/app.js');
    expect(script.headers['content-type']).toContain('text/javascript');
    expect((await raw('GET', '/nothing-here.js')).status).toBe(404);
  });
});
