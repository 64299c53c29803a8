export type {
  Candidate,
  HistoryEvent,
  LocatedObject,
  LonLat,
  NewLocatedObject,
  ObjectPatch,
  ObjectStatus,
  ProjectSettings,
  Telemetry,
} from './types';
export { StoreError, type StoreErrorCode } from './errors';
export { APPLICATION_ID, LATEST_SCHEMA_VERSION, MIGRATIONS, migrate, schemaVersion, type Migration } from './migrations';
export { createProjectDatabase, openProjectDatabase, type OpenOptions } from './db';
export { ObjectRepository } from './objects';
export { SettingsRepository } from './settings';
export { ProjectStore } from './project-store';
export { MAX_RECENT, addRecentProject, readRecentProjects, removeRecentProject } from './recent';
export { nodeAtomicFs, writeFileAtomic, type AtomicData, type AtomicFs, type AtomicHandle } from './atomic-file';
