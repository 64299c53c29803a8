// Long in-process work as jobs in the session's job list (the same jobs.status / jobs.cancel as the
// exports), and the one-call channels that start such a job and wait for it.
import { ApiError } from '../../shared/errors';
import { JobCancelledError, type JobResult, type JobView, type TaskRun } from '../export/jobs';
import type { Session } from '../app/session';

export function startTask<R extends JobResult>(session: Session, title: string, run: TaskRun<R>): JobView {
  return session.jobs.startTask(title, run);
}

/** Starts the task and waits: its own errors come back unchanged, a cancel as 'cancelled'. */
export async function runTask<R extends JobResult>(session: Session, title: string, run: TaskRun<R>): Promise<R> {
  const job = startTask(session, title, run);
  try {
    return await session.jobs.wait<R>(job.id);
  } catch (err) {
    if (err instanceof JobCancelledError) throw new ApiError('cancelled', err.message);
    throw err;
  }
}
