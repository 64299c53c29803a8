import { UserError } from '../../shared/errors';

export type StoreErrorCode = 'not-a-project' | 'newer-schema' | 'io' | 'not-found' | 'invalid' | 'read-only';

export class StoreError extends UserError<StoreErrorCode> {
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'StoreError';
  }
}

interface SqliteLikeError {
  code?: unknown;
  message?: unknown;
}

function sqliteCode(err: unknown): string {
  const code = (err as SqliteLikeError | null)?.code;
  return typeof code === 'string' ? code : '';
}

function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** What the user can do about a failed write, by SQLite result code. */
function adviceFor(code: string): string {
  if (code.startsWith('SQLITE_FULL')) return 'Free some disk space and try again.';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    return 'Check that the file and its folder are writable, or save the project elsewhere.';
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return 'Another program is using the project; close it and try again.';
  }
  return 'Check the disk and try again.';
}

/**
 * Turns a failure inside a write transaction into a StoreError. SQLite rolled the transaction back,
 * so the message can promise that everything committed before is still there.
 */
export function wrapWriteError(err: unknown, what: string, file: string): StoreError {
  if (err instanceof StoreError) return err;
  const code = sqliteCode(err);
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new StoreError('invalid', `Could not ${what} in ${file}: ${reasonOf(err)}. The change was not saved.`, { cause: err });
  }
  return new StoreError(
    'io',
    `Could not ${what} in ${file}: ${reasonOf(err)}. This change was not saved; nothing committed earlier was lost. ${adviceFor(code)}`,
    { cause: err },
  );
}

/** Same for reads: nothing was changed, so no promise about committed data is needed. */
export function wrapReadError(err: unknown, what: string, file: string): StoreError {
  if (err instanceof StoreError) return err;
  const code = sqliteCode(err);
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError('not-a-project', `${file} is damaged or is not an SMGeo project (${reasonOf(err)}).`, { cause: err });
  }
  return new StoreError('io', `Could not ${what} from ${file}: ${reasonOf(err)}. ${adviceFor(code)}`, { cause: err });
}
