import type { LocatedObject, ObjectStatus } from '../store/types';

export interface ExportOptions {
  includeRejected?: boolean;
  includePending?: boolean;
}

/** By default only what the analyst confirmed (accepted or corrected) leaves the project. */
export function exportedStatuses(opts: ExportOptions = {}): ObjectStatus[] {
  const statuses: ObjectStatus[] = ['accepted', 'corrected'];
  if (opts.includeRejected === true) statuses.push('rejected');
  if (opts.includePending === true) statuses.push('pending');
  return statuses;
}

export function selectForExport(objs: readonly LocatedObject[], opts: ExportOptions = {}): LocatedObject[] {
  const statuses = new Set(exportedStatuses(opts));
  return objs.filter((o) => statuses.has(o.status));
}

export interface ExportResult {
  count: number;
  path: string;
}
