import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';

export const MAX_RECENT = 10;

const recentFileSchema = z.object({ version: z.literal(1), projects: z.array(z.string()) });

/**
 * The recent-projects list (most recent first). A missing or unreadable list is an empty one: it
 * is a convenience, and must never stop the app from starting.
 */
export async function readRecentProjects(listFile: string): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(listFile, 'utf8');
  } catch {
    return [];
  }
  try {
    const parsed = recentFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? dedupe(parsed.data.projects).slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

/** Puts `projectPath` first (once) and keeps at most MAX_RECENT entries. */
export async function addRecentProject(listFile: string, projectPath: string): Promise<string[]> {
  const abs = path.resolve(projectPath);
  const current = await readRecentProjects(listFile);
  const next = dedupe([abs, ...current]).slice(0, MAX_RECENT);
  await writeRecent(listFile, next);
  return next;
}

/** Drops a project from the list, e.g. after it failed to open because it was moved. */
export async function removeRecentProject(listFile: string, projectPath: string): Promise<string[]> {
  const abs = path.resolve(projectPath);
  const next = (await readRecentProjects(listFile)).filter((p) => p !== abs);
  await writeRecent(listFile, next);
  return next;
}

function dedupe(paths: string[]): string[] {
  return [...new Set(paths)];
}

async function writeRecent(listFile: string, projects: string[]): Promise<void> {
  await fs.mkdir(path.dirname(listFile), { recursive: true });
  await writeFileAtomic(listFile, `${JSON.stringify({ version: 1, projects }, null, 2)}\n`);
}
