import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTmpDir, removeDir } from '../../helpers/gdal';
import { REPO_ROOT } from '../handlers/fixtures';

const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
let child: ChildProcess | null = null;
let dir = '';

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  child = null;
  if (dir) removeDir(dir);
});

/** Starts `cli.ts` and resolves with the URL line it prints (or rejects with what it said on exit). */
function serve(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    child = spawn(TSX, ['src/main/server/cli.ts', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => reject(new Error(`cli exited with ${code}: ${err || out}`)));
  });
}

describe('npm run serve (cli.ts)', () => {
  it('prints a URL with the token, opens --project (creating it), and answers the API', async () => {
    dir = makeTmpDir('smgeo-cli-');
    const project = join(dir, 'field.smgeo');
    const url = new URL(await serve(['--project', project, '--user-data', join(dir, 'user')]));
    expect(existsSync(project)).toBe(true);
    const token = url.searchParams.get('token')!;
    const res = await fetch(new URL('/api/app.state', url), { method: 'POST', headers: { 'x-smgeo-token': token }, body: '{}' });
    expect(res.status).toBe(200);
    const state = (await res.json()) as { project: { path: string; name: string } };
    expect(state.project).toMatchObject({ path: project, name: 'field' });
  });

  it('rejects a bad --port with the usage text', async () => {
    dir = makeTmpDir('smgeo-cli-');
    await expect(serve(['--port', 'eighty', '--user-data', join(dir, 'user')])).rejects.toThrow(/--port must be a number[\s\S]*Usage/);
  });
});
