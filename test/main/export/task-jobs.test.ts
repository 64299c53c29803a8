// In-process tasks in the job list: progress shows through status, a cancel is reported only once
// the task has stopped, and a failure keeps the task's own error.
import { describe, expect, it } from 'vitest';
import { ExportJobs, JobCancelledError, type JobResult } from '../../../src/main/export/jobs';
import { ApiError } from '../../../src/shared/errors';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const mosaicResult: JobResult = { kind: 'mosaic', mosaic: { id: 'm', path: '/m.tif', name: 'm.tif', width: 1, height: 1, crs: { code: 'EPSG:4326', proj4: '' }, gsdM: 1, boundsLonLat: [0, 0, 1, 1] } };

describe('ExportJobs.startTask', () => {
  it('shows the progress the task reports and its result when done', async () => {
    const jobs = new ExportJobs();
    const step = gate();
    const job = jobs.startTask('Opening mosaic m.tif', async (progress) => {
      progress(3, 10);
      await step.opened;
      return mosaicResult;
    });
    expect(job).toMatchObject({ title: 'Opening mosaic m.tif', state: 'running', result: null });
    await new Promise((resolve) => setImmediate(resolve));
    expect(jobs.status(job.id)).toMatchObject({ state: 'running', done: 3, total: 10 });
    step.open();
    await expect(jobs.wait(job.id)).resolves.toEqual(mosaicResult);
    expect(jobs.status(job.id)).toMatchObject({ state: 'done', done: 10, total: 10, result: mosaicResult, error: null });
  });

  it('a cancel aborts the signal, and the job says cancelled only after the task has stopped', async () => {
    const jobs = new ExportJobs();
    const cleanup = gate();
    let undone = false;
    const job = jobs.startTask('Opening frames from big', async (progress, signal) => {
      progress(1, 100);
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      await cleanup.opened;
      undone = true;
      signal.throwIfAborted();
      return mosaicResult;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(jobs.cancel(job.id)?.state).toBe('running');
    await new Promise((resolve) => setImmediate(resolve));
    expect(jobs.status(job.id)?.state).toBe('running'); // still undoing
    cleanup.open();
    await expect(jobs.wait(job.id)).rejects.toBeInstanceOf(JobCancelledError);
    expect(undone).toBe(true);
    expect(jobs.status(job.id)).toMatchObject({ state: 'cancelled', done: 1, total: 100, result: null, error: 'Opening frames from big was cancelled; nothing was changed.' });
  });

  it("keeps a module's own cancel message, and a failure's error as thrown", async () => {
    const jobs = new ExportJobs();
    const cancelled = jobs.startTask('Training pairs export to /x', async (_progress, signal) => {
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      throw new Error('The training-pair export was cancelled; nothing was written.');
    });
    jobs.cancel(cancelled.id);
    await expect(jobs.wait(cancelled.id)).rejects.toThrow('nothing was written');
    expect(jobs.status(cancelled.id)?.error).toBe('The training-pair export was cancelled; nothing was written.');

    const failing = jobs.startTask('Opening mosaic bad.tif', async () => {
      throw new ApiError('not-found', 'Mosaic /bad.tif does not exist.');
    });
    const err = await jobs.wait(failing.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('not-found');
    expect(jobs.status(failing.id)).toMatchObject({ state: 'failed', error: 'Mosaic /bad.tif does not exist.' });
  });

  it('cancelAll stops running tasks too', async () => {
    const jobs = new ExportJobs();
    const job = jobs.startTask('Opening video v.mp4', (_progress, signal) => new Promise<JobResult>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))));
    await jobs.cancelAll();
    expect(jobs.status(job.id)?.state).toBe('cancelled');
  });
});
