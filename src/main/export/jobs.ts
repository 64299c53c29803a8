// Long work as background jobs. Exports each run in their own worker thread (Signal-Desktop does the
// same for its SQL work) so that a 100,000-object export never stalls IPC or the map tiles; tasks
// (opening frames, a video or a mosaic, writing training pairs) run in-process and mostly wait on
// files or ffprobe. The UI polls jobs.status for progress and may cancel; a cancelled job leaves
// nothing half-done behind.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JobView as JobViewSchema } from '../../shared/api';
import type { WorkerMessage } from './export-worker';
import { FORMAT_NAMES, type ExportRequest } from './run-export';

export type JobView = JobViewSchema;
export type JobState = JobView['state'];
/** What a finished job hands back, told apart by `kind`. */
export type JobResult = NonNullable<JobView['result']>;
export type ExportJobResult = Extract<JobResult, { kind: 'export' }>;

/** An in-process task: reports progress as it goes and stops (throwing) once `signal` aborts. */
export type TaskRun<R extends JobResult> = (progress: (done: number, total: number) => void, signal: AbortSignal) => Promise<R>;

interface Job {
  view: JobView;
  cancel(): void;
  finished: Promise<JobResult>;
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

export class JobCancelledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobCancelledError';
  }
}
export { JobCancelledError as ExportCancelledError };

/** Throws the job's cancel error once the user has cancelled: call it before anything is committed. */
export function throwIfCancelled(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new JobCancelledError(`${what} was cancelled; nothing was changed.`);
}

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  start(request: ExportRequest): JobView {
    const id = randomUUID();
    const view: JobView = { id, title: `${FORMAT_NAMES[request.format]} export to ${request.target}`, state: 'running', done: 0, total: 0, result: null, error: null };
    const cancelBuffer = new SharedArrayBuffer(4);
    const worker = startWorker({ request, cancelFlag: cancelBuffer });
    const finished = new Promise<JobResult>((resolve, reject) => {
      const fail = (state: JobState, message: string) => {
        if (view.state !== 'running') return;
        view.state = state;
        view.error = message;
        reject(state === 'cancelled' ? new JobCancelledError(message) : new Error(message));
      };
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') {
          view.done = m.done;
          view.total = m.total;
        } else if (m.type === 'done') {
          view.state = 'done';
          view.done = view.total;
          view.result = { kind: 'export', count: m.count, path: m.path };
          resolve(view.result);
        } else {
          fail(m.cancelled ? 'cancelled' : 'failed', m.message);
        }
      });
      worker.on('error', (err) => fail('failed', err.message));
      worker.on('exit', (code) => fail('failed', `the export stopped unexpectedly (worker exit code ${code})`));
    });
    finished.catch(() => undefined);
    const cancelFlag = new Int32Array(cancelBuffer);
    this.jobs.set(id, { view, cancel: () => Atomics.store(cancelFlag, 0, 1), finished });
    this.forgetOld();
    return { ...view };
  }

  /**
   * Runs `run` as a job beside the exports. It is 'cancelled' only once `run` has stopped (thrown
   * after its signal aborted), so a cancelled job has finished undoing whatever it started.
   */
  startTask<R extends JobResult>(title: string, run: TaskRun<R>): JobView {
    const id = randomUUID();
    const view: JobView = { id, title, state: 'running', done: 0, total: 0, result: null, error: null };
    const controller = new AbortController();
    const progress = (done: number, total: number) => {
      if (view.state !== 'running') return;
      view.done = done;
      view.total = total;
    };
    // Started at once (not a tick later), so that a cancel right after start finds the task listening.
    const finished = (async () => run(progress, controller.signal))().then(
        (result) => {
          view.state = 'done';
          view.total = Math.max(view.total, 1);
          view.done = view.total;
          view.result = result;
          return result as JobResult;
        },
        (err: unknown) => {
          const cancelled = controller.signal.aborted;
          view.state = cancelled ? 'cancelled' : 'failed';
          // The signal's own reason (an AbortError) says nothing to the user; a module's cancel message does.
          const bare = err === controller.signal.reason || !(err instanceof Error);
          view.error = cancelled && bare ? `${title} was cancelled; nothing was changed.` : err instanceof Error ? err.message : String(err);
          throw cancelled && !(err instanceof JobCancelledError) ? new JobCancelledError(view.error) : err;
        },
      );
    finished.catch(() => undefined);
    this.jobs.set(id, { view, cancel: () => controller.abort(), finished });
    this.forgetOld();
    return { ...view };
  }

  status(id: string): JobView | null {
    const job = this.jobs.get(id);
    return job ? { ...job.view } : null;
  }

  /** Asks the job to stop at its next step; an export's worker then removes its temporary file. */
  cancel(id: string): JobView | null {
    const job = this.jobs.get(id);
    if (!job) return null;
    if (job.view.state === 'running') job.cancel();
    return { ...job.view };
  }

  /** The job's result; rejects with its error (a JobCancelledError when cancelled). */
  wait<R extends JobResult = JobResult>(id: string): Promise<R> {
    const job = this.jobs.get(id);
    if (!job) return Promise.reject(new Error(`There is no job ${id}.`));
    return job.finished as Promise<R>;
  }

  cancelAll(): Promise<unknown> {
    const running = [...this.jobs.values()].filter((j) => j.view.state === 'running');
    for (const j of running) j.cancel();
    return Promise.allSettled(running.map((j) => j.finished));
  }

  private forgetOld(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.view.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}
