import { UserError } from '../../shared/errors';

export type MosaicErrorCode = 'not-found' | 'not-tiff' | 'corrupt' | 'not-georeferenced' | 'unknown-crs' | 'unsupported';

/** A mosaic the app cannot use; the message names the file and says what the user can do about it. */
export class MosaicError extends UserError<MosaicErrorCode> {
  constructor(code: MosaicErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'MosaicError';
  }
}
