// Exports as background jobs: each runs in its own worker thread (Signal-Desktop does the same for
// its SQL work) so that a 100,000-object export never stalls IPC or the map tiles. The UI polls
// jobs.status for progress and may cancel; a cancelled export leaves no file behind.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerMessage } from './export-worker';
import { FORMAT_NAMES, type ExportRequest } from './run-export';
import type { ExportResult } from './select';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobView {
  id: string;
  title: string;
  state: JobState;
  done: number;
  total: number;
  result: ExportResult | null;
  error: string | null;
}

interface Job {
  view: JobView;
  cancelFlag: Int32Array;
  finished: Promise<ExportResult>;
}

const KEEP_FINISHED = 20;

/**
 * The bundled app has export-worker.js beside the main bundle (or one folder up from a shared
 * chunk); tests and `npm run serve` run the TypeScript source through tsx.
 */
function startWorker(workerData: unknown): Worker {
  for (const rel of ['./export-worker.js', '../export-worker.js']) {
    const built = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(built))) return new Worker(built, { workerData });
  }
  // Node 20 does not pass tsx's loader hooks on to workers: register them inside the worker.
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const source = new URL('./export-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

export class ExportCancelledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportCancelledError';
  }
}

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  start(request: ExportRequest): JobView {
    const id = randomUUID();
    const view: JobView = { id, title: `${FORMAT_NAMES[request.format]} export to ${request.target}`, state: 'running', done: 0, total: 0, result: null, error: null };
    const cancelBuffer = new SharedArrayBuffer(4);
    const worker = startWorker({ request, cancelFlag: cancelBuffer });
    const finished = new Promise<ExportResult>((resolve, reject) => {
      const fail = (state: JobState, message: string) => {
        if (view.state !== 'running') return;
        view.state = state;
        view.error = message;
        reject(state === 'cancelled' ? new ExportCancelledError(message) : new Error(message));
      };
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') {
          view.done = m.done;
          view.total = m.total;
        } else if (m.type === 'done') {
          view.state = 'done';
          view.done = view.total;
          view.result = { count: m.count, path: m.path };
          resolve(view.result);
        } else {
          fail(m.cancelled ? 'cancelled' : 'failed', m.message);
        }
      });
      worker.on('error', (err) => fail('failed', err.message));
      worker.on('exit', (code) => fail('failed', `the export stopped unexpectedly (worker exit code ${code})`));
    });
    finished.catch(() => undefined);
    this.jobs.set(id, { view, cancelFlag: new Int32Array(cancelBuffer), finished });
    this.forgetOld();
    return { ...view };
  }

  status(id: string): JobView | null {
    const job = this.jobs.get(id);
    return job ? { ...job.view } : null;
  }

  /** Asks the job to stop at its next batch; the worker then removes its temporary file. */
  cancel(id: string): JobView | null {
    const job = this.jobs.get(id);
    if (!job) return null;
    if (job.view.state === 'running') Atomics.store(job.cancelFlag, 0, 1);
    return { ...job.view };
  }

  wait(id: string): Promise<ExportResult> {
    const job = this.jobs.get(id);
    if (!job) return Promise.reject(new Error(`There is no job ${id}.`));
    return job.finished;
  }

  cancelAll(): Promise<unknown> {
    const running = [...this.jobs.values()].filter((j) => j.view.state === 'running');
    for (const j of running) Atomics.store(j.cancelFlag, 0, 1);
    return Promise.allSettled(running.map((j) => j.finished));
  }

  private forgetOld(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.view.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}
