import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames, channels } from '../../../src/shared/api';
import { handlers } from '../../../src/main/handlers';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { makeSession, type TestSession } from './fixtures';

let dir: string;
let t: TestSession;

beforeEach(() => {
  dir = makeTmpDir('smgeo-validation-');
  t = makeSession(dir);
});
afterEach(async () => {
  await t.session.close();
  removeDir(dir);
});

describe('every channel of the contract has a handler and a schema', () => {
  it('the handler table and the schema table list the same channels', () => {
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort());
  });
});

describe('invalid payloads are refused before any handler runs', () => {
  const cases: [string, unknown, RegExp][] = [
    ['project.open', { path: 'relative/p.smgeo' }, /full path/],
    ['project.open', {}, /path/],
    ['project.open', { path: 42 }, /path/],
    ['project.create', { path: '/tmp/a\0b' }, /NUL/],
    ['project.open', { path: '/tmp/p.smgeo', extra: true }, /extra/],
    ['localize.run', { frameIndex: -1, click: { x: 1, y: 1 } }, /frameIndex/],
    ['localize.run', { frameIndex: 0, click: { x: 1 } }, /click\.y/],
    ['localize.run', { frameIndex: 0, click: { x: 1, y: 1 }, centre: { lon: 200, lat: 0 } }, /centre\.lon/],
    ['objects.update', { id: 'a', status: 'maybe' }, /status/],
    ['objects.update', { id: 'a', ring: [[0, 0], [1, 0], [1, 1], [0, 1]] }, /closed/],
    ['model.setProvider', { provider: 'tpu' }, /provider/],
    ['dialog.pick', { kind: 'anything' }, /kind/],
  ];
  for (const [channel, input, mentions] of cases) {
    it(`${channel} ${JSON.stringify(input)}`, async () => {
      const err = await t.fail(channel, input);
      expect(err.code).toBe('invalid-input');
      expect(err.message).toContain(channel);
      expect(err.message).toMatch(mentions);
    });
  }

  it('an unknown channel is named in the error', async () => {
    const err = await t.fail('project.delete', {});
    expect(err).toMatchObject({ code: 'unknown-channel' });
    expect(err.message).toContain('project.delete');
  });

  it('a missing input counts as {} for channels without fields', async () => {
    const { dispatch } = await import('../../../src/main/handlers');
    const r = await dispatch(t.session, 'objects.list', undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'no-project' } });
  });

  it('valid inputs pass the same schemas', () => {
    expect(channels['project.create'].input.safeParse({ path: join(dir, 'p.smgeo') }).success).toBe(true);
    expect(channels['project.create'].input.safeParse({ path: 'C:\\data\\p.smgeo' }).success).toBe(true);
    expect(channels['localize.run'].input.safeParse({ frameIndex: 3, click: { x: 10.5, y: 20 }, centre: { lon: 8.5, lat: 47.3 } }).success).toBe(true);
  });
});
