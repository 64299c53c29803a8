// Every failure leaves main as an ApiError: the renderer shows `message` as is, so module errors
// (already written for the user) pass through, and anything unexpected says so plainly.
import { ZodError } from 'zod';
import { ApiError, UserError } from '../../shared/errors';
import { describeIssues } from '../../shared/issues';

export function invalidInput(channel: string, err: ZodError): ApiError {
  return new ApiError('invalid-input', `The request to ${channel} was not valid (${describeIssues(err)}). This is a bug in the app's window; please report it.`);
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof UserError) return new ApiError(err.code, err.message);
  const nodeCode = (err as NodeJS.ErrnoException | null)?.code;
  if (err instanceof Error && (nodeCode === 'ENOENT' || nodeCode === 'EACCES' || nodeCode === 'EPERM' || nodeCode === 'ENOSPC')) {
    const path = (err as NodeJS.ErrnoException).path ?? 'a file';
    const advice =
      nodeCode === 'ENOENT' ? 'Check that it still exists.' : nodeCode === 'ENOSPC' ? 'Free some disk space.' : 'Check its permissions.';
    return new ApiError('io', `Could not access ${path} (${nodeCode}). ${advice}`);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError('internal', `Something unexpected went wrong: ${message}. Try again; if it keeps happening, restart the app and report it.`);
}
