import type { JobView } from '../../shared/api';

/** The running job: how far it is, and a way to stop it. */
export function JobProgress({ job, onCancel }: { job: JobView; onCancel(): void }) {
  const percent = job.total > 0 ? Math.floor((100 * job.done) / job.total) : 0;
  return (
    <span className="job-progress" data-testid="job-progress" role="status" title={job.title}>
      <progress max={100} value={percent} aria-label={job.title} /> {percent}%
      <button type="button" data-testid="job-cancel" onClick={onCancel}>
        Cancel
      </button>
    </span>
  );
}
