import type { Input, Output } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { isVideoFileName } from '../frames/video';
import type { Session } from '../app/session';
import { framesView } from './views';

export async function openFrames(session: Session, input: Input<'frames.open'>): Promise<Output<'frames.open'>> {
  const { store } = session.requireProject();
  const folder = session.userPath(input.folder, 'folder', 'frames folder');
  const frames = await session.openFrames(folder);
  store.updateSettings({ framesFolder: frames.folder });
  return framesView(frames);
}

/** A drone video (and its .SRT when beside it) opened as the project's frames. */
export async function openVideoFrames(session: Session, input: Input<'frames.openVideo'>): Promise<Output<'frames.openVideo'>> {
  const { store } = session.requireProject();
  const path = session.userPath(input.path, 'file', 'video');
  if (!isVideoFileName(path)) {
    throw new ApiError('invalid-input', `${path} is not an MP4 or MOV video. Choose the drone's video file (its .SRT is found beside it by name).`);
  }
  const frames = await session.openFrames(path);
  store.updateSettings({ framesFolder: frames.folder });
  const v = frames.video!;
  const { path: file, width, height, fps, durationS, frameCount, variableFrameRate } = v.info;
  return { ...framesView(frames), video: { path: file, width, height, fps, durationS, frameCount, variableFrameRate, srt: v.srt, notes: v.notes } };
}
