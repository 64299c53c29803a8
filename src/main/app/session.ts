// What is open right now: the project, its frames folder and mosaics, the model (through
// ModelService). One Session per app window (Electron) or per server; both transports hand it to the
// same handler functions.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { LRUCache } from 'lru-cache';
import { ApiError } from '../../shared/errors';
import type { DialogKind, ProviderChoice } from '../../shared/api';
import { loadTelemetry, scanFrames, type FrameEntry } from '../frames';
import { RecentFrames } from '../frames/recent-frames';
import { openVideo, type OpenedVideo } from '../frames/video-source';
import { isVideoFileName } from '../frames/video';
import { ExportJobs } from '../export/jobs';
import { isProviderChoice, MODEL_CARD_FILE, ModelService, type LoadedModel, type ReferenceCache, type ReferenceFeatures } from '../model';
import { Mosaic } from '../mosaic';
import { ProjectStore, addRecentProject, readRecentProjects, removeRecentProject, type Telemetry } from '../store';
import { AccessList } from './access';
import { toApiError } from './errors';
import { AccessDecisions, insideProjectFolder, namedPaths, type AccessRequest, type NamedPath } from './widen-access';

export interface SessionOptions {
  /** Per-user folder: recent projects list and the sample project live here. */
  userDataDir: string;
  /** Holds models/ (the default model) and sample/ (the sample mosaic and frames). */
  resourcesDir: string;
  /** Model folder to use instead of resources/models (tests, or a user's own export). */
  modelDir?: string;
  /** Native file dialog; absent in browser mode, where the UI asks for a typed path instead. */
  pickPath?: (kind: DialogKind) => Promise<string | null>;
  /**
   * Electron: a path must have come from a dialog, the recent list or an open project before a
   * handler touches it. Browser mode: the token holder typed it, which is the same as choosing it.
   */
  pathsMustBePicked?: boolean;
  /** How many heatmap PNGs to keep for the map overlay. */
  heatmapsKept?: number;
  /** onnxruntime threads; defaults to all cores. */
  modelThreads?: number;
  /** onnxruntime's spinning pool threads, as before they were turned off (benchmarks compare). */
  modelThreadsSpin?: boolean;
  /**
   * Asks the user (Electron: a native dialog) whether a project may open locations outside its own
   * folder. Absent in browser mode: the question goes to the page as ProjectView.accessRequest.
   */
  confirmAccess?: (request: AccessRequest) => Promise<boolean>;
}

export interface OpenFrames {
  /** The frames folder, or the video file whose frames these are. */
  folder: string;
  entries: FrameEntry[];
  telemetry: Map<number, Telemetry>;
  video?: OpenedVideo;
}

export interface OpenProject {
  store: ProjectStore;
  /** Things from the project's settings that could not be reopened, said for the user. */
  problems: string[];
  /** Locations outside the project's folder that wait for the user's answer (browser mode). */
  accessRequest: AccessRequest | null;
}

export interface StoredHeatmap {
  png: Buffer;
  boundsLonLat: [number, number, number, number];
}

export type PathKind = 'file' | 'folder' | 'new-file';

/** Objects whose Feature text is rendered per slice: about 25 ms of the main thread on 2 cores. */
const FEATURE_FILL_SLICE = 250;

export class Session {
  readonly access = new AccessList();
  readonly models: ModelService;
  project: OpenProject | null = null;
  frames: OpenFrames | null = null;
  readonly mosaics = new Map<string, Mosaic>();
  lastLatencyMs: number | null = null;
  /** Exports (worker threads) and other long tasks of this window or server (export/jobs.ts). */
  readonly jobs = new ExportJobs();
  /** The background fill of the open project's missing Feature texts (tests wait for it). */
  featureUpkeep: Promise<void> = Promise.resolve();
  /** The frames clicked last, with the model's query of each (frames/recent-frames.ts). */
  readonly recentFrames = new RecentFrames();
  /** The latest heatmaps, for the map overlay (options.heatmapsKept of them). */
  private readonly heatmaps: LRUCache<string, StoredHeatmap>;
  private readonly decisions: AccessDecisions;
  /** Locations the open project names that the user did not (or not yet) allow it to read. */
  private readonly withheld = new Set<string>();

