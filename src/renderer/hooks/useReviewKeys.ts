import type { ObjectView } from '../../shared/api';
import type { KeyAction } from '../lib/keyboard-map';
import { nextPending } from '../lib/object-table';
import type { ObjectsModel } from './useObjects';
import type { ObjectTableModel } from './useObjectTable';

/** What the keys act on; App owns these, this module only decides what each key does with them. */
export interface ReviewContext {
  objects: ObjectsModel;
  table: ObjectTableModel;
  /** Shows an object: selects it, steps the frame to it, frames its box on the map. */
  open(o: ObjectView): void;
  accept(o: ObjectView): void;
  reject(o: ObjectView): void;
  bulk(status: 'accepted' | 'rejected'): void;
  frameStep(delta: number): void;
  frameFirst(): void;
  frameLast(): void;
  toggleHeatmap(): void;
  toggleFit(): void;
  copyCoordinates(): void;
  cycleCoordinates(): void;
  fitProject(): void;
  toggleHelp(): void;
  focusSearch(): void;
  info(text: string): void;
}

/** Runs a key map action (see lib/keyboard-map.ts) against the workstation's state. */
export function runKeyAction(action: KeyAction, c: ReviewContext): void {
  const selected = c.objects.selected;
  const { rows, markedRows } = c.table;
  switch (action.kind) {
    case 'accept':
      if (markedRows.length > 1) c.bulk('accepted');
      else if (selected) c.accept(selected);
      return;
    case 'reject':
      if (markedRows.length > 1) c.bulk('rejected');
      else if (selected) c.reject(selected);
      return;
    case 'pick-candidate':
      if (selected?.candidates[action.index]) void c.objects.update({ id: selected.id, chosen: action.index });
      return;
    case 'undo':
      void c.objects.undo();
      return;
    case 'redo':
      void c.objects.redo();
      return;
    case 'next-pending': {
      const next = nextPending(rows, selected?.id ?? null, action.step);
      if (next) {
        c.table.mark(next.id, 'only');
        c.open(next);
      } else c.info(rows.length ? 'No pending object left in the table.' : 'No objects in the table.');
      return;
    }
    case 'object-step': {
      if (!rows.length) return;
      const at = rows.findIndex((o) => o.id === selected?.id);
      const to = at < 0 ? (action.delta > 0 ? 0 : rows.length - 1) : Math.max(0, Math.min(rows.length - 1, at + action.delta));
      const target = rows[to];
      c.table.mark(target.id, action.extend ? 'range' : 'only');
      c.open(target);
      return;
    }
    case 'toggle-mark':
      if (selected) c.table.mark(selected.id, 'toggle');
      return;
    case 'mark-all':
      c.table.markAll();
      return;
    case 'frame-step':
      c.frameStep(action.delta);
      return;
    case 'frame-first':
      c.frameFirst();
      return;
    case 'frame-last':
      c.frameLast();
      return;
    case 'toggle-heatmap':
      c.toggleHeatmap();
      return;
    case 'toggle-fit':
      c.toggleFit();
      return;
    case 'focus-search':
      c.focusSearch();
      return;
    case 'copy-coordinates':
      c.copyCoordinates();
      return;
    case 'cycle-coordinates':
      c.cycleCoordinates();
      return;
    case 'fit-project':
      c.fitProject();
      return;
    case 'help':
      c.toggleHelp();
      return;
  }
}
