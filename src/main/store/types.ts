// The shapes a project stores, inferred from the schemas that validate them (src/shared/api.ts and
// ./schemas), so a type and its check cannot drift apart.
import type { z } from 'zod';
import type {
  Candidate as CandidateSchema,
  DecidedBy as DecidedBySchema,
  HistoryEntry,
  LonLatPair,
  Localization as LocalizationSchema,
  ObjectStatus as ObjectStatusSchema,
  ObjectView,
  PaneLayout as PaneLayoutSchema,
  Telemetry as TelemetrySchema,
  TelemetrySigma as TelemetrySigmaSchema,
} from '../../shared/api';
import type { cameraSettingsSchema, objectPatchSchema, settingsSchema } from './schemas';

export type Telemetry = z.infer<typeof TelemetrySchema>;
export type ObjectStatus = z.infer<typeof ObjectStatusSchema>;
/** A lon/lat position (WGS84 degrees). */
export type LonLat = z.infer<typeof LonLatPair>;
export type Candidate = z.infer<typeof CandidateSchema>;
export type DecidedBy = z.infer<typeof DecidedBySchema>;
export type TelemetrySigma = z.infer<typeof TelemetrySigmaSchema>;
export type Localization = z.infer<typeof LocalizationSchema>;
export type CameraSettings = z.infer<typeof cameraSettingsSchema>;
export type LocatedObject = z.infer<typeof ObjectView>;
export type NewLocatedObject = Omit<LocatedObject, 'id' | 'createdAt' | 'updatedAt'>;
export type ObjectPatch = z.infer<typeof objectPatchSchema>;
export type ProjectSettings = z.infer<typeof settingsSchema>;
export type PaneLayout = z.infer<typeof PaneLayoutSchema>;
export type HistoryEvent = HistoryEntry;
