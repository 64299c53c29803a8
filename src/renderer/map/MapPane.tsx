import { ImageOverlay, MapContainer, Pane } from 'react-leaflet';
import type { MosaicView, ObjectView, TelemetryView } from '../../shared/api';
import type { Position } from '../lib/box-geometry';
import type { CoordinateFormat } from '../lib/coordinates';
import type { LinkedCamera } from '../hooks/useFrameCamera';
import type { HeatmapView } from '../hooks/useLocalize';
import { CandidateBoxes } from './CandidateBoxes';
import { DronePosition } from './DronePosition';
import { EditableBox } from './EditableBox';
import { LocatedBoxes } from './LocatedBoxes';
import { MapFocus, type FocusRequest } from './MapFocus';
import { LinkedViews } from './LinkedViews';
import { MapBasics } from './MapBasics';
import { MapResize } from './MapResize';
import { boundsOf, testIdOnAdd } from './map-helpers';
import { MosaicLayers } from './MosaicLayers';
import { PriorEllipse } from './PriorEllipse';
import { SearchArea } from './SearchArea';

interface MapPaneProps {
  mosaics: MosaicView[];
  objects: ObjectView[];
  selected: ObjectView | null;
  telemetry: TelemetryView | null;
  searchCentre: { lon: number; lat: number } | null;
  searchSideM: number;
  searchDraggable: boolean;
  heatmap: (HeatmapView & { src: string }) | null;
  focus: FocusRequest | null;
  /** The current frame's camera and footprint (linked views). */
  linked: LinkedCamera;
  coordinateFormat: CoordinateFormat;
  onCycleCoordinateFormat(): void;
  onFitProject(): void;
  onSelect(id: string): void;
  onBoxChange(object: ObjectView, ring: Position[]): void;
  onSearchCentre(centre: { lon: number; lat: number }): void;
}

/** The mosaic with everything placed on it: drone, search area, located boxes, heatmap. */
export function MapPane(p: MapPaneProps) {
  return (
    <div className="map-pane" data-testid="map-pane">
      <MapContainer className="map" center={[20, 0]} zoom={2} minZoom={1} maxZoom={23} attributionControl={false} keyboard={false}>
        <MosaicLayers mosaics={p.mosaics} />
        <MapFocus request={p.focus} />
        <MapResize />
        {/* Own panes, so own SVGs: what changes on every frame step or hover repaints a few paths, not thousands of boxes. */}
        <Pane name="linked" style={{ zIndex: 405 }}>
          <LinkedViews camera={p.linked.camera} footprint={p.linked.footprint} sigma={p.linked.sigma} />
        </Pane>
        <MapBasics format={p.coordinateFormat} onCycleFormat={p.onCycleCoordinateFormat} />
        {/* Below the boxes (overlayPane, z 400) so the search square never takes a drag meant for a box. */}
        <Pane name="heatmap" style={{ zIndex: 380 }}>
          {p.heatmap && (
            <ImageOverlay
              key={p.heatmap.src}
              url={p.heatmap.src}
              bounds={boundsOf(p.heatmap.boundsLonLat)}
              opacity={0.55}
              className="heatmap-overlay"
              eventHandlers={testIdOnAdd('heatmap-overlay')}
            />
          )}
        </Pane>
        <Pane name="search" style={{ zIndex: 390 }}>
          {p.searchCentre && (
            <SearchArea centre={p.searchCentre} sideM={p.searchSideM} draggable={p.searchDraggable} onMoved={p.onSearchCentre} />
          )}
        </Pane>
        <Pane name="prior" style={{ zIndex: 395 }}>
          {p.selected && <PriorEllipse object={p.selected} />}
        </Pane>
        <Pane name="drone" style={{ zIndex: 406 }}>
          {p.telemetry && <DronePosition telemetry={p.telemetry} headingLineM={p.searchSideM / 2} />}
        </Pane>
        <LocatedBoxes objects={p.objects} hiddenId={p.selected?.id ?? null} onSelect={p.onSelect} />
        {p.selected && <CandidateBoxes object={p.selected} />}
        {p.selected && <EditableBox key={p.selected.id} object={p.selected} onChange={(ring) => p.onBoxChange(p.selected!, ring)} />}
      </MapContainer>
      <button type="button" className="map-fit" data-testid="map-fit-project" title="Fit the map to the project (P)" onClick={p.onFitProject}>
        Fit project
      </button>
      {p.mosaics.length === 0 && (
        <p className="map-empty" data-testid="map-empty">
          Add a georeferenced GeoTIFF mosaic to see the map.
        </p>
      )}
    </div>
  );
}
