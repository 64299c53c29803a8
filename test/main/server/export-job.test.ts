// A large export runs in a worker: the server keeps answering map tiles and API calls meanwhile,
// progress is visible through jobs.status, and a cancelled export leaves no file behind.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../../src/shared/api';
import { startServer, type RunningServer } from '../../../src/main/server/server';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { INSIDE_MOSAIC, makeMosaic, makeSession, type TestSession } from '../handlers/fixtures';
import { clockwiseBox, sampleObject } from '../store/sample-object';

const OBJECTS = 20_000;
let dir: string;
let t: TestSession;
let server: RunningServer;
let tilePath: string;

function get(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers: { Host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function api<T>(channel: string, input: unknown): Promise<T> {
  const r = await get(`/api/${channel}`, { 'Content-Type': 'application/json', 'x-smgeo-token': server.token }, 'POST', JSON.stringify(input));
  const value = JSON.parse(r.body.toString('utf8'));
  if (r.status !== 200) throw new Error(`${channel}: ${r.status} ${JSON.stringify(value)}`);
  return value as T;
}

async function until(id: string, done: (j: JobView) => boolean): Promise<JobView> {
  for (;;) {
    const job = await api<JobView>('jobs.status', { id });
    if (done(job)) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  dir = makeTmpDir('smgeo-export-job-');
  t = makeSession(dir);
  await t.call('project.create', { path: join(dir, 'big.smgeo') });
  const mosaic = await t.call('mosaic.open', { path: await makeMosaic(join(dir, 'maps')) });
  const candidates = Array.from({ length: 5 }, (_, k) => ({ score: 0.9 - k / 10, chipBox: [1, 2, 3, 4] as [number, number, number, number], ring: clockwiseBox(8.5 + k / 1000, 47.3) }));
  t.session.requireProject().store.insertObjects(Array.from({ length: OBJECTS }, (_, i) => sampleObject({ status: 'accepted', label: `object ${i}`, candidates })));
  server = await startServer({ session: t.session, rendererDir: join(dir, 'no-renderer') });
  const n = 2 ** 16;
  const x = Math.floor(((INSIDE_MOSAIC.lon + 180) / 360) * n);
  const lat = (INSIDE_MOSAIC.lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n);
  tilePath = `/asset/tile/${encodeURIComponent(mosaic.id)}/16/${x}/${y}.png?t=${server.token}`;
}, 300_000);
afterAll(async () => {
  await server?.close();
  await t.session.close();
  removeDir(dir);
});

describe('export as a background job', () => {
  it('map tiles and job status are answered while a large export runs, and the export completes', async () => {
    const target = join(dir, 'all.geojson');
    const job = await api<JobView>('export.start', { path: target, format: 'geojson' });
    expect(job.state).toBe('running');
    // Answered while the job still runs: the export is not on the thread that serves requests.
    const tile = await get(tilePath);
    const during = await api<JobView>('jobs.status', { id: job.id });
    expect(tile.status).toBe(200);
    expect(during.state).toBe('running');
    expect(during.done).toBeLessThan(OBJECTS);

    const seen = new Set<number>();
    const finished = await until(job.id, (j) => {
      seen.add(j.done);
      return j.state !== 'running';
    });
    expect(finished).toMatchObject({ state: 'done', done: OBJECTS, total: OBJECTS, result: { path: target, count: OBJECTS }, error: null });
    // Progress moved through intermediate values, not just 0 → total.
    expect([...seen].some((d) => d > 0 && d < OBJECTS)).toBe(true);
    const fc = JSON.parse(readFileSync(target, 'utf8')) as { features: { properties: { label: string } }[] };
    expect(fc.features).toHaveLength(OBJECTS);
    expect(fc.features[OBJECTS - 1].properties.label).toBe(`object ${OBJECTS - 1}`);
  });

  it('a cancelled export stops, says so, and leaves neither the file nor a temporary one', async () => {
    for (const format of ['geojson', 'gpkg'] as const) {
      const target = join(dir, `cancelled.${format}`);
      const job = await api<JobView>('export.start', { path: target, format });
      await api<JobView>('jobs.cancel', { id: job.id });
      const end = await until(job.id, (j) => j.state !== 'running');
      expect(end.state).toBe('cancelled');
      expect(end.error).toMatch(/cancelled/);
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(dir).filter((n) => n.includes('cancelled'))).toEqual([]);
    }
  });

  it('an unknown job id is not-found', async () => {
    const r = await get('/api/jobs.status', { 'Content-Type': 'application/json', 'x-smgeo-token': server.token }, 'POST', JSON.stringify({ id: 'nope' }));
    expect(r.status).toBe(404);
  });
});
