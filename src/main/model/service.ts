// The model's lifecycle for the app: which model and provider are loaded, loading on first use,
// reloading when either changes, and the encoded reference chips that belong to the loaded one.
import { LoadedModel, type ReferenceFeatures } from './loaded-model';
import type { ProviderChoice } from './providers';
import { ReferenceCache } from './reference-cache';

export class ModelService {
  /** Encoded reference chips of the loaded model; cleared whenever another model loads. */
  readonly cache = new ReferenceCache<ReferenceFeatures>(8);
  /** Execution provider preference; the next load() uses it. */
  provider: ProviderChoice = 'auto';
  private model: Promise<LoadedModel> | null = null;
  private key = '';

  constructor(
    private readonly threads?: number,
    private readonly allowSpinning = false,
  ) {}

  /** The model in `dir` on the chosen provider, loaded on first use or when the folder or provider changed. */
  async load(dir: string): Promise<LoadedModel> {
    const key = `${dir}|${this.provider}`;
    if (!this.model || this.key !== key) {
      const previous = this.model;
      this.key = key;
      this.cache.clear();
      this.model = LoadedModel.load(dir, { provider: this.provider, threads: this.threads, allowSpinning: this.allowSpinning });
      this.model.catch(() => undefined);
      if (previous) void previous.then((m) => m.close()).catch(() => undefined);
    }
    try {
      return await this.model;
    } catch (err) {
      // Forget the failure so that a fixed model folder is picked up on the next try.
      if (this.key === key) {
        this.model = null;
        this.key = '';
      }
      throw err;
    }
  }

  /** Drops the loaded model (it loads again on next use). */
  unload(): void {
    const m = this.model;
    this.model = null;
    this.key = '';
    this.cache.clear();
    if (m) void m.then((x) => x.close()).catch(() => undefined);
  }

  async close(): Promise<void> {
    const m = this.model;
    this.model = null;
    this.key = '';
    this.cache.clear();
    if (m) await m.then((x) => x.close()).catch(() => undefined);
  }
}
