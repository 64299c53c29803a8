import type { Input, Output } from '../../shared/api';
import type { Session } from './session';
import { framesView } from './views';

export async function openFrames(session: Session, input: Input<'frames.open'>): Promise<Output<'frames.open'>> {
  const { store } = session.requireProject();
  const folder = session.userPath(input.folder, 'folder', 'frames folder');
  const frames = await session.openFrames(folder);
  store.updateSettings({ framesFolder: frames.folder });
  return framesView(frames);
}
