import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';

/** The few file operations an atomic write needs; tests pass a failing one to simulate a full disk. */
export interface AtomicFs {
  open(file: string): Promise<AtomicHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Makes the rename itself durable; may be a no-op where directories cannot be synced. */
  syncDir(dir: string): Promise<void>;
}

export interface AtomicHandle {
  write(data: string | Buffer): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const nodeAtomicFs: AtomicFs = {
  async open(file) {
    // 'wx': the temporary name is fresh; never write through someone else's file.
    const handle = await fsp.open(file, 'wx', 0o644);
    return {
      // writeFile, not write: write() may stop short (a nearly full disk) without an error.
      write: (data) => handle.writeFile(data),
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (file) => fsp.unlink(file),
  async syncDir(dir) {
    let handle: fsp.FileHandle | undefined;
    try {
      handle = await fsp.open(dir, 'r');
      await handle.sync();
    } catch {
      // Some platforms (Windows) and file systems refuse to open or sync a directory; the data
      // itself is already synced, only the rename's durability is weaker there.
    } finally {
      await handle?.close().catch(() => undefined);
    }
  },
};

export type AtomicData = string | Buffer | Iterable<string | Buffer> | AsyncIterable<string | Buffer>;

function adviceFor(code: string | undefined, dir: string): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'The disk is full; free some space and try again.';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `There is no permission to write in ${dir}; choose another folder.`;
    case 'ENOENT':
      return `The folder ${dir} does not exist; choose an existing folder.`;
    case 'EISDIR':
      return 'A folder has that name; choose another file name.';
    default:
      return 'Try again or choose another location.';
  }
}

/**
 * Writes `data` to `file` so that readers see either the old file or the complete new one, never
 * a torn one: write a temporary file in the same folder, fsync it, rename it over the target.
 * On failure the temporary file is removed, the old file stays as it was, and the error says
 * which file failed and why.
 */
export async function writeFileAtomic(file: string, data: AtomicData, io: AtomicFs = nodeAtomicFs): Promise<void> {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: AtomicHandle | undefined;
  let created = false;
  // The chunk being written while the next one is produced: one write in flight, in order.
  let writing: Promise<void> | undefined;
  try {
    handle = await io.open(tmp);
    created = true;
    if (typeof data === 'string' || Buffer.isBuffer(data)) {
      await handle.write(data);
    } else {
      // Async sources let a long export yield to the event loop between chunks.
      for await (const chunk of data) {
        await writing;
        writing = handle.write(chunk);
      }
      await writing;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await io.rename(tmp, target);
    created = false;
    await io.syncDir(dir);
  } catch (err) {
    await writing?.catch(() => undefined);
    await handle?.close().catch(() => undefined);
    if (created) await io.unlink(tmp).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Could not write ${target}: ${reason}. ${adviceFor(code, dir)} Any previous version of the file was left unchanged.`, {
      cause: err,
    });
  }
}
