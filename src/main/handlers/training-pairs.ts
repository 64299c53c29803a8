import type { Input, Output } from '../../shared/api';
import { openFrame } from '../frames';
import { frameFile, isVideoEntry } from '../frames/video-source';
import { exportTrainingPairs, type FrameImage, type PairSources } from '../training-pairs';
import type { Session } from '../app/session';
import type { TaskRun } from '../export/jobs';
import { runTask, startTask } from './task-jobs';

function sources(session: Session): PairSources {
  return {
    async frame(index, name) {
      const entry = session.frames?.entries.find((e) => e.index === index && e.name === name);
      if (!entry) return null;
      const path = isVideoEntry(entry) ? await frameFile(entry) : session.access.check(entry.path, 'frame of a training pair');
      const file = await openFrame(path);
      const image: FrameImage = { width: file.width, height: file.height, read: (longSide) => file.readFitted(longSide) };
      return image;
    },
    mosaic(path) {
      for (const m of session.mosaics.values()) if (m.info.path === path) return m;
      return null;
    },
  };
}

type PairsResult = Extract<NonNullable<Output<'jobs.status'>['result']>, { kind: 'trainingPairs' }>;

/** Progress by object written; a cancel removes the partly written dataset (see exportTrainingPairs). */
function pairsTask(session: Session, input: Input<'export.trainingPairs'>): [string, TaskRun<PairsResult>] {
  const { store } = session.requireProject();
  const folder = session.userPath(input.folder, 'folder', 'training-pairs folder');
  return [
    `Training pairs export to ${folder}`,
    async (progress, signal) => ({ kind: 'trainingPairs', pairs: await exportTrainingPairs(store.listObjects(), sources(session), folder, { progress, signal }) }),
  ];
}

/** The accepted and corrected objects as a CVOGL dataset in a folder the user chose. */
export async function exportPairs(session: Session, input: Input<'export.trainingPairs'>): Promise<Output<'export.trainingPairs'>> {
  return (await runTask(session, ...pairsTask(session, input))).pairs;
}

export async function exportPairsStart(session: Session, input: Input<'export.trainingPairsStart'>): Promise<Output<'export.trainingPairsStart'>> {
  return startTask(session, ...pairsTask(session, input));
}
