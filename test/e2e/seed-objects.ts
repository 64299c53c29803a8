// Located objects written straight into the open project, as an hour of review would leave them,
// so the stories about many objects do not wait for hundreds of model runs.
import type { Session } from '../../src/main/handlers';
import type { ObjectStatus } from '../../src/main/store';
import { clockwiseBox, sampleObject } from '../main/store/sample-object';

export interface SeedOptions {
  count: number;
  /** Status of object i; pending unless given. */
  status?(i: number): ObjectStatus;
  label?(i: number): string;
}

/** Objects spread over the open frames, each boxed near the drone of its frame; returns their ids in creation order. */
export function seedObjects(session: Session, opts: SeedOptions): string[] {
  const { store } = session.requireProject();
  const frames = session.requireFrames();
  const ids: string[] = [];
  for (let i = 0; i < opts.count; i++) {
    const entry = frames.entries[i % frames.entries.length];
    const t = frames.telemetry.get(entry.index) ?? { lon: 9.3654, lat: 50.818 };
    const lon = t.lon + ((i % 7) - 3) * 0.0002;
    const lat = t.lat + ((i % 5) - 2) * 0.0002;
    const ring = clockwiseBox(lon, lat, 0.00005);
    const o = store.insertObject(
      sampleObject({
        status: opts.status?.(i) ?? 'pending',
        frame: { index: entry.index, name: entry.name },
        // Spread over the frame so the marks of one frame's objects do not sit on each other.
        click: { x: 40 + ((i * 53) % 560), y: 40 + ((i * 31) % 400) },
        label: opts.label?.(i) ?? `object ${String(i).padStart(4, '0')}`,
        note: i % 10 === 0 ? `checked twice, batch ${i / 10}` : '',
        candidates: [
          { score: ((i * 37) % 100) / 100, chipBox: [10, 10, 40, 40], ring },
          { score: 0.05, chipBox: [50, 50, 80, 80], ring: clockwiseBox(lon + 0.0003, lat, 0.00005) },
        ],
        chosen: 0,
        ring,
      }),
    );
    ids.push(o.id);
  }
  return ids;
}
