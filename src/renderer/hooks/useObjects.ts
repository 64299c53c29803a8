import { useCallback, useRef, useState } from 'react';
import type { ObjectView } from '../../shared/api';
import { invoke } from '../api-client';
import { undoEntryForEdit, type UpdateCall } from '../lib/object-edits';
import { emptyUndoState, recordAction, takeRedo, takeUndo, type UndoEntry, type UndoState } from '../lib/undo-stack';

/**
 * The located objects, the selection, and every edit as an undoable `objects.update` call. The
 * server's answer replaces the local copy, so what the list shows is what the project stored.
 *
 * Edits, undo and redo run one after another in the order they were asked for: a reviewer
 * pressing N, Enter, N, Enter faster than the server answers loses no verdict, and Ctrl+Z right
 * after a bulk accept undoes that accept, not the step before it.
 */
export function useObjects(onError: (error: unknown) => void) {
  const [objects, setObjects] = useState<ObjectView[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [undoState, setUndoState] = useState<UndoState<UpdateCall>>(emptyUndoState);
  // The queued operations read these, not the render's copies, which lag behind the server's answers.
  const current = useRef(new Map<string, ObjectView>());
  const undo = useRef<UndoState<UpdateCall>>(emptyUndoState());
  const queue = useRef<Promise<void>>(Promise.resolve());

  const setUndo = useCallback((s: UndoState<UpdateCall>) => {
    undo.current = s;
    setUndoState(s);
  }, []);

  const replace = useCallback((updated: ObjectView) => {
    current.current.set(updated.id, updated);
    setObjects((all) => all.map((o) => (o.id === updated.id ? updated : o)));
  }, []);

  const reset = useCallback(
    (list: ObjectView[]) => {
      current.current = new Map(list.map((o) => [o.id, o]));
      setObjects(list);
      setSelectedId(null);
      setUndo(emptyUndoState());
    },
    [setUndo],
  );

  const add = useCallback((object: ObjectView) => {
    current.current.set(object.id, object);
    setObjects((all) => [...all.filter((o) => o.id !== object.id), object]);
    setSelectedId(object.id);
  }, []);

  const enqueue = useCallback(
    (op: () => Promise<void>) => {
      const run = queue.current.then(op).catch(onError);
      queue.current = run;
      return run;
    },
    [onError],
  );

  /** Several edits (a bulk accept) as one undo step; edits that would change nothing are left out. */
  const updateMany = useCallback(
    (calls: UpdateCall[]) =>
      enqueue(async () => {
        const done: { call: UpdateCall; entry: UndoEntry<UpdateCall> }[] = [];
        try {
          for (const call of calls) {
            const o = current.current.get(call.id);
            const entry = o && undoEntryForEdit(o, call);
            if (!entry) continue;
            replace(await invoke('objects.update', call));
            done.push({ call, entry });
          }
        } finally {
          // What was applied before a failure is still one step, so Ctrl+Z takes all of it back.
          if (done.length) setUndo(recordAction(undo.current, { undo: done.flatMap((d) => d.entry.undo), redo: done.map((d) => d.call) }));
        }
      }),
    [enqueue, replace, setUndo],
  );

  const update = useCallback((call: UpdateCall) => updateMany([call]), [updateMany]);

  const step = useCallback(
    (direction: 'undo' | 'redo') =>
      enqueue(async () => {
        const taken = direction === 'undo' ? takeUndo(undo.current) : takeRedo(undo.current);
        if (!taken) return;
        for (const call of taken.calls) replace(await invoke('objects.update', call));
        setUndo(taken.state);
        setSelectedId(taken.calls[0].id);
      }),
    [enqueue, replace, setUndo],
  );

  const selected = objects.find((o) => o.id === selectedId) ?? null;

  return {
    objects,
    selected,
    selectedId,
    select: setSelectedId,
    reset,
    add,
    update,
    updateMany,
    undo: useCallback(() => step('undo'), [step]),
    redo: useCallback(() => step('redo'), [step]),
    canUndo: undoState.past.length > 0,
    canRedo: undoState.future.length > 0,
  };
}

export type ObjectsModel = ReturnType<typeof useObjects>;
