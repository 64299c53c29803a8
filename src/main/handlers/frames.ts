import { basename } from 'node:path';
import type { Input, Output } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { TaskRun } from '../export/jobs';
import { isVideoFileName } from '../frames/video';
import type { Session } from '../app/session';
import { runTask, startTask } from './task-jobs';
import { framesView } from './views';

type OpenedFrames = Extract<NonNullable<Output<'jobs.status'>['result']>, { kind: 'frames' }>;

/**
 * Opens the folder or video and, only once it is complete, makes it the project's frames: a
 * cancel or a failure leaves the frames open before (and the saved setting) as they were.
 */
function openTask(session: Session, path: string): TaskRun<OpenedFrames> {
  const { store } = session.requireProject();
  return async (progress, signal) => {
    const frames = await session.openFrames(path, { progress, signal, forProject: store });
    store.updateSettings({ framesFolder: frames.folder });
    const v = frames.video;
    if (!v) return { kind: 'frames', frames: framesView(frames) };
    const { path: file, width, height, fps, durationS, frameCount, variableFrameRate } = v.info;
    return { kind: 'frames', frames: { ...framesView(frames), video: { path: file, width, height, fps, durationS, frameCount, variableFrameRate, srt: v.srt, notes: v.notes } } };
  };
}

function folderTask(session: Session, input: Input<'frames.open'>): [string, TaskRun<OpenedFrames>] {
  const folder = session.userPath(input.folder, 'folder', 'frames folder');
  return [`Opening frames from ${basename(folder)}`, openTask(session, folder)];
}

function videoTask(session: Session, input: Input<'frames.openVideo'>): [string, TaskRun<OpenedFrames>] {
  const path = session.userPath(input.path, 'file', 'video');
  if (!isVideoFileName(path)) {
    throw new ApiError('invalid-input', `${path} is not an MP4 or MOV video. Choose the drone's video file (its .SRT is found beside it by name).`);
  }
  return [`Opening video ${basename(path)}`, openTask(session, path)];
}

export async function openFrames(session: Session, input: Input<'frames.open'>): Promise<Output<'frames.open'>> {
  const { frames } = await runTask(session, ...folderTask(session, input));
  return { folder: frames.folder, frames: frames.frames };
}

/** A drone video (and its .SRT when beside it) opened as the project's frames. */
export async function openVideoFrames(session: Session, input: Input<'frames.openVideo'>): Promise<Output<'frames.openVideo'>> {
  const { frames } = await runTask(session, ...videoTask(session, input));
  return { ...frames, video: frames.video! };
}

/** frames.open as a job: progress by frames whose telemetry is read. */
export async function openFramesStart(session: Session, input: Input<'frames.openStart'>): Promise<Output<'frames.openStart'>> {
  return startTask(session, ...folderTask(session, input));
}

/** frames.openVideo as a job: progress by ffprobe pass and SRT. */
export async function openVideoFramesStart(session: Session, input: Input<'frames.openVideoStart'>): Promise<Output<'frames.openVideoStart'>> {
  return startTask(session, ...videoTask(session, input));
}
