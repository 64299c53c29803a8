// Where an export may be written. An export is written to a temporary file and renamed over the
// target, so a target that is the open project (or its journal), another project, a link, a device
// or a folder would be silently replaced: refuse those before anything is written.
import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ApiError } from '../../shared/errors';

/** Follows links in the folders (and in the file itself, when it exists) of a path. */
function resolveReal(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync.native(abs);
  } catch {
    // Not there yet: the folder may still be a link into somewhere else.
    try {
      return join(realpathSync.native(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function sameFile(a: string, b: string): boolean {
  // Case-insensitive file systems (macOS, Windows) name one file several ways.
  return process.platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
}

function kindOf(st: Stats): string {
  if (st.isSymbolicLink()) return 'a link';
  if (st.isDirectory()) return 'a folder';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFIFO()) return 'a pipe';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Throws a 'not-allowed' ApiError, naming the file and what to do instead, unless `targetPath`
 * is a place an export may replace: a new file, or an existing regular file that is neither a
 * project (`.smgeo`) nor the open project's database or its `-wal`/`-shm` journal. Call it for
 * every export format before writing.
 */
export function assertExportTarget(targetPath: string, openProjectPath: string | null | undefined): void {
  const abs = resolve(targetPath);
  const refuse = (why: string): never => {
    throw new ApiError('not-allowed', `The export was not written to ${abs}: ${why} Choose a new file name, e.g. ending in .geojson or .csv.`);
  };
  const st = lstatOrNull(abs);
  if (st && !st.isFile()) refuse(`it is ${kindOf(st)}, which the export would replace.`);
  const real = resolveReal(abs);
  if (openProjectPath) {
    const project = resolveReal(openProjectPath);
    const projectSt = lstatOrNull(project);
    // A hard link is the project under another name.
    if (st && projectSt && st.dev === projectSt.dev && st.ino === projectSt.ino) refuse(`it is the open project ${openProjectPath}, which the export would destroy.`);
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      if (sameFile(real, project + suffix)) refuse(`it is ${suffix ? `the journal of ` : ''}the open project ${openProjectPath}, which the export would destroy.`);
    }
  }
  if (/\.smgeo(-wal|-shm|-journal)?$/i.test(real) || /\.smgeo(-wal|-shm|-journal)?$/i.test(abs)) {
    refuse('it is an SMGeo project file, which the export would destroy.');
  }
}
