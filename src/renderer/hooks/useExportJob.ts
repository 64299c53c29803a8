import { useCallback, useState } from 'react';
import type { ExportFormat, JobView } from '../../shared/api';
import { invoke } from '../api-client';

const POLL_MS = 250;

/** Runs an export as a background job in main, polls its progress, and lets the user cancel it. */
export function useExportJob(onInfo: (text: string) => void) {
  const [job, setJob] = useState<JobView | null>(null);

  const start = useCallback(
    async (format: ExportFormat, path: string) => {
      let view = await invoke('export.start', { format, path });
      setJob(view);
      try {
        while (view.state === 'running') {
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          view = await invoke('jobs.status', { id: view.id });
          setJob(view);
        }
      } finally {
        setJob(null);
      }
      if (view.state === 'done' && view.result) onInfo(`Exported ${view.result.count} objects to ${view.result.path}`);
      else if (view.state === 'cancelled') onInfo(`${view.title} was cancelled; no file was written.`);
      else throw new Error(`${view.title} failed: ${view.error ?? 'no reason given'}`);
    },
    [onInfo],
  );

  const cancel = useCallback(() => {
    if (job) void invoke('jobs.cancel', { id: job.id }).catch(() => undefined);
  }, [job]);

  return { job, start, cancel };
}
