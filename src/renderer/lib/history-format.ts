// How one audit event of a located object (`objects.history`) reads in the object list.
import type { Output } from '../../shared/api';

export type HistoryEntry = Output<'objects.history'>[number];

export interface HistoryLine {
  time: string;
  kind: string;
  summary: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short, single-line rendering of a value as stored in an event. */
function shortValue(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'string') {
    const text = v.length > 40 ? `${v.slice(0, 39)}…` : v;
    return text === '' ? '(empty)' : `"${text}"`;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `${v.length} points`;
  return 'changed';
}

/** "YYYY-MM-DD HH:MM:SS" of an ISO time, in local time; the raw text when it is not a date. */
export function formatHistoryTime(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** Time, kind and a short summary of one event: what the object was created as, or what changed. */
export function formatHistoryEntry(entry: HistoryEntry): HistoryLine {
  const data = entry.data;
  let summary = '';
  if (entry.kind === 'created' && isRecord(data)) {
    const parts = [`status ${shortValue(data.status)}`];
    if (typeof data.chosen === 'number') parts.push(`candidate ${data.chosen + 1}`);
    summary = parts.join(', ');
  } else if (entry.kind === 'corrected') {
    summary = 'box moved or resized';
  } else if (entry.kind === 'corrected-from') {
    summary = isRecord(data) && data.to === null ? 'correction cleared' : 'model box kept for reference';
  } else if (entry.kind === 'chosen' && isRecord(data) && typeof data.from === 'number' && typeof data.to === 'number') {
    summary = `candidate ${data.from + 1} → ${data.to + 1}`;
  } else if (isRecord(data) && 'from' in data && 'to' in data) {
    summary = `${shortValue(data.from)} → ${shortValue(data.to)}`;
  }
  return { time: formatHistoryTime(entry.at), kind: entry.kind, summary };
}
