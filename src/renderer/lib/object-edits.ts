import type { UndoEntry } from './undo-stack';

type Ring = [number, number][];
type Status = 'pending' | 'accepted' | 'corrected' | 'rejected';

/** The fields of a located object an edit can change. */
export interface EditableObject {
  id: string;
  status: Status;
  ring: Ring;
  chosen: number;
  correctedFrom: Ring | null;
  label: string;
  note: string;
}

export interface UpdateCall {
  id: string;
  status?: Status;
  ring?: Ring;
  chosen?: number;
  label?: string;
  note?: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The undo entry for sending `call` to `objects.update` for object `o`, or null when the call
 * would change nothing. The inverse follows main's rules for objects.update:
 * a `ring` makes the object 'corrected' (the old ring kept in correctedFrom); `chosen` switches to
 * a model candidate and discards a correction; `status` alone sets the review status; the two box
 * changes cannot travel in one call.
 */
export function undoEntryForEdit(o: EditableObject, call: UpdateCall): UndoEntry<UpdateCall> | null {
  const changesBox =
    (call.ring !== undefined && !same(call.ring, o.ring)) ||
    (call.chosen !== undefined && (call.chosen !== o.chosen || o.correctedFrom !== null));
  const changesStatus = call.status !== undefined && call.status !== o.status;
  const changesText = (call.label !== undefined && call.label !== o.label) || (call.note !== undefined && call.note !== o.note);
  if (!changesBox && !changesStatus && !changesText) return null;

  const undo: UpdateCall[] = [];
  if (changesBox) {
    if (o.correctedFrom === null && o.chosen >= 0) {
      // The box was the model's: choosing that candidate again restores ring, and status with it.
      undo.push({ id: o.id, chosen: o.chosen, status: o.status });
    } else {
      // The box was the analyst's: put the candidate back first, then redraw the correction.
      if (call.chosen !== undefined && o.chosen >= 0) undo.push({ id: o.id, chosen: o.chosen });
      undo.push({ id: o.id, ring: o.ring });
      if (o.status !== 'corrected') undo.push({ id: o.id, status: o.status });
    }
  } else if (changesStatus) {
    undo.push({ id: o.id, status: o.status });
  }
  if (changesText) {
    const text: UpdateCall = { id: o.id };
    if (call.label !== undefined) text.label = o.label;
    if (call.note !== undefined) text.note = o.note;
    undo.push(text);
  }
  return { undo, redo: [call] };
}
