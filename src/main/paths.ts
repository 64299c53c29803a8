// Where the app finds its bundled resources and keeps per-user data, in development (repository
// checkout, `tsx`) and packaged (electron-builder puts extraResources under process.resourcesPath).
// No Electron import here: the HTTP server uses the same rules without Electron.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'SMGeo Workstation';

export interface ResourceLocation {
  packaged: boolean;
  /** process.resourcesPath when packaged. */
  resourcesPath?: string;
  /** The repository root in development. */
  appRoot: string;
}

/** Holds models/ and sample/. */
export function resourcesDir(loc: ResourceLocation): string {
  if (process.env.SMGEO_RESOURCES) return process.env.SMGEO_RESOURCES;
  if (loc.packaged && loc.resourcesPath) return loc.resourcesPath;
  return join(loc.appRoot, 'resources');
}

/**
 * The per-user data folder, the same one Electron's `userData` uses for this product name, so the
 * desktop app and browser mode share the recent list and the sample project.
 * SMGEO_USER_DATA overrides it (tests, portable installs).
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SMGEO_USER_DATA) return env.SMGEO_USER_DATA;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
}

/** The built renderer (index.html and its assets) under the app root. */
export function rendererDir(appRoot: string): string {
  return join(appRoot, 'out', 'renderer');
}
