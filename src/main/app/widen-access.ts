// A project file can come from someone else, and its settings name the folders the app reopens
// (frames, mosaics, model). Inside the project's own folder they are part of what the user opened;
// anywhere else the app asks before it reads them, and remembers the answer per project.
import fs from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomic-file';
import { AccessList } from './access';

export interface SettingsPaths {
  framesFolder: string | null;
  mosaics: string[];
  modelDir: string | null;
}

export interface NamedPath {
  path: string;
  kind: 'folder' | 'file';
}

/** A question for the user: may this project make the app read these paths? */
export interface AccessRequest {
  project: string;
  paths: string[];
}

export function accessQuestion(req: AccessRequest): string {
  return (
    `The project ${req.project} asks to open ${req.paths.length === 1 ? 'a location' : `${req.paths.length} locations`} outside its own folder:\n` +
    `${req.paths.join('\n')}\n` +
    'Allow only if you trust where this project came from. The answer is remembered for this project.'
  );
}

/** The frames folder, mosaics and model folder a project's settings name, absolute. */
export function namedPaths(settings: SettingsPaths): NamedPath[] {
  const out: NamedPath[] = [];
  if (settings.framesFolder) out.push({ path: resolve(settings.framesFolder), kind: 'folder' });
  for (const m of settings.mosaics) out.push({ path: resolve(m), kind: 'file' });
  if (settings.modelDir) out.push({ path: resolve(settings.modelDir), kind: 'folder' });
  return out;
}

/** Whether `path` is inside the folder holding `projectFile` (links resolved). */
export function insideProjectFolder(projectFile: string, path: string): boolean {
  const own = new AccessList();
  own.allowFolder(dirname(resolve(projectFile)));
  return own.allows(path);
}

const decisionsSchema = z.object({ version: z.literal(1), projects: z.record(z.string(), z.record(z.string(), z.boolean())) });
type DecisionsFile = z.infer<typeof decisionsSchema>;

/**
 * The user's answers, per project and path, in the user-data folder. Like the recent list it is a
 * convenience: a missing or damaged file means "ask again", a failed write is only logged.
 */
export class AccessDecisions {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  static inFolder(userDataDir: string): AccessDecisions {
    return new AccessDecisions(join(userDataDir, 'access-decisions.json'));
  }

  async forProject(project: string): Promise<Map<string, boolean>> {
    await this.queue; // answers still being written count
    const all = await this.read();
    return new Map(Object.entries(all.projects[resolve(project)] ?? {}));
  }

  /** Records `allow` for each path; writes are queued so two quick answers do not lose one another. */
  remember(project: string, paths: string[], allow: boolean): Promise<void> {
    const next = this.queue.then(async () => {
      const all = await this.read();
      const key = resolve(project);
      const mine = { ...(all.projects[key] ?? {}) };
      for (const p of paths) mine[resolve(p)] = allow;
      all.projects[key] = mine;
      await fs.mkdir(dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, `${JSON.stringify(all, null, 2)}\n`);
    });
    this.queue = next.catch(() => undefined);
    return next.catch((err: unknown) => {
      console.warn(`[access] the answer for ${project} was not remembered (${this.file}): ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  private async read(): Promise<DecisionsFile> {
    try {
      const parsed = decisionsSchema.safeParse(JSON.parse(await fs.readFile(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // Missing or unreadable: nothing remembered.
    }
    return { version: 1, projects: {} };
  }
}
