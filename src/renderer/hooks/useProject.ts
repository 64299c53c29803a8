import { useCallback, useEffect, useRef, useState } from 'react';
import type { DialogKind, FramesView, ModelView, MosaicView, ObjectView, ProjectView, ProviderChoice } from '../../shared/api';
import { invoke } from '../api-client';
import { dateNote } from '../lib/date-note';
import { useJob } from './useJob';

export type ExportFormat = 'geojson' | 'csv' | 'gpkg' | 'kml';

interface ProjectCallbacks {
  pickPath(kind: DialogKind): Promise<string | null>;
  onError(error: unknown): void;
  onInfo(text: string): void;
  /** A project was opened: its objects replace the list. */
  onObjects(objects: ObjectView[]): void;
  /** Mosaics to frame on the map (a project opened, a mosaic added). */
  onShowMosaics(mosaics: MosaicView[]): void;
}

/** The open project, its frames folder and mosaics, the model, and the toolbar's file actions. */
/** Access questions shown and not yet answered by main, for the page's whole life (remounts too). */
const questionsBeingAnswered = new Set<string>();

export function useProject(cb: ProjectCallbacks) {
  const [project, setProject] = useState<ProjectView | null>(null);
  const [frames, setFrames] = useState<FramesView | null>(null);
  const [mosaics, setMosaics] = useState<MosaicView[]>([]);
  const [model, setModel] = useState<ModelView | null>(null);
  const [sampleProject, setSampleProject] = useState<string | null>(null);
  const { pickPath, onError, onInfo, onObjects, onShowMosaics } = cb;
  const jobs = useJob(onInfo);
  const follow = jobs.follow;

  // Counts the views adopted, so that the start-up state, if it answers late, cannot replace a
  // project the user opened meanwhile (nor ask its access question a second time).
  const adopted = useRef(0);
  const adopt = useCallback(
    function adoptView(p: ProjectView) {
      adopted.current += 1;
      setProject(p);
      setFrames(p.frames);
      setMosaics(p.mosaics);
      onObjects(p.objects);
      onShowMosaics(p.mosaics);
      // What could not be reopened is an error the user must act on, not a passing note.
      for (const problem of p.problems) onError(new Error(problem));
      // Browser mode: a project naming locations outside its folder asks here before they open.
      // While its answer is on the way, the same question is not asked again, whichever view
      // brings it (a second prompt for one project was seen on a loaded machine).
      const question = p.accessRequest?.question;
      if (question !== undefined && !questionsBeingAnswered.has(question)) {
        questionsBeingAnswered.add(question);
        const allow = window.confirm(question);
        invoke('project.allowAccess', { allow })
          .then(adoptView, onError)
          .finally(() => questionsBeingAnswered.delete(question));
      }
    },
    [onError, onObjects, onShowMosaics],
  );

  useEffect(() => {
    let live = true;
    const before = adopted.current;
    invoke('app.state', {})
      .then((state) => {
        if (!live) return;
        setModel(state.model);
        setSampleProject(state.sampleProject);
        if (state.project && adopted.current === before) adopt(state.project);
      })
      .catch(onError);
    return () => {
      live = false;
    };
  }, [adopt, onError]);

  const run = useCallback(
    async (action: () => Promise<void>) => {
      try {
        await action();
      } catch (error) {
        onError(error);
      }
    },
    [onError],
  );

  const newProject = useCallback(
    () =>
      run(async () => {
        const path = await pickPath('project-save');
        if (path) adopt(await invoke('project.create', { path }));
      }),
    [adopt, pickPath, run],
  );

  const openProject = useCallback(
    () =>
      run(async () => {
        const path = await pickPath('project-open');
        if (path) adopt(await invoke('project.open', { path }));
      }),
    [adopt, pickPath, run],
  );

  const openSample = useCallback(() => run(async () => adopt(await invoke('project.openSample', {}))), [adopt, run]);

  // The frame's date beside the mosaics' acquisition dates; a season apart is a warning.
  const checkDates = useCallback(async () => {
    const r = await invoke('dates.compare', { frameIndex: 0 });
    const note = dateNote(r);
    if (note) onInfo(note);
    for (const m of r.mosaics) if (m.warning) onError(new Error(m.warning));
  }, [onError, onInfo]);

  const openFrames = useCallback(
    () =>
      run(async () => {
        const folder = await pickPath('folder');
        if (!folder) return;
        const done = await follow(invoke('frames.openStart', { folder }), 'frames');
        if (!done) return;
        const opened = done.frames;
        setFrames(opened);
        setProject((p) => (p ? { ...p, framesFolder: opened.folder, frames: opened } : p));
        onInfo(`Opened ${opened.frames.length} frames from ${opened.folder}`);
        await checkDates();
      }),
    [checkDates, follow, onInfo, pickPath, run],
  );

  const openVideo = useCallback(
    () =>
      run(async () => {
        const path = await pickPath('video');
        if (!path) return;
        const done = await follow(invoke('frames.openVideoStart', { path }), 'frames');
        if (!done?.frames.video) return;
        const opened = done.frames;
        setFrames(opened);
        setProject((p) => (p ? { ...p, framesFolder: opened.folder, frames: opened } : p));
        const v = done.frames.video;
        onInfo(`Opened ${v.frameCount} frames (${v.durationS.toFixed(1)} s, ${v.width}×${v.height}) from ${v.path}${v.srt ? ` with ${v.srt}` : ''}`);
        // Missing or disagreeing telemetry changes how the user must work: say it as a problem.
        for (const note of v.notes) onError(new Error(note));
        await checkDates();
      }),
    [checkDates, follow, onError, onInfo, pickPath, run],
  );

  const addMosaic = useCallback(
    () =>
      run(async () => {
        const path = await pickPath('mosaic');
        if (!path) return;
        const done = await follow(invoke('mosaic.openStart', { path }), 'mosaic');
        if (!done) return;
        const mosaic = done.mosaic;
        setMosaics((all) => [...all.filter((m) => m.id !== mosaic.id), mosaic]);
        onShowMosaics([mosaic]);
        onInfo(`Added mosaic ${mosaic.name} (${mosaic.crs.code}, ${mosaic.gsdM.toFixed(2)} m/px)`);
        if (frames?.frames.length) await checkDates();
      }),
    [checkDates, follow, frames, onInfo, onShowMosaics, pickPath, run],
  );

  const removeMosaic = useCallback(
    (id: string) =>
      run(async () => {
        await invoke('mosaic.remove', { id });
        setMosaics((all) => all.filter((m) => m.id !== id));
      }),
    [run],
  );

  const exportAs = useCallback(
    (format: ExportFormat) =>
      run(async () => {
        const path = await pickPath(`export-${format}`);
        if (!path) return;
        const r = await follow(invoke('export.start', { format, path }), 'export');
        if (r) onInfo(`Exported ${r.count} objects to ${r.path}`);
      }),
    [follow, onInfo, pickPath, run],
  );

  const exportTrainingPairs = useCallback(
    () =>
      run(async () => {
        const folder = await pickPath('folder');
        if (!folder) return;
        const done = await follow(invoke('export.trainingPairsStart', { folder }), 'trainingPairs');
        if (!done) return;
        const r = done.pairs;
        const skipped = r.skipped.length > 0 ? `; ${r.skipped.length} skipped (${r.skipped[0]!.reason})` : '';
        onInfo(`Training pairs written to ${r.folder}: ${r.train} train, ${r.test} test${skipped}.`);
      }),
    [follow, onInfo, pickPath, run],
  );

  const setProvider = useCallback(
    (provider: ProviderChoice) => run(async () => setModel(await invoke('model.setProvider', { provider }))),
    [run],
  );

  const refreshModel = useCallback(() => run(async () => setModel(await invoke('model.info', {}))), [run]);

  return {
    project,
    frames,
    mosaics,
    model,
    sampleProject,
    newProject,
    openProject,
    openSample,
    openFrames,
    openVideo,
    addMosaic,
    removeMosaic,
    exportGeojson: useCallback(() => exportAs('geojson'), [exportAs]),
    exportCsv: useCallback(() => exportAs('csv'), [exportAs]),
    exportAs,
    exportTrainingPairs,
    job: jobs.job,
    cancelJob: jobs.cancel,
    setProvider,
    refreshModel,
  };
}

export type ProjectModel = ReturnType<typeof useProject>;
