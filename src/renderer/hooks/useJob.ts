import { useCallback, useState } from 'react';
import type { JobResultView, JobView } from '../../shared/api';
import { invoke } from '../api-client';

const POLL_MS = 250;

type ResultOf<K extends JobResultView['kind']> = Extract<JobResultView, { kind: K }>;

/**
 * Follows a long job started in main (an export, opening frames, a video or a mosaic, training
 * pairs): polls its progress for the toolbar's JobProgress and lets the user cancel it.
 */
export function useJob(onInfo: (text: string) => void) {
  // Jobs may overlap (an export while a video opens): the toolbar shows the latest one still running.
  const [running, setRunning] = useState<JobView[]>([]);
  const job = running.at(-1) ?? null;

  /** Waits for the job `start` began; its result, null when the user cancelled it, or throws its error. */
  const follow = useCallback(
    async <K extends JobResultView['kind']>(start: Promise<JobView>, kind: K): Promise<ResultOf<K> | null> => {
      let view = await start;
      const id = view.id;
      const show = (v: JobView) => setRunning((all) => (all.some((j) => j.id === id) ? all.map((j) => (j.id === id ? v : j)) : [...all, v]));
      show(view);
      try {
        while (view.state === 'running') {
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          view = await invoke('jobs.status', { id });
          show(view);
        }
      } finally {
        setRunning((all) => all.filter((j) => j.id !== id));
      }
      if (view.state === 'done' && view.result?.kind === kind) return view.result as ResultOf<K>;
      if (view.state === 'cancelled') {
        onInfo(view.error ?? `${view.title} was cancelled.`);
        return null;
      }
      // A task's error is already written for the user; an export's worker says only what broke.
      if (view.error && kind !== 'export') throw new Error(view.error);
      throw new Error(`${view.title} failed: ${view.error ?? 'no reason given'}`);
    },
    [onInfo],
  );

  const cancel = useCallback(() => {
    if (job) void invoke('jobs.cancel', { id: job.id }).catch(() => undefined);
  }, [job]);

  return { job, follow, cancel };
}
