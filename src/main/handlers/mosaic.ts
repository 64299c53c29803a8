import { basename, resolve } from 'node:path';
import type { Input, Output } from '../../shared/api';
import type { TaskRun } from '../export/jobs';
import type { Session } from '../app/session';
import { runTask, startTask } from './task-jobs';
import { mosaicView } from './views';

type OpenedMosaic = Extract<NonNullable<Output<'jobs.status'>['result']>, { kind: 'mosaic' }>;

/**
 * Opening reads only the TIFF header and image directories (15 ms for a 20,000² px JPEG mosaic
 * with 6 overviews: `npm run bench -- mosaic`, openMs), so the job is one step; a cancel closes
 * the file again and leaves the project's mosaics as they were.
 */
function openTask(session: Session, input: Input<'mosaic.open'>): [string, TaskRun<OpenedMosaic>] {
  const { store } = session.requireProject();
  const path = session.userPath(input.path, 'file', 'mosaic');
  return [
    `Opening mosaic ${basename(path)}`,
    async (progress, signal) => {
      progress(0, 1);
      const mosaic = await session.openMosaic(path, signal, store);
      const saved = store.getSettings().mosaics;
      if (!saved.some((p) => resolve(p) === resolve(mosaic.info.path))) store.updateSettings({ mosaics: [...saved, mosaic.info.path] });
      return { kind: 'mosaic', mosaic: mosaicView(mosaic) };
    },
  ];
}

export async function openMosaic(session: Session, input: Input<'mosaic.open'>): Promise<Output<'mosaic.open'>> {
  return (await runTask(session, ...openTask(session, input))).mosaic;
}

export async function openMosaicStart(session: Session, input: Input<'mosaic.openStart'>): Promise<Output<'mosaic.openStart'>> {
  return startTask(session, ...openTask(session, input));
}

export async function removeMosaic(session: Session, input: Input<'mosaic.remove'>): Promise<Output<'mosaic.remove'>> {
  const { store } = session.requireProject();
  const mosaic = session.mosaicById(input.id);
  session.removeMosaic(input.id);
  const gone = resolve(mosaic.info.path);
  store.updateSettings({ mosaics: store.getSettings().mosaics.filter((p) => resolve(p) !== gone) });
  return {};
}
