import { z } from 'zod';

// What the store accepts and what it trusts when reading back: a row edited by another tool or
// damaged on disk fails here with a message instead of crashing the UI later.

const finite = z.number();
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
export const lonLatSchema = z.tuple([lon, lat]);
export const ringSchema = z.array(lonLatSchema).min(3, 'a ring needs at least 3 positions');

export const telemetrySchema = z.object({
  lat,
  lon,
  altM: finite.optional(),
  headingDeg: finite.optional(),
  pitchDeg: finite.optional(),
  rollDeg: finite.optional(),
  focal35mm: finite.optional(),
  focalMm: finite.optional(),
  sensorWidthMm: finite.optional(),
  takeoffElevationM: finite.optional(),
  altRef: z.enum(['takeoff', 'sea']).optional(),
  source: z.enum(['srt', 'exif']),
});

/** Model probability, prior density (relative to its peak) and their fused score (CONTRACTS §3b). */
export const candidateScoresSchema = z.object({ model: finite, prior: finite.optional(), fused: finite.optional() });

export const candidateSchema = z.object({
  score: finite,
  chipBox: z.tuple([finite, finite, finite, finite]),
  ring: ringSchema,
  scores: candidateScoresSchema.optional(),
});

export const telemetrySigmaSchema = z.object({
  headingDeg: finite.nonnegative(),
  pitchDeg: finite.nonnegative(),
  rollDeg: finite.nonnegative(),
  altitudeM: finite.nonnegative(),
  positionM: finite.nonnegative(),
});

export const decidedBySchema = z.enum(['geometry + model', 'model only', 'geometry only']);

/** What the click's ray said and what decided (present on objects located since the ray prior). */
export const localizationSchema = z.object({
  decidedBy: decidedBySchema,
  /** Why the ray was not used (no telemetry, pitch above the horizon, a search area the user placed). */
  fallbackReason: z.string().nullable(),
  prior: z
    .object({
      ground: z.object({ lon, lat }),
      semiMajorM: finite.nonnegative(),
      semiMinorM: finite.nonnegative(),
      azimuthDeg: finite,
      covEN: z.tuple([finite, finite, finite]),
      sigma: telemetrySigmaSchema,
      weight: finite.nonnegative(),
      clickHeightM: finite,
      hfovDeg: finite,
      intrinsics: z.string(),
      coveredSigma: finite.nonnegative(),
    })
    .nullable(),
  modelOnly: candidateSchema.nullable(),
  geometryOnly: candidateSchema.nullable(),
});

export const statusSchema = z.enum(['pending', 'accepted', 'corrected', 'rejected']);

// 'ray': the click's ray met the ground here; `localization` keeps the prior and what decided.
export const searchCentreSchema = z.object({ lon, lat, source: z.enum(['telemetry', 'user', 'ray']), localization: localizationSchema.optional() });

export const chipSchema = z.object({
  mosaicPath: z.string(),
  crs: z.string(),
  bounds: z.tuple([finite, finite, finite, finite]),
  gsdM: finite.positive(),
  size: z.number().int().positive(),
});

export const modelSchema = z.object({ id: z.string(), sha256: z.string(), provider: z.string() });

const objectFields = {
  status: statusSchema,
  frame: z.object({ index: z.number().int().nonnegative(), name: z.string() }),
  click: z.object({ x: finite, y: finite }),
  telemetry: telemetrySchema.nullable(),
  searchCentre: searchCentreSchema,
  chip: chipSchema,
  model: modelSchema,
  candidates: z.array(candidateSchema),
  // -1: no model candidate was chosen (a box drawn by the analyst).
  chosen: z.number().int().min(-1),
  ring: ringSchema,
  correctedFrom: ringSchema.nullable(),
  label: z.string(),
  note: z.string(),
};

function chosenFitsCandidates(o: { chosen: number; candidates: unknown[] }): boolean {
  return o.chosen < o.candidates.length;
}
const chosenMessage = { message: 'chosen must be -1 or the index of one of the candidates', path: ['chosen'] };

export const newObjectSchema = z.object(objectFields).refine(chosenFitsCandidates, chosenMessage);

export const storedObjectSchema = z
  .object({
    id: z.string().min(1),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    ...objectFields,
  })
  .refine(chosenFitsCandidates, chosenMessage);

export const objectPatchSchema = z
  .object({
    status: statusSchema,
    ring: ringSchema,
    chosen: objectFields.chosen,
    label: z.string(),
    note: z.string(),
    correctedFrom: ringSchema.nullable(),
  })
  .partial()
  .strict();

/**
 * Pane sizes as fractions of the window: frame and list columns (the map takes the rest) and the
 * thumbnail strip's share of the frame pane. Bounded so a stored layout can never hide a pane.
 */
export const paneLayoutSchema = z
  .object({
    frame: z.number().finite().min(0.1).max(0.8),
    list: z.number().finite().min(0.1).max(0.6),
  })
  .strict()
  .refine((l) => l.frame + l.list <= 0.9, 'the frame and list panes must leave room for the map');

export const settingsSchema = z.object({
  framesFolder: z.string().nullable(),
  mosaics: z.array(z.string()),
  modelDir: z.string().nullable(),
  provider: z.string().min(1),
  /** The window's pane sizes, as the user left them (see paneLayoutSchema). */
  layout: paneLayoutSchema.nullable(),
  /** The drone camera and its telemetry errors; null: DEFAULT_SIGMA, prior weight 1, HFOV from the telemetry. */
  camera: z
    .object({
      hfovDeg: finite.gt(0).lt(180).optional(),
      sigma: telemetrySigmaSchema,
      priorWeight: finite.min(0).max(10),
    })
    .nullable(),
});

export const settingsPatchSchema = settingsSchema.partial().strict();
