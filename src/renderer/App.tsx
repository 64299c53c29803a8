import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CameraSettingsView, MosaicView, ObjectView } from '../shared/api';
import { assetPaths } from '../shared/assets';
import { withFolderTag } from './lib/folder-tag';
import { assetUrl, invoke } from './api-client';
import { AlertList } from './components/AlertList';
import { FrameViewer, type FrameMark } from './components/FrameViewer';
import { ObjectDetail } from './components/ObjectDetail';
import { ObjectTable } from './components/ObjectTable';
import { PathPrompt } from './components/PathPrompt';
import { StatusBar } from './components/StatusBar';
import { HelpOverlay } from './components/HelpOverlay';
import { Splitter } from './components/Splitter';
import { ThumbnailStrip } from './components/ThumbnailStrip';
import { Toolbar } from './components/Toolbar';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useLocalize } from './hooks/useLocalize';
import { useMessages } from './hooks/useMessages';
import { useElementSize } from './hooks/useElementSize';
import { useObjects } from './hooks/useObjects';
import { useObjectTable } from './hooks/useObjectTable';
import { useFrameCamera } from './hooks/useFrameCamera';
import { useStableCallback } from './hooks/useStableCallback';
import { usePaneLayout } from './hooks/usePaneLayout';
import { usePathPrompt } from './hooks/usePathPrompt';
import { runKeyAction, type ReviewContext } from './hooks/useReviewKeys';
import { useProject } from './hooks/useProject';
import { ringCentre, ringLatLngBounds, type Position } from './lib/box-geometry';
import { describeAssetFailure } from './lib/asset-failure';
import type { KeyAction } from './lib/keyboard-map';
import type { FitMode } from './lib/frame-view';
import { FORMAT_NAMES, formatCoordinates, nextFormat, type CoordinateFormat } from './lib/coordinates';
import { bulkStatusCalls } from './lib/object-table';
import { projectBounds } from './lib/project-bounds';
import { FRAME_RANGE, gridColumns, isCompact, LIST_RANGE } from './lib/pane-layout';
import type { FocusRequest } from './map/MapFocus';
import { MapPane } from './map/MapPane';
import { boundsOf } from './map/map-helpers';

/** Reference chips are R pixels at gsd metres; before a model is loaded assume a typical chip. */
const DEFAULT_SEARCH_SIDE_M = 256;

function unionBounds(mosaics: MosaicView[]): [[number, number], [number, number]] {
  const all = mosaics.map((m) => boundsOf(m.boundsLonLat));
  return [
    [Math.min(...all.map((b) => b[0][0])), Math.min(...all.map((b) => b[0][1]))],
    [Math.max(...all.map((b) => b[1][0])), Math.max(...all.map((b) => b[1][1]))],
  ];
}

/** main answers heatmap URLs either as asset paths or as ready URLs. */
function heatmapSrc(url: string): string {
  return /^([a-z][a-z0-9+.-]*:|\/)/i.test(url) ? url : assetUrl(url);
}

