import type Database from 'better-sqlite3';
import { StoreError, wrapReadError, wrapWriteError } from './errors';
import { describeIssues } from '../../shared/issues';
import { settingsPatchSchema, settingsSchema } from './schemas';
import type { ProjectSettings } from './types';

const DEFAULTS: ProjectSettings = { framesFolder: null, mosaics: [], modelDir: null, provider: 'auto', layout: null, camera: null };

/** Settings live one key per row (JSON values) so a later version can add keys without a migration. */
export class SettingsRepository {
  private readonly allStmt: Database.Statement<[], { key: string; value: string }>;
  private readonly putStmt: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {
    this.allStmt = db.prepare('SELECT key, value FROM settings');
    this.putStmt = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  get(): ProjectSettings {
    let rows: { key: string; value: string }[];
    try {
      rows = this.allStmt.all();
    } catch (err) {
      throw wrapReadError(err, 'read the project settings', this.file);
    }
    const raw: Record<string, unknown> = { ...DEFAULTS };
    for (const { key, value } of rows) {
      try {
        raw[key] = JSON.parse(value);
      } catch {
        throw this.damaged(`"${key}" is not valid JSON`);
      }
    }
    const parsed = settingsSchema.safeParse(raw);
    if (!parsed.success) throw this.damaged(describeIssues(parsed.error));
    return parsed.data;
  }

  update(patch: Partial<ProjectSettings>): ProjectSettings {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      throw new StoreError('invalid', `The settings of ${this.file} were not changed: ${describeIssues(parsed.error)}.`);
    }
    try {
      this.db.transaction(() => {
        for (const [key, value] of Object.entries(parsed.data)) {
          if (value !== undefined) this.putStmt.run(key, JSON.stringify(value));
        }
      })();
    } catch (err) {
      throw wrapWriteError(err, 'save the project settings', this.file);
    }
    return this.get();
  }

  private damaged(why: string): StoreError {
    return new StoreError('invalid', `The settings stored in ${this.file} are damaged (${why}). Set them again in the project settings.`);
  }
}
