import type { JobView, ModelView, MosaicView, ProviderChoice } from '../../shared/api';
import { JobProgress } from './JobProgress';
import { MosaicList } from './MosaicList';

const PROVIDERS: ProviderChoice[] = ['auto', 'cpu', 'cuda', 'directml', 'coreml'];

interface ToolbarProps {
  hasProject: boolean;
  canOpenSample: boolean;
  model: ModelView | null;
  mosaics: MosaicView[];
  heatmapVisible: boolean;
  onNewProject(): void;
  onOpenProject(): void;
  onOpenSample(): void;
  onOpenFrames(): void;
  onOpenVideo(): void;
  onAddMosaic(): void;
  onRemoveMosaic(id: string): void;
  onExportGeojson(): void;
  onExportCsv(): void;
  onExportAs(format: 'gpkg' | 'kml'): void;
  onExportTrainingPairs(): void;
  /** The long job running now (export, opening frames, a video or a mosaic, training pairs). */
  job: JobView | null;
  onCancelJob(): void;
  onProvider(provider: ProviderChoice): void;
  onToggleHeatmap(): void;
}

export function Toolbar(p: ToolbarProps) {
  return (
    <header className="toolbar" role="toolbar" aria-label="Project">
      <button type="button" data-testid="new-project" onClick={p.onNewProject}>
        New project
      </button>
      <button type="button" data-testid="open-project" onClick={p.onOpenProject}>
        Open project
      </button>
      {p.canOpenSample && (
        <button type="button" data-testid="open-sample" onClick={p.onOpenSample}>
          Open sample
        </button>
      )}
      <span className="toolbar-gap" />
      <button type="button" data-testid="open-frames" disabled={!p.hasProject} onClick={p.onOpenFrames}>
        Open frames folder
      </button>
      <button type="button" data-testid="open-video" disabled={!p.hasProject} title="An MP4/MOV and its .SRT" onClick={p.onOpenVideo}>
        Open video
      </button>
      <button type="button" data-testid="add-mosaic" disabled={!p.hasProject} onClick={p.onAddMosaic}>
        Add mosaic
      </button>
      <MosaicList mosaics={p.mosaics} onRemove={p.onRemoveMosaic} />
      <span className="toolbar-gap" />
      <button type="button" data-testid="export-geojson" disabled={!p.hasProject} onClick={p.onExportGeojson}>
        Export GeoJSON
      </button>
      <button type="button" data-testid="export-csv" disabled={!p.hasProject} onClick={p.onExportCsv}>
        Export CSV
      </button>
      <button type="button" data-testid="export-gpkg" disabled={!p.hasProject} title="GeoPackage, for QGIS" onClick={() => p.onExportAs('gpkg')}>
        Export GeoPackage
      </button>
      <button type="button" data-testid="export-kml" disabled={!p.hasProject} title="KML, for Google Earth" onClick={() => p.onExportAs('kml')}>
        Export KML
      </button>
      <button
        type="button"
        data-testid="export-training-pairs"
        disabled={!p.hasProject}
        title="Accepted and corrected objects as a training set for smgeo.train --init-from"
        onClick={p.onExportTrainingPairs}
      >
        Export training pairs
      </button>
      {p.job && <JobProgress job={p.job} onCancel={p.onCancelJob} />}
      <span className="toolbar-gap" />
      <label className="toolbar-field">
        Model provider
        <select
          data-testid="provider-select"
          disabled={!p.model}
          value={p.model ? (PROVIDERS.includes(p.model.provider as ProviderChoice) ? p.model.provider : 'auto') : 'auto'}
          onChange={(e) => p.onProvider(e.target.value as ProviderChoice)}
        >
          {PROVIDERS.map((provider) => (
            <option key={provider} value={provider}>
              {provider}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        data-testid="toggle-heatmap"
        aria-pressed={p.heatmapVisible}
        title="Show the model's heatmap (H)"
        onClick={p.onToggleHeatmap}
      >
        Heatmap
      </button>
    </header>
  );
}
