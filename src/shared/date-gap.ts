// Imagery from another season than the drone's flight (leaves, snow, crops, new buildings) makes
// the map look different from the frame: say so next to both dates.

export const SEASON_DAYS = 90;

export interface DatedSource {
  /** ISO 8601 date or date-time, as precise as the file gives it. */
  date: string;
  /** Where the date came from, in words for the user. */
  source: string;
}

const DAY_MS = 86_400_000;

/** Days between two ISO dates (date part only: clocks and time zones of drones are unreliable). */
export function daysApart(a: string, b: string): number | null {
  const ta = Date.parse(a.slice(0, 10));
  const tb = Date.parse(b.slice(0, 10));
  if (!Number.isFinite(ta) || !Number.isFinite(tb)) return null;
  return Math.round(Math.abs(ta - tb) / DAY_MS);
}

/** The warning to show with the two dates, or null when they are within a season of each other. */
export function seasonWarning(frameDate: string, mosaicDate: string, mosaicName: string): string | null {
  const days = daysApart(frameDate, mosaicDate);
  if (days === null || days <= SEASON_DAYS) return null;
  const span = days >= 730 ? `${Math.round(days / 365)} years` : days >= 365 ? 'over a year' : `${Math.round(days / 30)} months`;
  return `The frame was taken ${frameDate.slice(0, 10)} but ${mosaicName} was acquired ${mosaicDate.slice(0, 10)}, ${span} apart: vegetation, snow, crops and buildings may differ, so check the boxes the model proposes.`;
}
