// The recent-projects list is a convenience: a user-data folder that cannot be written never
// stops a project from opening, in the window or in `npm run serve -- --project`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProjectStore } from '../../../src/main/store';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { makeSession, REPO_ROOT, type TestSession } from './fixtures';

let dir: string;
let t: TestSession;

beforeEach(() => {
  dir = makeTmpDir('smgeo-recent-fail-');
  t = makeSession(dir);
  // A folder where the list file should be: every write of the list fails (even for root).
  mkdirSync(join(dir, 'user-data', 'recent.json'));
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.session.close();
  removeDir(dir);
});

describe('a failing recent-projects list', () => {
  it('does not fail project.create or project.open, and says why in the log', async () => {
    const project = join(dir, 'p.smgeo');
    expect((await t.call('project.create', { path: project })).path).toBe(project);
    t.session.closeProject();
    expect((await t.call('project.open', { path: project })).path).toBe(project);
    expect(vi.mocked(console.warn).mock.calls.join(' ')).toMatch(/recent-projects list .*recent\.json/);
  });

  it('does not stop npm run serve -- --project', async () => {
    const project = join(dir, 'field.smgeo');
    ProjectStore.create(project, 'field').close();
    const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['src/main/server/cli.ts', '--project', project, '--user-data', join(dir, 'user-data')], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      expect(line).toMatch(/token=/);
      expect(existsSync(project)).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
