import { basename } from 'node:path';
import type { Input, Output } from '../../shared/api';
import { daysApart, seasonWarning } from '../../shared/date-gap';
import { frameTakenAt } from '../frames/frame-date';
import { readAcquisitionDate } from '../mosaic/acquisition-date';
import type { Session } from '../app/session';

/** The frame's date beside each open mosaic's acquisition date, with a warning when they are a season apart. */
export async function compareDates(session: Session, input: Input<'dates.compare'>): Promise<Output<'dates.compare'>> {
  const entry = session.frameByIndex(input.frameIndex);
  const frame = await frameTakenAt(entry, session.frames ?? undefined);
  const mosaics = await Promise.all(
    [...session.mosaics.values()].map(async (m) => {
      const date = await readAcquisitionDate(m.info.path).catch(() => null);
      const name = basename(m.info.path);
      return {
        id: m.info.id,
        name,
        date,
        daysApart: frame && date ? daysApart(frame.date, date.date) : null,
        warning: frame && date ? seasonWarning(frame.date, date.date, name) : null,
      };
    }),
  );
  return { frame, mosaics };
}
