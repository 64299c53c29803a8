import { UserError } from '../../shared/errors';

export type FramesErrorCode = 'not-found' | 'no-images' | 'corrupt' | 'unsupported' | 'too-large';

/** A frame folder or frame the app cannot use; the message names the path and what to do. */
export class FramesError extends UserError<FramesErrorCode> {
  constructor(code: FramesErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'FramesError';
  }
}
