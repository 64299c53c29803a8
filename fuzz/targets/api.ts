// The HTTP API of browser mode, as any local program could call it: every channel with random and
// near-valid payloads, raw bodies, through the real server into the real handlers. Paths point into
// a sandbox; the session runs with Electron's rule (only opened paths), so nothing else is touched.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Session } from '../../src/main/handlers';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../src/main/server/server';
import { channels } from '../../src/shared/api';
import { makeFramesFolder } from '../../test/main/handlers/fixtures';
import { Unclear, type FuzzTarget } from '../harness';
import { fromJsonSafe, nastyNumber, toJsonSafe } from './mutate';

interface ApiInput {
  channel: string;
  body: { json: unknown } | { raw: string };
}

interface Ctx {
  dir: string;
  session: Session;
  server: RunningServer;
}

const CHANNELS = Object.keys(channels);

export const apiTarget: FuzzTarget<ApiInput, Ctx> = {
  name: 'http-api',
  about: 'POST /api/<channel> with random JSON, near-valid payloads (sandbox paths, traversals, hostile numbers) and raw bodies, through the server and handlers',
  async setup() {
    const dir = mkdtempSync(join(tmpdir(), 'smgeo-fuzz-api-'));
    mkdirSync(join(dir, 'user'));
    await makeFramesFolder(join(dir, 'sandbox', 'frames'), 2, [
      { lon: 8.54, lat: 47.37 },
      { lon: 8.55, lat: 47.38 },
    ]);
    const session = new Session({ userDataDir: join(dir, 'user'), resourcesDir: join(dir, 'resources'), pathsMustBePicked: true, modelThreads: 1 });
    session.access.allowFolder(join(dir, 'sandbox'));
    const server = await startServer({ session, rendererDir: join(dir, 'no-renderer') });
    const post = (channel: string, body: unknown) =>
      fetch(`${server.url}api/${channel}`, { method: 'POST', headers: { [TOKEN_HEADER]: server.token }, body: JSON.stringify(body) });
    await post('project.create', { path: join(dir, 'sandbox', 'p.smgeo') });
    await post('frames.open', { folder: join(dir, 'sandbox', 'frames') });
    return { dir, session, server };
  },
  async teardown(ctx) {
    await ctx.server.close();
    await ctx.session.close();
    rmSync(ctx.dir, { recursive: true, force: true });
  },
  arbitrary(ctx) {
    const sandbox = join(ctx.dir, 'sandbox');
    const path = fc.oneof(
      fc.string({ maxLength: 20 }).map((s) => join(sandbox, s)),
      fc.constantFrom(join(sandbox, 'p.smgeo'), join(sandbox, 'frames'), join(sandbox, 'frames', 'frame_1.jpg'), join(sandbox, 'x.csv'), join(sandbox, '..', '..', 'etc', 'passwd'), `${sandbox}/%2e%2e/x`, '/', '', 'relative/x', `${sandbox}\u0000x`, '/dev/null', '/proc/self/environ'),
    );
    const value = fc.oneof(nastyNumber, fc.string({ maxLength: 30 }), fc.boolean(), fc.constant(null), path, fc.jsonValue({ maxDepth: 2 }));
    const point = fc.record({ x: nastyNumber, y: nastyNumber });
    const lonLat = fc.record({ lon: nastyNumber, lat: nastyNumber });
    const known = fc.record(
      {
        path,
        folder: path,
        id: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('x'.repeat(300))),
        frameIndex: fc.oneof(fc.nat(5), nastyNumber),
        click: point,
        centre: lonLat,
        mosaicId: fc.string({ maxLength: 40 }),
        status: fc.constantFrom('pending', 'accepted', 'rejected', 'corrected', 'bogus'),
        label: fc.string({ maxLength: 50 }),
        note: fc.string({ maxLength: 50 }),
        chosen: fc.oneof(fc.nat(6), nastyNumber),
        ring: fc.array(fc.tuple(nastyNumber, nastyNumber), { maxLength: 6 }),
        kind: fc.constantFrom('project-open', 'folder', 'mosaic', 'nope'),
        provider: fc.constantFrom('auto', 'cpu', 'cuda', 'x'),
        allow: fc.boolean(),
        format: fc.constantFrom('geojson', 'csv', 'gpkg', 'kml', 'exe'),
        extra: value,
      },
      { requiredKeys: [] },
    );
    return fc.record({
      channel: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...CHANNELS) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }),
      body: fc.oneof(
        { weight: 6, arbitrary: fc.record({ json: known }) },
        { weight: 2, arbitrary: fc.record({ json: fc.jsonValue({ maxDepth: 3 }) }) },
        { weight: 1, arbitrary: fc.record({ raw: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{', '{"path":', 'null', '[]', '"x"', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}')) }) },
      ),
    });
  },
  async run(input, ctx) {
    const body = 'raw' in input.body ? input.body.raw : JSON.stringify(input.body.json) ?? '';
    const res = await fetch(`${ctx.server.url}api/${encodeURIComponent(input.channel)}`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: ctx.server.token, 'Content-Type': 'application/json' },
      body,
    });
    const text = await res.text();
    let parsed: { code?: unknown; message?: unknown } | null;
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw new Unclear(`${input.channel} answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    if (res.status >= 500 || (res.status >= 400 && parsed?.code === 'internal')) {
      throw new Unclear(`${input.channel} answered ${res.status}: ${JSON.stringify(parsed).slice(0, 500)}`);
    }
    if (res.status >= 400 && !(typeof parsed?.message === 'string' && parsed.message.length > 0)) {
      throw new Unclear(`${input.channel} answered ${res.status} without a message`);
    }
    if (({} as Record<string, unknown>).x !== undefined) throw new Unclear('a payload polluted Object.prototype');
  },
  isClear: () => false, // errors come back as HTTP answers; run() judges them
  encode: (i) => toJsonSafe(i),
  decode: (j) => fromJsonSafe(j) as ApiInput,
};
