import { resolve } from 'node:path';
import type { Input, Output } from '../../shared/api';
import type { Session } from '../app/session';
import { mosaicView } from './views';

export async function openMosaic(session: Session, input: Input<'mosaic.open'>): Promise<Output<'mosaic.open'>> {
  const { store } = session.requireProject();
  const path = session.userPath(input.path, 'file', 'mosaic');
  const mosaic = await session.openMosaic(path);
  const saved = store.getSettings().mosaics;
  if (!saved.some((p) => resolve(p) === resolve(mosaic.info.path))) store.updateSettings({ mosaics: [...saved, mosaic.info.path] });
  return mosaicView(mosaic);
}

export async function removeMosaic(session: Session, input: Input<'mosaic.remove'>): Promise<Output<'mosaic.remove'>> {
  const { store } = session.requireProject();
  const mosaic = session.mosaicById(input.id);
  session.removeMosaic(input.id);
  const gone = resolve(mosaic.info.path);
  store.updateSettings({ mosaics: store.getSettings().mosaics.filter((p) => resolve(p) !== gone) });
  return {};
}