  constructor(readonly options: SessionOptions) {
    this.models = new ModelService(options.modelThreads, options.modelThreadsSpin);
    this.heatmaps = new LRUCache({ max: options.heatmapsKept ?? 32 });
    this.access.allowFolder(this.sampleResourcesDir);
    this.decisions = AccessDecisions.inFolder(options.userDataDir);
  }

  /** Encoded reference chips of the loaded model. */
  get cache(): ReferenceCache<ReferenceFeatures> {
    return this.models.cache;
  }

  /** Execution provider preference; the open project's setting when there is one. */
  get provider(): ProviderChoice {
    return this.models.provider;
  }

  set provider(choice: ProviderChoice) {
    this.models.provider = choice;
  }

  get recentFile(): string {
    return join(this.options.userDataDir, 'recent.json');
  }

  get sampleResourcesDir(): string {
    return join(this.options.resourcesDir, 'sample');
  }

  get sampleProjectFile(): string {
    return join(this.options.userDataDir, 'sample.smgeo');
  }

  /** Projects on the recent list were opened by the user before: they count as chosen. */
  async recentProjects(): Promise<string[]> {
    const recent = await readRecentProjects(this.recentFile);
    for (const p of recent) this.access.allowFile(p);
    return recent;
  }

  async forgetRecent(path: string): Promise<void> {
    await this.keepRecent(() => removeRecentProject(this.recentFile, path));
  }

