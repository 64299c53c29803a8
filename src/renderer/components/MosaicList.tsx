import type { MosaicView } from '../../shared/api';

/** The project's mosaics as small chips, each with a "×" that removes it after a confirm. */
export function MosaicList({ mosaics, onRemove }: { mosaics: MosaicView[]; onRemove(id: string): void }) {
  if (mosaics.length === 0) return null;
  return (
    <ul className="mosaic-list" data-testid="mosaic-list" aria-label="Mosaics">
      {mosaics.map((m) => (
        <li key={m.id} className="mosaic-chip" data-testid="mosaic-item" data-mosaic-id={m.id} title={m.path}>
          <span className="mosaic-name">{m.name}</span>
          <button
            type="button"
            className="mosaic-remove"
            data-testid="mosaic-remove"
            aria-label={`Remove mosaic ${m.name}`}
            title="Remove this mosaic from the project"
            onClick={() => {
              if (window.confirm(`Remove the mosaic ${m.name} from the project? The file itself is not deleted.`)) onRemove(m.id);
            }}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
