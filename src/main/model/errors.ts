import { UserError } from '../../shared/errors';

export type ModelErrorCode = 'missing' | 'bad-card' | 'checksum' | 'io-mismatch' | 'load-failed';

/** A model directory that cannot be used; the message names the file and says what to do. */
export class ModelError extends UserError<ModelErrorCode> {
  readonly file: string;

  constructor(code: ModelErrorCode, file: string, message: string) {
    super(code, message);
    this.name = 'ModelError';
    this.file = file;
  }
}