  /** The recent list is a convenience: failing to write it (full or read-only disk) never stops an open. */
  private async keepRecent(update: () => Promise<unknown>): Promise<void> {
    try {
      await update();
    } catch (err) {
      console.warn(`[recent] the recent-projects list ${this.recentFile} was not updated: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** The absolute path a handler may use, after checking (Electron) or recording (browser mode) the user's choice. */
  userPath(path: string, kind: PathKind, what: string): string {
    const abs = resolve(path);
    if (this.options.pathsMustBePicked) return this.access.check(abs, what);
    this.grant(abs, kind);
    return abs;
  }

  grant(path: string, kind: PathKind): void {
    if (kind === 'folder') this.access.allowFolder(path);
    else this.access.allowFile(path);
    // What the user chose while a project is open may be reopened by it without asking again.
    if (this.project && kind !== 'new-file') void this.decisions.remember(this.project.store.path, [path], true);
  }

  requireProject(): OpenProject {
    if (!this.project) throw new ApiError('no-project', 'No project is open. Open or create a project first (File ▸ Open project).');
    return this.project;
  }

  requireFrames(): OpenFrames {
    if (!this.frames) throw new ApiError('no-frames', 'No frames folder is open. Choose the folder with the drone frames first.');
    return this.frames;
  }

  /** Makes `store` the open project and reopens its frames folder and mosaics. */
  async adoptProject(store: ProjectStore): Promise<OpenProject> {
    this.closeProject();
    this.access.allowFile(store.path);
    const problems: string[] = [];
    this.project = { store, problems, accessRequest: null };
    const settings = store.getSettings();
    const allowed = await this.decideAccess(store.path, namedPaths(settings));
    await this.reopen(settings, allowed);
    this.provider = parseProvider(settings.provider);
    await this.keepRecent(() => addRecentProject(this.recentFile, store.path));
    this.featureUpkeep = this.fillFeatureTexts(store);
    return this.project;
  }

  /**
   * Renders, a slice at a time between the app's other work, the GeoJSON Feature text of objects
   * saved without one (by a version before project format 3): 100,000 of them take about 10 s,
   * which must not freeze the window. Exports meanwhile render the missing ones themselves.
   */
  private async fillFeatureTexts(store: ProjectStore): Promise<void> {
    if (store.readOnly) return;
    let after = '';
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.project?.store !== store) return;
      try {
        const slice = store.fillMissingFeatures(FEATURE_FILL_SLICE, after);
        if (slice.examined === 0) return;
        after = slice.last;
      } catch (err) {
        console.warn(`[project] ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
    }
  }

  /**
   * Allows what the project names inside its own folder, already opened, or allowed before; asks
   * about the rest (Electron) or leaves the question to the page (browser mode). Returns what may open.
   */
  private async decideAccess(project: string, named: NamedPath[]): Promise<Set<string>> {
    const remembered = await this.decisions.forProject(project);
    const allowed = new Set<string>();
    const undecided: NamedPath[] = [];
    for (const n of named) {
      if (remembered.get(n.path) === true || this.access.allows(n.path) || insideProjectFolder(project, n.path)) allowed.add(n.path);
      else if (remembered.get(n.path) === false) this.withheld.add(n.path);
      else undecided.push(n);
    }
    if (undecided.length > 0) {
      const request: AccessRequest = { project, paths: undecided.map((n) => n.path) };
      if (this.options.confirmAccess) {
        const allow = await this.options.confirmAccess(request);
        await this.decisions.remember(project, request.paths, allow);
        for (const p of request.paths) (allow ? allowed : this.withheld).add(p);
      } else {
        for (const p of request.paths) this.withheld.add(p);
        this.project!.accessRequest = request;
      }
    }
    for (const n of named) if (allowed.has(n.path)) this.grantQuietly(n);
    return allowed;
  }

  private grantQuietly(n: NamedPath): void {
    if (n.kind === 'folder') this.access.allowFolder(n.path);
    else this.access.allowFile(n.path);
  }

  /** Reopens the frames folder and mosaics of the settings that are in `allowed`. */
  private async reopen(settings: { framesFolder: string | null; mosaics: string[] }, allowed: Set<string>): Promise<void> {
    const { problems, accessRequest } = this.requireProject();
    const refused = (p: string, what: string) => {
      // A question still open is asked by the page; a "no" is said once per opening.
      if (!accessRequest?.paths.includes(resolve(p)) && this.withheld.has(resolve(p))) {
        problems.push(`${what} ${p} is outside the project's folder and was not opened: you did not allow this project to read it. Open it yourself if you trust it.`);
      }
    };
    if (settings.framesFolder) {
      if (!allowed.has(resolve(settings.framesFolder))) refused(settings.framesFolder, 'The frames folder');
      else {
        try {
          await this.openFrames(settings.framesFolder);
        } catch (err) {
          problems.push(`The frames folder ${settings.framesFolder} could not be reopened: ${toApiError(err).message}`);
        }
      }
    }
    for (const path of settings.mosaics) {
      if (!allowed.has(resolve(path))) {
        refused(path, 'The mosaic');
        continue;
      }
      try {
        await this.openMosaic(path);
      } catch (err) {
        problems.push(`The mosaic ${path} could not be reopened: ${toApiError(err).message}`);
      }
    }
  }

  /** The page's answer to ProjectView.accessRequest: remembered; on "allow" the locations open now. */
  async answerAccessRequest(allow: boolean): Promise<void> {
    const project = this.requireProject();
    const request = project.accessRequest;
    if (!request) return;
    project.accessRequest = null;
    await this.decisions.remember(request.project, request.paths, allow);
    const settings = project.store.getSettings();
    if (!allow) return;
    const allowed = new Set(request.paths);
    for (const n of namedPaths(settings)) {
      if (!allowed.has(n.path)) continue;
      this.withheld.delete(n.path);
      this.grantQuietly(n);
    }
    // The model folder may change with the answer: load it again on the next use.
    if (settings.modelDir && allowed.has(resolve(settings.modelDir))) this.unloadModel();
    await this.reopen({ framesFolder: settings.framesFolder, mosaics: settings.mosaics }, allowed);
  }

  closeProject(): void {
    this.project?.store.close();
    this.project = null;
    this.withheld.clear();
    this.frames = null;
    this.recentFrames.clear();
    for (const m of this.mosaics.values()) void closeMosaic(m);
    this.mosaics.clear();
    this.cache.clear();
    this.heatmaps.clear();
  }

  /**
   * Scans a frames folder (or probes a video) and makes it the open frames. With `signal`, a cancel
   * before the end rejects with the signal's reason and keeps the frames that were open before.
   */
  async openFrames(folder: string, options: { progress?: (done: number, total: number) => void; signal?: AbortSignal; forProject?: ProjectStore } = {}): Promise<OpenFrames> {
    let opened: OpenFrames;
    if (isVideoFileName(folder)) {
      const video = await openVideo(folder, options);
      opened = { folder: video.info.path, entries: video.entries, telemetry: video.telemetry, video };
    } else {
      const entries = await scanFrames(folder);
      const telemetry = await loadTelemetry(folder, entries, options);
      opened = { folder: resolve(folder), entries, telemetry };
    }
    options.signal?.throwIfAborted();
    this.assertStillOpen(options.forProject, `the frames ${folder} were opening`);
    this.frames = opened;
    this.recentFrames.clear();
    return opened;
  }

  /** A job started for `store` must not change the project opened in the meantime. */
  private assertStillOpen(store: ProjectStore | undefined, what: string): void {
    if (store && this.project?.store !== store) {
      throw new ApiError('no-project', `The project ${store.path} was closed while ${what}; nothing was changed. Open it again in the project that is open now.`);
    }
  }

  frameByIndex(index: number): FrameEntry {
    const frames = this.requireFrames();
    const entry = frames.entries.find((f) => f.index === index);
    if (!entry) throw new ApiError('not-found', `There is no frame ${index} in ${frames.folder} (it has ${frames.entries.length} frames).`);
    return entry;
  }

  /** With `signal`, a cancel closes the just-opened file again and rejects with the signal's reason. */
  async openMosaic(path: string, signal?: AbortSignal, forProject?: ProjectStore): Promise<Mosaic> {
    const abs = resolve(path);
    for (const m of this.mosaics.values()) if (resolve(m.info.path) === abs) return m;
    const mosaic = await Mosaic.open(abs);
    const stale = !!forProject && this.project?.store !== forProject;
    if (signal?.aborted || stale) {
      await closeMosaic(mosaic);
      signal?.throwIfAborted();
      this.assertStillOpen(forProject, `the mosaic ${abs} was opening`);
    }
    this.mosaics.set(mosaic.info.id, mosaic);
    return mosaic;
  }

  mosaicById(id: string): Mosaic {
    const m = this.mosaics.get(id);
    if (!m) throw new ApiError('not-found', `No open mosaic has the id ${id}. Open the mosaic again (it may have been removed).`);
    return m;
  }

  removeMosaic(id: string): void {
    const m = this.mosaicById(id);
    this.mosaics.delete(id);
    void closeMosaic(m);
  }

  rememberHeatmap(objectId: string, heatmap: StoredHeatmap): void {
    this.heatmaps.set(objectId, heatmap);
  }

  heatmap(objectId: string): StoredHeatmap | undefined {
    return this.heatmaps.get(objectId);
  }

  /** The folder holding model_card.json: the project's choice, the session's, or the bundled default. */
  modelDir(): string | null {
    const fromProject = this.project?.store.getSettings().modelDir;
    // A model folder the user did not allow this project to use is not used.
    const chosen = (fromProject && !this.withheld.has(resolve(fromProject)) ? fromProject : null) ?? this.options.modelDir;
    if (chosen) return resolve(chosen);
    const root = join(this.options.resourcesDir, 'models');
    if (existsSync(join(root, MODEL_CARD_FILE))) return root;
    // The bundled model may sit in its own subfolder (resources/models/<model_id>/).
    try {
      for (const d of readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (d.isDirectory() && existsSync(join(root, d.name, MODEL_CARD_FILE))) return join(root, d.name);
      }
    } catch {
      // No models folder at all: reported by requireModel.
    }
    return null;
  }

  /** The loaded model, loading it on first use; 'no-model' with the reason when there is none. */
  async requireModel(): Promise<LoadedModel> {
    const dir = this.modelDir();
    if (!dir) {
      throw new ApiError(
        'no-model',
        `No model is installed: ${join(this.options.resourcesDir, 'models')} has no ${MODEL_CARD_FILE}. Reinstall the app or export a model with the training tools into that folder.`,
      );
    }
    try {
      return await this.models.load(dir);
    } catch (err) {
      throw new ApiError('no-model', toApiError(err).message);
    }
  }

  /** The model if it is (or can be) loaded, else null: for status displays that must not fail. */
  async modelIfAvailable(): Promise<LoadedModel | null> {
    try {
      return await this.requireModel();
    } catch {
      return null;
    }
  }

  unloadModel(): void {
    this.models.unload();
  }

  /** Cancels running jobs first: an export's worker then removes its temporary file. */
  async close(): Promise<void> {
    await this.jobs.cancelAll();
    this.closeProject();
    await this.models.close();
  }
}

async function closeMosaic(m: Mosaic): Promise<void> {
  try {
    await m.close();
  } catch {
    // Closing only releases file handles; nothing the user can act on.
  }
}

function parseProvider(p: string): ProviderChoice {
  return isProviderChoice(p) ? p : 'auto';
}

export function projectNameFromPath(path: string): string {
  return basename(path).replace(/\.smgeo$/i, '') || 'Project';
}
