import { UserError } from '../../shared/errors';

export type TrainingPairsErrorCode = 'invalid-input' | 'cancelled';

/** A training-pair export the app cannot do as asked; the message says why and what to do. */
export class TrainingPairsError extends UserError<TrainingPairsErrorCode> {
  constructor(message: string, code: TrainingPairsErrorCode = 'invalid-input') {
    super(code, message);
    this.name = 'TrainingPairsError';
  }
}
