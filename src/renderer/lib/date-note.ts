import type { Output } from '../../shared/api';

/** "Frame taken 2024-06-01 (DJI_0042.SRT …); mosaic.tif acquired 2023-01-14 (…)": both dates in one line. */
export function dateNote(r: Output<'dates.compare'>): string | null {
  if (!r.frame && r.mosaics.every((m) => !m.date)) return null;
  const frame = r.frame ? `Frame taken ${r.frame.date.slice(0, 10)} (${r.frame.source})` : 'Frame date unknown';
  const maps = r.mosaics.map((m) => (m.date ? `${m.name} acquired ${m.date.date.slice(0, 10)} (${m.date.source})` : `${m.name}: acquisition date unknown`));
  return [frame, ...maps].join('; ');
}
