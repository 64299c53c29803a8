// The allow-list of what the user opened. A compromised or buggy renderer can ask for any path;
// only files under a folder the user opened (or files they opened themselves) are ever read.
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ApiError } from '../../shared/errors';

/** Resolves symlinks so a link inside an opened folder cannot point the app outside it. */
function canonical(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync.native(abs);
  } catch {
    // Not there yet (a project or export about to be written): canonicalise the folder instead.
    try {
      return resolve(realpathSync.native(dirname(abs)), abs.slice(dirname(abs).length + 1));
    } catch {
      return abs;
    }
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function isInside(child: string, folder: string): boolean {
  const rel = relative(folder, child);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

export class AccessList {
  private readonly folders = new Set<string>();
  private readonly files = new Set<string>();

  allowFolder(path: string): void {
    this.folders.add(canonical(path));
  }

  allowFile(path: string): void {
    this.files.add(canonical(path));
  }

  /** Forgets a file or folder, e.g. a mosaic the user removed. */
  revoke(path: string): void {
    const c = canonical(path);
    this.files.delete(c);
    this.folders.delete(c);
  }

  allows(path: string): boolean {
    const c = canonical(path);
    if (this.files.has(c)) return true;
    for (const folder of this.folders) if (isInside(c, folder)) return true;
    return false;
  }

  /** Throws 'not-allowed' unless the path is under something the user opened. */
  check(path: string, what: string): string {
    const real = canonical(path);
    if (!this.allows(path)) {
      if (isLink(path)) {
        throw new ApiError(
          'not-allowed',
          `${path} is a link to ${real}, which is outside the folders you opened, so the app will not read it (${what}). Copy the file into the folder instead of linking it.`,
        );
      }
      throw new ApiError(
        'not-allowed',
        `${path} was not opened in this session, so the app will not read or write it (${what}). Choose it with the Open or Save dialog first.`,
      );
    }
    return real;
  }
}
