// Worker-thread entry for exports (see jobs.ts): runs one export and reports progress. The cancel
// flag is shared memory, so it is seen between batches even while this thread never yields.
import { parentPort, workerData } from 'node:worker_threads';
import { ExportCancelled } from './gpkg';
import { runExport, type ExportRequest } from './run-export';

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; count: number; path: string }
  | { type: 'failed'; message: string; cancelled: boolean };

const { request, cancelFlag } = workerData as { request: ExportRequest; cancelFlag: SharedArrayBuffer };
const flag = new Int32Array(cancelFlag);
const post = (m: WorkerMessage) => parentPort?.postMessage(m);

runExport(request, {
  progress: (done, total) => post({ type: 'progress', done, total }),
  cancelled: () => Atomics.load(flag, 0) === 1,
}).then(
  (r) => post({ type: 'done', count: r.count, path: r.path }),
  (err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err), cancelled: err instanceof ExportCancelled }),
);
