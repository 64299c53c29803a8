// Kept free of zod and Node so the sandboxed preload and the renderer can import it cheaply.

/**
 * Codes the renderer may branch on. Module errors (mosaic, frames, store, model) keep their own
 * code; these are the ones the handlers add.
 */
export type ApiErrorCode =
  | 'invalid-input'
  | 'unknown-channel'
  | 'no-project'
  | 'no-frames'
  | 'no-mosaic'
  | 'no-model'
  | 'no-position'
  | 'not-found'
  | 'not-allowed'
  | 'unavailable'
  | 'internal'
  | (string & {});

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
}

/** What every transport carries back for one call; errors travel as data, never as thrown objects. */
export type ApiResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/**
 * An error whose message is written for the user (what happened, to which file, what to do) and
 * whose code the window may branch on. Every module error extends it, so the handlers pass any of
 * them through as is; anything else is unexpected.
 */
export class UserError<Code extends string = ApiErrorCode> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
    this.code = code;
  }
}

/** A user error as it crosses the process boundary. */
export class ApiError extends UserError {
  constructor(code: ApiErrorCode, message: string) {
    super(code, message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message };
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message);
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const v = value as Partial<ApiErrorBody> | null;
  return typeof v === 'object' && v !== null && typeof v.code === 'string' && typeof v.message === 'string';
}
