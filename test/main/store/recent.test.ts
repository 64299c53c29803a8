import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MAX_RECENT, addRecentProject, readRecentProjects, removeRecentProject } from '../../../src/main/store';

let dir: string;
let list: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smgeo-recent-'));
  list = path.join(dir, 'userData', 'recent-projects.json');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

it('no list yet means no recent projects', async () => {
  expect(await readRecentProjects(list)).toEqual([]);
});

it('keeps the most recent first, once each, at most ten', async () => {
  for (let i = 0; i < 12; i++) await addRecentProject(list, path.join(dir, `p${i}.smgeo`));
  await addRecentProject(list, path.join(dir, 'p5.smgeo'));
  const recent = await readRecentProjects(list);
  expect(recent).toHaveLength(MAX_RECENT);
  expect(recent[0]).toBe(path.join(dir, 'p5.smgeo'));
  expect(recent.slice(1, 4)).toEqual(['p11', 'p10', 'p9'].map((n) => path.join(dir, `${n}.smgeo`)));
  expect(recent.filter((p) => p.endsWith('p5.smgeo'))).toHaveLength(1);
  expect(recent).not.toContain(path.join(dir, 'p1.smgeo'));
  // Written atomically: no temporary files are left beside the list.
  expect(fs.readdirSync(path.dirname(list))).toEqual(['recent-projects.json']);
});

it('forgets a project that was moved away', async () => {
  await addRecentProject(list, '/a.smgeo');
  await addRecentProject(list, '/b.smgeo');
  expect(await removeRecentProject(list, '/a.smgeo')).toEqual(['/b.smgeo']);
  expect(await readRecentProjects(list)).toEqual(['/b.smgeo']);
});

it('a damaged list is treated as empty and replaced on the next add', async () => {
  fs.mkdirSync(path.dirname(list), { recursive: true });
  fs.writeFileSync(list, '{"version": 1, "projects": [');
  expect(await readRecentProjects(list)).toEqual([]);
  expect(await addRecentProject(list, '/c.smgeo')).toEqual(['/c.smgeo']);
  expect(JSON.parse(fs.readFileSync(list, 'utf8'))).toEqual({ version: 1, projects: ['/c.smgeo'] });
});
