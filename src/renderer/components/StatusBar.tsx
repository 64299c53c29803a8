import type { ModelView, ProjectView } from '../../shared/api';
import type { LastLocalize } from '../hooks/useLocalize';

interface StatusBarProps {
  project: ProjectView | null;
  model: ModelView | null;
  provider: string | null;
  latencyMs: number | null;
  frameNumber: number;
  frameCount: number;
  busy: boolean;
  info: string | null;
  /** What decided the last click's answer, and why the ray was not used if it was not. */
  decision?: Pick<LastLocalize, 'decidedBy' | 'fallbackReason'> | null;
}

export function StatusBar(p: StatusBarProps) {
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-project" title={p.project?.path}>
        {p.project ? p.project.name : 'No project'}
      </span>
      {p.project?.readOnly && (
        <span className="status-read-only" data-testid="status-read-only" title="The project file or its folder cannot be written: it can be viewed and exported, edits are not saved. Copy it to a writable folder to edit it.">
          read-only
        </span>
      )}
      <span data-testid="status-model" title={p.model ? `sha256 ${p.model.sha256}` : undefined}>
        {p.model ? `Model ${p.model.id}` : 'No model loaded'}
      </span>
      <span data-testid="status-provider" title={p.model?.providerNotes.join('\n')}>
        {p.provider ?? p.model?.provider ?? '—'}
      </span>
      <span data-testid="status-latency">{p.latencyMs === null ? 'latency —' : `${Math.round(p.latencyMs)} ms`}</span>
      <span data-testid="status-frame">{p.frameCount ? `frame ${p.frameNumber}/${p.frameCount}` : 'no frames'}</span>
      {p.decision && (
        <span data-testid="status-decided" title={p.decision.fallbackReason ?? 'The click’s ray on the ground and the model’s appearance match, multiplied.'}>
          {p.decision.decidedBy}
          {p.decision.fallbackReason ? ' (no ray)' : ''}
        </span>
      )}
      {p.busy && <span data-testid="status-busy">localizing…</span>}
      <span className="status-info" data-testid="status-info" role="status">
        {p.info ?? ''}
      </span>
    </footer>
  );
}
