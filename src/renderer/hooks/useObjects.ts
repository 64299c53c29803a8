import { useCallback, useRef, useState } from 'react';
import type { ObjectView } from '../../shared/api';
import { invoke } from '../api-client';
import { undoEntryForEdit, type UpdateCall } from '../lib/object-edits';
import { emptyUndoState, recordAction, takeRedo, takeUndo, type UndoState } from '../lib/undo-stack';

/**
 * The located objects, the selection, and every edit as an undoable `objects.update` call. The
 * server's answer replaces the local copy, so what the list shows is what the project stored.
 */
export function useObjects(onError: (error: unknown) => void) {
  const [objects, setObjects] = useState<ObjectView[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [undoState, setUndoState] = useState<UndoState<UpdateCall>>(emptyUndoState);
  // Handlers read the latest values without being re-created on every edit.
  const latest = useRef({ objects, undoState });
  latest.current = { objects, undoState };
  // Undo steps are several calls; a second Ctrl+Z must wait for the first to finish.
  const busy = useRef(false);

  const replace = useCallback((updated: ObjectView) => {
    setObjects((all) => all.map((o) => (o.id === updated.id ? updated : o)));
  }, []);

  const reset = useCallback((list: ObjectView[]) => {
    setObjects(list);
    setSelectedId(null);
    setUndoState(emptyUndoState());
  }, []);

  const add = useCallback((object: ObjectView) => {
    setObjects((all) => [...all.filter((o) => o.id !== object.id), object]);
    setSelectedId(object.id);
  }, []);

  const runCalls = useCallback(
    async (calls: UpdateCall[]) => {
      for (const call of calls) replace(await invoke('objects.update', call));
    },
    [replace],
  );

  const update = useCallback(
    async (call: UpdateCall) => {
      const current = latest.current.objects.find((o) => o.id === call.id);
      const entry = current && undoEntryForEdit(current, call);
      if (!entry || busy.current) return;
      busy.current = true;
      try {
        await runCalls([call]);
        setUndoState((s) => recordAction(s, entry));
      } catch (error) {
        onError(error);
      } finally {
        busy.current = false;
      }
    },
    [onError, runCalls],
  );

  /** Several edits (a bulk accept) as one undo step; objects an edit would not change are left out. */
  const updateMany = useCallback(
    async (calls: UpdateCall[]) => {
      if (busy.current) return;
      const byId = new Map(latest.current.objects.map((o) => [o.id, o]));
      const entries = calls.flatMap((call) => {
        const current = byId.get(call.id);
        const entry = current && undoEntryForEdit(current, call);
        return entry ? [{ call, entry }] : [];
      });
      if (!entries.length) return;
      busy.current = true;
      const done: typeof entries = [];
      try {
        for (const e of entries) {
          replace(await invoke('objects.update', e.call));
          done.push(e);
        }
      } catch (error) {
        onError(error);
      } finally {
        // What was applied before a failure is still one step, so Ctrl+Z takes all of it back.
        if (done.length) {
          setUndoState((s) => recordAction(s, { undo: done.flatMap((e) => e.entry.undo), redo: done.map((e) => e.call) }));
        }
        busy.current = false;
      }
    },
    [onError, replace],
  );

  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      const taken = direction === 'undo' ? takeUndo(latest.current.undoState) : takeRedo(latest.current.undoState);
      if (!taken || busy.current) return;
      busy.current = true;
      try {
        await runCalls(taken.calls);
        setUndoState(taken.state);
        setSelectedId(taken.calls[0].id);
      } catch (error) {
        onError(error);
      } finally {
        busy.current = false;
      }
    },
    [onError, runCalls],
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
