import { describe, expect, it } from 'vitest';
import { emptyUndoState, recordAction, takeRedo, takeUndo, type UndoEntry } from '../../src/renderer/lib/undo-stack';

type Call = { id: string; n: number };
const entry = (n: number): UndoEntry<Call> => ({ undo: [{ id: 'a', n: -n }], redo: [{ id: 'a', n }] });

describe('undo/redo stack', () => {
  it('undoes the latest action first, then redoes in the original order', () => {
    let s = recordAction(recordAction(emptyUndoState<Call>(), entry(1)), entry(2));
    const u1 = takeUndo(s)!;
    expect(u1.calls).toEqual([{ id: 'a', n: -2 }]);
    const u2 = takeUndo(u1.state)!;
    expect(u2.calls).toEqual([{ id: 'a', n: -1 }]);
    s = u2.state;
    expect(takeUndo(s)).toBeNull();
    const r1 = takeRedo(s)!;
    expect(r1.calls).toEqual([{ id: 'a', n: 1 }]);
    expect(takeRedo(r1.state)!.calls).toEqual([{ id: 'a', n: 2 }]);
    expect(takeRedo(takeRedo(r1.state)!.state)).toBeNull();
  });

  it('drops the redo branch when a new action is recorded after an undo', () => {
    const s = takeUndo(recordAction(emptyUndoState<Call>(), entry(1)))!.state;
    expect(s.future).toHaveLength(1);
    const after = recordAction(s, entry(2));
    expect(after.future).toHaveLength(0);
    expect(takeRedo(after)).toBeNull();
  });

  it('forgets the oldest actions beyond the limit', () => {
    let s = emptyUndoState<Call>();
    for (let i = 1; i <= 5; i++) s = recordAction(s, entry(i), 3);
    expect(s.past.map((e) => e.redo[0].n)).toEqual([3, 4, 5]);
  });
});
