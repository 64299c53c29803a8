import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Input, Output } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { ProjectStore, StoreError } from '../store';
import { projectNameFromPath, type Session } from '../app/session';
import { projectView } from './views';

export async function createProject(session: Session, input: Input<'project.create'>): Promise<Output<'project.create'>> {
  const path = session.userPath(input.path, 'new-file', 'new project');
  const store = ProjectStore.create(path, projectNameFromPath(path));
  await session.adoptProject(store);
  return projectView(session);
}

export async function openProject(session: Session, input: Input<'project.open'>): Promise<Output<'project.open'>> {
  const path = session.userPath(input.path, 'file', 'open project');
  if (!existsSync(path)) {
    await session.forgetRecent(path);
    throw new ApiError('not-found', `The project ${path} does not exist (moved or deleted?). It was removed from the recent list; choose it again where it is now.`);
  }
  let store: ProjectStore;
  try {
    store = ProjectStore.open(path);
  } catch (err) {
    if (err instanceof StoreError && err.code === 'not-found') await session.forgetRecent(path);
    throw err;
  }
  await session.adoptProject(store);
  return projectView(session);
}

/** The bundled mosaic(s): mosaic.tif first, then any other GeoTIFF in the sample folder. */
function sampleMosaics(dir: string): string[] {
  const tiffs = readdirSync(dir).filter((n) => /\.tiff?$/i.test(n));
  tiffs.sort((a, b) => (a === 'mosaic.tif' ? -1 : b === 'mosaic.tif' ? 1 : a.localeCompare(b)));
  return tiffs.map((n) => join(dir, n));
}

/**
 * The sample project lives in the user's data folder (resources are read-only once installed)
 * and points at the bundled frames and mosaic; its settings are refreshed on every open so an
 * app that moved or updated still finds them.
 */
export async function openSampleProject(session: Session): Promise<Output<'project.openSample'>> {
  const dir = session.sampleResourcesDir;
  const framesFolder = join(dir, 'frames');
  if (!existsSync(framesFolder)) {
    throw new ApiError('not-found', `The sample data is not installed (${framesFolder} is missing). Reinstall the app, or run \`npm run sample\` in a development checkout.`);
  }
  const file = session.sampleProjectFile;
  // First run: the user-data folder may not exist yet.
  mkdirSync(dirname(file), { recursive: true });
  const store = existsSync(file) ? ProjectStore.open(file) : ProjectStore.create(file, 'Sample project');
  try {
    store.updateSettings({ framesFolder, mosaics: sampleMosaics(dir) });
  } catch (err) {
    store.close();
    throw err;
  }
  await session.adoptProject(store);
  return projectView(session);
}

/** The user's answer to the open project's request to read locations outside its folder. */
export async function allowProjectAccess(session: Session, input: Input<'project.allowAccess'>): Promise<Output<'project.allowAccess'>> {
  await session.answerAccessRequest(input.allow);
  return projectView(session);
}
