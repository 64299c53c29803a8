import { describe, expect, it } from 'vitest';
import { undoEntryForEdit, type EditableObject } from '../../src/renderer/lib/object-edits';

const modelRing: [number, number][] = [[8, 47.001], [8.002, 47.001], [8.002, 47], [8, 47], [8, 47.001]];
const movedRing = modelRing.map(([x, y]) => [x + 0.001, y] as [number, number]);

const fresh: EditableObject = { id: 'o1', status: 'pending', ring: modelRing, chosen: 0, correctedFrom: null, label: '', note: '' };
const corrected: EditableObject = { ...fresh, status: 'corrected', ring: movedRing, correctedFrom: modelRing };

describe('undoing object edits', () => {
  it('accepting is undone by returning to the previous status', () => {
    expect(undoEntryForEdit(fresh, { id: 'o1', status: 'accepted' })).toEqual({
      undo: [{ id: 'o1', status: 'pending' }],
      redo: [{ id: 'o1', status: 'accepted' }],
    });
  });

  it('moving the model box is undone by choosing the model candidate again, with the old status', () => {
    const accepted = { ...fresh, status: 'accepted' as const };
    expect(undoEntryForEdit(accepted, { id: 'o1', ring: movedRing })?.undo).toEqual([{ id: 'o1', chosen: 0, status: 'accepted' }]);
  });

  it('moving an already corrected box is undone by redrawing the earlier correction', () => {
    const again = movedRing.map(([x, y]) => [x, y + 0.001] as [number, number]);
    expect(undoEntryForEdit(corrected, { id: 'o1', ring: again })?.undo).toEqual([{ id: 'o1', ring: movedRing }]);
  });

  it('switching candidate after a correction restores candidate, correction and status in order', () => {
    const acceptedCorrection = { ...corrected, status: 'accepted' as const };
    expect(undoEntryForEdit(acceptedCorrection, { id: 'o1', chosen: 2 })?.undo).toEqual([
      { id: 'o1', chosen: 0 },
      { id: 'o1', ring: movedRing },
      { id: 'o1', status: 'accepted' },
    ]);
  });

  it('switching candidate on a model box is undone by switching back', () => {
    expect(undoEntryForEdit(fresh, { id: 'o1', chosen: 3 })?.undo).toEqual([{ id: 'o1', chosen: 0, status: 'pending' }]);
  });

  it('label and note edits restore only the fields they touched', () => {
    const labelled = { ...fresh, label: 'car', note: 'red' };
    expect(undoEntryForEdit(labelled, { id: 'o1', note: 'blue' })?.undo).toEqual([{ id: 'o1', note: 'red' }]);
  });

  it('edits that change nothing are not recorded', () => {
    expect(undoEntryForEdit(fresh, { id: 'o1', status: 'pending' })).toBeNull();
    expect(undoEntryForEdit(fresh, { id: 'o1', chosen: 0 })).toBeNull();
    expect(undoEntryForEdit(fresh, { id: 'o1', ring: modelRing })).toBeNull();
    // Choosing the current candidate again on a corrected box does change it: it drops the correction.
    expect(undoEntryForEdit(corrected, { id: 'o1', chosen: 0 })).not.toBeNull();
  });
});
