import type { Input, Output } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { ObjectPatch } from '../store';
import type { Session } from '../app/session';

export async function listObjects(session: Session): Promise<Output<'objects.list'>> {
  return session.requireProject().store.listObjects();
}

export async function objectHistory(session: Session, input: Input<'objects.history'>): Promise<Output<'objects.history'>> {
  const { store } = session.requireProject();
  store.getObject(input.id); // a clear 'not-found' rather than an empty history for a wrong id
  return store.history(input.id);
}

/**
 * The analyst's verdict on one object:
 * - `chosen` switches to another of the model's candidates; it discards a manual correction, so
 *   sending the current `chosen` again is how a correction is undone.
 * - `ring` is a manual correction: the previous ring is kept in `correctedFrom`, status 'corrected'.
 * - `status` alone accepts, rejects or (undo) returns the object to 'pending'.
 */
export async function updateObject(session: Session, input: Input<'objects.update'>): Promise<Output<'objects.update'>> {
  const { store } = session.requireProject();
  const current = store.getObject(input.id);
  const patch: ObjectPatch = {};

  if (input.chosen !== undefined && input.ring !== undefined) {
    throw new ApiError('invalid-input', 'Choose another candidate or draw a corrected box, not both in one change.');
  }
  if (input.chosen !== undefined) {
    const candidate = current.candidates[input.chosen];
    if (!candidate) {
      throw new ApiError('invalid-input', `Object ${input.id} has ${current.candidates.length} candidates; there is no candidate ${input.chosen + 1}.`);
    }
    patch.chosen = input.chosen;
    patch.ring = candidate.ring;
    patch.correctedFrom = null;
    patch.status = input.status ?? (current.status === 'corrected' ? 'pending' : current.status);
    if (patch.status === 'corrected') throw new ApiError('invalid-input', 'A candidate box is the model\'s, not a correction: use accepted, rejected or pending.');
  } else if (input.ring !== undefined) {
    if (input.status !== undefined && input.status !== 'corrected') {
      throw new ApiError('invalid-input', `A new box makes the object 'corrected'; it cannot also be '${input.status}'.`);
    }
    patch.ring = input.ring;
    patch.correctedFrom = current.ring;
    patch.status = 'corrected';
  } else if (input.status !== undefined) {
    if (input.status === 'corrected' && !current.correctedFrom) {
      throw new ApiError('invalid-input', 'To mark an object corrected, send the corrected box (ring) with it.');
    }
    patch.status = input.status;
  }
  if (input.label !== undefined) patch.label = input.label;
  if (input.note !== undefined) patch.note = input.note;

  if (Object.keys(patch).length === 0) return current;
  return store.updateObject(input.id, patch);
}
