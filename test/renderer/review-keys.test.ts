import { describe, expect, it, vi } from 'vitest';
import type { ObjectView } from '../../src/shared/api';
import type { ObjectsModel } from '../../src/renderer/hooks/useObjects';
import type { ObjectTableModel } from '../../src/renderer/hooks/useObjectTable';
import { runKeyAction, type ReviewContext } from '../../src/renderer/hooks/useReviewKeys';
import { objectView } from './object-fixtures';

const rows = [objectView({ id: 'a' }), objectView({ id: 'b', status: 'accepted' }), objectView({ id: 'c' }), objectView({ id: 'd' })];

function context(selectedId: string | null, markedIds: string[] = []) {
  const selected = rows.find((o) => o.id === selectedId) ?? null;
  const calls: string[] = [];
  const c: ReviewContext = {
    objects: { selected, update: vi.fn(), undo: vi.fn(), redo: vi.fn() } as unknown as ObjectsModel,
    table: {
      rows,
      markedRows: rows.filter((o) => markedIds.includes(o.id)),
      mark: (id: string, how: string) => calls.push(`mark ${id} ${how}`),
      markAll: () => calls.push('mark all'),
    } as unknown as ObjectTableModel,
    open: (o: ObjectView) => calls.push(`open ${o.id}`),
    accept: (o) => calls.push(`accept ${o.id}`),
    reject: (o) => calls.push(`reject ${o.id}`),
    bulk: (s) => calls.push(`bulk ${s}`),
    frameStep: (d) => calls.push(`frame ${d}`),
    frameFirst: () => calls.push('first'),
    frameLast: () => calls.push('last'),
    toggleHeatmap: () => calls.push('heatmap'),
    toggleFit: () => calls.push('fit'),
    copyCoordinates: () => calls.push('copy'),
    cycleCoordinates: () => calls.push('cycle'),
    fitProject: () => calls.push('fit project'),
    toggleHelp: () => calls.push('help'),
    focusSearch: () => calls.push('search'),
    info: (t) => calls.push(`info ${t}`),
  };
  return { c, calls };
}

describe('what the review keys do', () => {
  it('N opens the next pending object in the table order, skipping reviewed ones', () => {
    const { c, calls } = context('a');
    runKeyAction({ kind: 'next-pending', step: 1 }, c);
    expect(calls).toEqual(['mark c only', 'open c']);
  });

  it('N says so when nothing is pending', () => {
    const { c, calls } = context(null);
    c.table.rows = [rows[1]];
    runKeyAction({ kind: 'next-pending', step: 1 }, c);
    expect(calls).toEqual(['info No pending object left in the table.']);
  });

  it('Enter and Esc judge the current object, or all marked ones when several are marked', () => {
    let t = context('a');
    runKeyAction({ kind: 'accept' }, t.c);
    expect(t.calls).toEqual(['accept a']);
    t = context('a', ['a', 'c']);
    runKeyAction({ kind: 'reject' }, t.c);
    expect(t.calls).toEqual(['bulk rejected']);
  });

  it('↓ moves to the next row, Shift+↓ extends the marks, and the ends hold', () => {
    let t = context('c');
    runKeyAction({ kind: 'object-step', delta: 1, extend: true }, t.c);
    expect(t.calls).toEqual(['mark d range', 'open d']);
    t = context('d');
    runKeyAction({ kind: 'object-step', delta: 1, extend: false }, t.c);
    expect(t.calls).toEqual(['mark d only', 'open d']);
    t = context(null);
    runKeyAction({ kind: 'object-step', delta: -1, extend: false }, t.c);
    expect(t.calls).toEqual(['mark d only', 'open d']);
  });

  it('a candidate key only chooses a candidate the object has', () => {
    const t = context('a');
    runKeyAction({ kind: 'pick-candidate', index: 0 }, t.c);
    runKeyAction({ kind: 'pick-candidate', index: 3 }, t.c);
    expect(t.c.objects.update).toHaveBeenCalledTimes(1);
    expect(t.c.objects.update).toHaveBeenCalledWith({ id: 'a', chosen: 0 });
  });
});
