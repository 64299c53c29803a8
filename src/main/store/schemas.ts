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

export const candidateSchema = z.object({
  score: finite,
  chipBox: z.tuple([finite, finite, finite, finite]),
  ring: ringSchema,
});

export const statusSchema = z.enum(['pending', 'accepted', 'corrected', 'rejected']);

export const searchCentreSchema = z.object({ lon, lat, source: z.enum(['telemetry', 'user']) });

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
});

export const settingsPatchSchema = settingsSchema.partial().strict();
