export type FramesErrorCode = 'not-found' | 'no-images' | 'corrupt' | 'unsupported' | 'too-large';

/** A frame folder or frame the app cannot use; the message names the path and what to do. */
export class FramesError extends Error {
  readonly code: FramesErrorCode;

  constructor(code: FramesErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FramesError';
    this.code = code;
  }
}