export function App() {
  const { messages, showError, showInfo, dismiss } = useMessages();
  const { prompt, pickPath, answer } = usePathPrompt();
  const objects = useObjects(showError);
  const table = useObjectTable(objects.objects);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const focusOn = useCallback(
    (bounds: FocusRequest['bounds'], maxZoom?: number) => setFocus((f) => ({ bounds, maxZoom, seq: (f?.seq ?? 0) + 1 })),
    [],
  );
  const showMosaics = useCallback((mosaics: MosaicView[]) => mosaics.length && focusOn(unionBounds(mosaics)), [focusOn]);
  const project = useProject({ pickPath, onError: showError, onInfo: showInfo, onObjects: objects.reset, onShowMosaics: showMosaics });

  const panes = usePaneLayout(project.project?.path ?? null, showError);
  const workspace = useRef<HTMLElement>(null);
  const workspaceSize = useElementSize(workspace);
  const compact = isCompact(workspaceSize.width);
  const splitter = (name: 'frame' | 'list', label: string, range: readonly [number, number]) =>
    !compact && (
      <Splitter name={name} label={label} value={panes.layout[name]} range={range} onDrag={(dx) => panes.resize(name, dx, workspaceSize.width)} />
    );
  const [framePos, setFramePos] = useState(0);
  const [heatmapVisible, setHeatmapVisible] = useState(true);
  const [fitMode, setFitMode] = useState<FitMode>('fit');
  const toggleFit = () => setFitMode((m) => (m === 'fit' ? 'fill' : 'fit'));
  const [coordFormat, setCoordFormat] = useState<CoordinateFormat>('lonlat');
  const [helpOpen, setHelpOpen] = useState(false);
  const [userCentre, setUserCentre] = useState<{ lon: number; lat: number } | null>(null);

  const { add: addObject } = objects;
  const onLocated = useCallback(
    (o: ObjectView) => {
      addObject(o);
      focusOn(ringLatLngBounds(o.ring as Position[]), 19);
    },
    [addObject, focusOn],
  );
  const loc = useLocalize(onLocated, showError);
  // After a run main knows more about the model; ask only when the click shows something the window
  // does not know yet (the model loaded on first use, or it fell back to another provider), so that
  // a click is otherwise one request plus its heatmap.
  useEffect(() => {
    if (loc.last && (!project.model || project.model.provider !== loc.last.provider)) project.refreshModel();
  }, [loc.last]);

  const frameList = project.frames?.frames ?? [];
  useEffect(() => setFramePos(0), [project.frames]);
  const frame = frameList[Math.min(framePos, frameList.length - 1)] ?? null;
  const telemetry = frame?.telemetry ?? null;
  const [frameSize, setFrameSize] = useState<{ width: number; height: number } | null>(null);
  // The project's camera settings (field of view override, telemetry errors) shape the linked views
  // exactly as they shape the click's ray in main.
  const [cameraSettings, setCameraSettings] = useState<CameraSettingsView | null>(null);
  useEffect(() => {
    setCameraSettings(null);
    if (project.project) invoke('camera.get', {}).then(setCameraSettings, showError);
  }, [project.project?.path]);
  const linked = useFrameCamera(telemetry, frameSize, cameraSettings ? { sigma: cameraSettings.sigma, ...(cameraSettings.hfovDeg !== null ? { hfovDeg: cameraSettings.hfovDeg } : {}) } : {});
  const selected = objects.selected;
  // Indices restart in every frames folder: the name tells an object of this folder from one of another.
  const selectedHere = selected && frame && selected.frame.index === frame.index && selected.frame.name === frame.name ? selected : null;

  const searchCentre = telemetry
    ? (selectedHere?.searchCentre ?? { lon: telemetry.lon, lat: telemetry.lat })
    : (userCentre ?? selectedHere?.searchCentre ?? mosaicCentre(project.mosaics));
  const searchSideM = project.model ? project.model.referenceSize * project.model.gsdM : DEFAULT_SEARCH_SIDE_M;

  const objectsHere = useMemo(
    () => (frame ? objects.objects.filter((o) => o.frame.index === frame.index && o.frame.name === frame.name) : []),
    [objects.objects, frame],
  );
  const marks: FrameMark[] = [];
  if (loc.pending && frame && loc.pending.frameIndex === frame.index) marks.push({ x: loc.pending.x, y: loc.pending.y, kind: 'pending' });
  else if (selectedHere) marks.push({ x: selectedHere.click.x, y: selectedHere.click.y, kind: 'selected' });
  // The other objects located in this frame: from the frame back to them.
  for (const o of objectsHere) {
    if (o.id !== selectedHere?.id) marks.push({ x: o.click.x, y: o.click.y, kind: 'object', object: { id: o.id, status: o.status, label: o.label } });
  }

  const heatmap = selected && heatmapVisible ? loc.heatmaps[selected.id] : undefined;

  const goToFrame = (pos: number) => setFramePos(Math.max(0, Math.min(frameList.length - 1, pos)));

  /** Shows an object: its box on the map (unless it was picked there) and its frame in the frame pane. */
  const selectObject = (o: ObjectView, fromMap = false) => {
    objects.select(o.id);
    if (!fromMap) focusOn(ringLatLngBounds(o.ring as Position[]), 19);
    const pos = frameList.findIndex((f) => f.index === o.frame.index && f.name === o.frame.name);
    if (pos >= 0) setFramePos(pos);
  };

  /** An object picked on the map (its frame is shown) or in the frame (its box is shown). */
  const pickObject = (id: string, fromMap: boolean) => {
    const o = objects.objects.find((x) => x.id === id);
    if (!o) return;
    table.mark(id, 'only');
    selectObject(o, fromMap);
  };
  const selectFromMap = useStableCallback((id: string) => pickObject(id, true));
  const selectFromFrame = useStableCallback((id: string) => pickObject(id, false));

  // A corrected box is already the analyst's verdict (and is exported); Enter keeps it corrected.
  const accept = (o: ObjectView) =>
    o.status === 'corrected' ? showInfo('Kept as corrected: the box you drew is what will be exported.') : objects.update({ id: o.id, status: 'accepted' });
  const reject = (o: ObjectView) => objects.update({ id: o.id, status: 'rejected' });
  // With several rows marked, a verdict applies to all of them as one undo step.
  const bulk = (status: 'accepted' | 'rejected') => {
    const calls = bulkStatusCalls(table.markedRows, status);
    const kept = status === 'accepted' ? table.markedRows.filter((o) => o.status === 'corrected').length : 0;
    if (kept) showInfo(`${kept} corrected object${kept === 1 ? '' : 's'} kept as corrected.`);
    void objects.updateMany(calls);
  };
  const copyCoordinates = () => {
    if (!selected) return showInfo('Select an object first: its coordinates are copied.');
    const [lon, lat] = ringCentre(selected.ring as Position[]);
    const text = formatCoordinates(lon, lat, coordFormat);
    const copied = navigator.clipboard?.writeText(text) ?? Promise.reject(new Error('no clipboard'));
    copied.then(
      () => showInfo(`Copied ${FORMAT_NAMES[coordFormat]} ${text}`),
      () => showInfo(`${FORMAT_NAMES[coordFormat]} ${text} (the clipboard is not available here: copy it from this line)`),
    );
  };
  const fitProject = () => {
    const bounds = projectBounds(project.mosaics, objects.objects, frameList);
    if (bounds) focusOn(bounds);
  };

  const review: ReviewContext = {
    objects,
    table,
    open: selectObject,
    accept,
    reject,
    bulk,
    frameStep: (delta) => goToFrame(framePos + delta),
    frameFirst: () => goToFrame(0),
    frameLast: () => goToFrame(frameList.length - 1),
    toggleHeatmap: () => setHeatmapVisible((v) => !v),
    toggleFit,
    copyCoordinates,
    cycleCoordinates: () => setCoordFormat(nextFormat),
    fitProject,
    toggleHelp: () => setHelpOpen((v) => !v),
    focusSearch: () => document.querySelector<HTMLInputElement>('[data-testid="object-search"]')?.focus(),
    info: showInfo,
  };
  useKeyboardShortcuts((action: KeyAction) => runKeyAction(action, review), prompt === null && !helpOpen);

  const info = [...messages].reverse().find((m) => m.kind === 'info')?.text ?? null;

  return (
    <div className="app">
      <Toolbar
        hasProject={project.project !== null}
        canOpenSample={project.sampleProject !== null}
        model={project.model}
        mosaics={project.mosaics}
        heatmapVisible={heatmapVisible}
        onNewProject={project.newProject}
        onOpenProject={project.openProject}
        onOpenSample={project.openSample}
        onOpenFrames={project.openFrames}
        onOpenVideo={project.openVideo}
        onAddMosaic={project.addMosaic}
        onRemoveMosaic={project.removeMosaic}
        onExportGeojson={project.exportGeojson}
        onExportCsv={project.exportCsv}
        onExportAs={project.exportAs}
        onExportTrainingPairs={project.exportTrainingPairs}
        job={project.job}
        onCancelJob={project.cancelJob}
        onProvider={project.setProvider}
        onToggleHeatmap={() => setHeatmapVisible((v) => !v)}
      />
      <AlertList messages={messages} onDismiss={dismiss} />
      <main
        ref={workspace}
        className={`workspace${compact ? ' compact' : ''}`}
        data-testid="workspace"
        data-layout={compact ? 'compact' : 'columns'}
        style={compact ? undefined : { gridTemplateColumns: gridColumns(panes.layout) }}
      >
        <section className="frame-pane" aria-label="Drone frames">
          <FrameViewer
            src={frame ? withFolderTag(assetUrl(assetPaths.frame(frame.index)), project.frames?.folder ?? '') : null}
            frameName={frame?.name ?? null}
            marks={marks}
            busy={loc.pending !== null}
            fitMode={fitMode}
            onToggleFit={toggleFit}
            camera={linked.camera}
            onFrameSize={setFrameSize}
            onPickObject={selectFromFrame}
            onLoadError={(name, src) => {
              const fallback = `The frame ${name} could not be shown: the file is damaged or not an image. Replace or remove it in the frames folder.`;
              void describeAssetFailure(src, fallback).then((text) => showError(new Error(text.includes(name) ? text : `${name}: ${text}`)));
            }}
            onClickPixel={(x, y) =>
              frame &&
              loc.localize({
                frameIndex: frame.index,
                x,
                y,
                ...(telemetry || !searchCentre ? {} : { centre: { lon: searchCentre.lon, lat: searchCentre.lat } }),
              })
            }
          />
          <ThumbnailStrip
            frames={frameList}
            current={framePos}
            thumbUrl={(index) => withFolderTag(assetUrl(assetPaths.thumb(index)), project.frames?.folder ?? '')}
            onSelect={goToFrame}
          />
        </section>
        {splitter('frame', 'Resize the frame pane', FRAME_RANGE)}
        <MapPane
          mosaics={project.mosaics}
          objects={objects.objects}
          selected={selected}
          telemetry={telemetry}
          searchCentre={frame ? searchCentre : null}
          searchSideM={searchSideM}
          searchDraggable={!telemetry}
          heatmap={heatmap ? { ...heatmap, src: heatmapSrc(heatmap.url) } : null}
          focus={focus}
          linked={linked}
          coordinateFormat={coordFormat}
          onCycleCoordinateFormat={() => setCoordFormat(nextFormat)}
          onFitProject={fitProject}
          onSelect={selectFromMap}
          onBoxChange={(o, ring) => objects.update({ id: o.id, ring })}
          onSearchCentre={setUserCentre}
        />
        {splitter('list', 'Resize the object list', LIST_RANGE)}
        <ObjectTable objects={objects.objects} table={table} currentId={objects.selectedId} onOpen={selectObject} onBulk={bulk}>
          {selected && (
            <ObjectDetail
              key={selected.id}
              object={selected}
              onError={showError}
              onEdit={(id, field, value) => objects.update({ id, [field]: value })}
              onAccept={() => accept(selected)}
              onReject={() => reject(selected)}
              onCopyCoordinates={copyCoordinates}
            />
          )}
        </ObjectTable>
      </main>
      <StatusBar
        project={project.project}
        model={project.model}
        provider={loc.last?.provider ?? null}
        latencyMs={loc.last?.latencyMs ?? project.model?.lastLatencyMs ?? null}
        decision={loc.last}
        frameNumber={frame ? framePos + 1 : 0}
        frameCount={frameList.length}
        busy={loc.pending !== null}
        info={info}
      />
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
      {prompt && <PathPrompt key={prompt.kind} prompt={prompt} onAnswer={answer} />}
    </div>
  );
}

function mosaicCentre(mosaics: MosaicView[]): { lon: number; lat: number } | null {
  const m = mosaics[0];
  if (!m) return null;
  const [w, s, e, n] = m.boundsLonLat;
  return { lon: (w + e) / 2, lat: (s + n) / 2 };
}
