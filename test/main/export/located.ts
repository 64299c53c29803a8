import { randomUUID } from 'node:crypto';
import type { LocatedObject } from '../../../src/main/store';
import { sampleObject } from '../store/sample-object';

/** A stored object without a database: the exports take plain objects. */
export function located(overrides: Partial<LocatedObject> = {}): LocatedObject {
  const now = '2026-03-14T09:26:53.589Z';
  return { ...sampleObject({ status: 'accepted' }), id: randomUUID(), createdAt: now, updatedAt: now, ...overrides };
}
