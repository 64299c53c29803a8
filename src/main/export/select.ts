import type { LocatedObject } from '../store/types';

export interface ExportOptions {
  includeRejected?: boolean;
  includePending?: boolean;
}

/** By default only what the analyst confirmed (accepted or corrected) leaves the project. */
export function selectForExport(objs: readonly LocatedObject[], opts: ExportOptions = {}): LocatedObject[] {
  return objs.filter(
    (o) =>
      o.status === 'accepted' ||
      o.status === 'corrected' ||
      (o.status === 'rejected' && opts.includeRejected === true) ||
      (o.status === 'pending' && opts.includePending === true),
  );
}

export interface ExportResult {
  count: number;
  path: string;
}
