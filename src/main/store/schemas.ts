import { z } from 'zod';
import { ObjectView, PaneLayout, TelemetrySigma } from '../../shared/api';

// What the store accepts and what it trusts when reading back: a row edited by another tool or
// damaged on disk fails here with a message instead of crashing the UI later. The object shapes
// are the API's (src/shared/api.ts), so what the store keeps is what the window is promised.

function chosenFitsCandidates(o: { chosen: number; candidates: unknown[] }): boolean {
  return o.chosen < o.candidates.length;
}
const chosenMessage = { message: 'chosen must be -1 or the index of one of the candidates', path: ['chosen'] };

export const newObjectSchema = ObjectView.omit({ id: true, createdAt: true, updatedAt: true }).refine(chosenFitsCandidates, chosenMessage);

export const storedObjectSchema = ObjectView.refine(chosenFitsCandidates, chosenMessage);

export const objectPatchSchema = ObjectView.pick({ status: true, ring: true, chosen: true, label: true, note: true, correctedFrom: true })
  .partial()
  .strict();

export const cameraSettingsSchema = z.object({
  hfovDeg: z.number().gt(0).lt(180).optional(),
  sigma: TelemetrySigma,
  /** w in fused = model × prior^w; 0 = model only. */
  priorWeight: z.number().min(0).max(10),
});

export const settingsSchema = z.object({
  framesFolder: z.string().nullable(),
  mosaics: z.array(z.string()),
  modelDir: z.string().nullable(),
  /** Execution provider preference; 'auto' lets the model module choose. */
  provider: z.string().min(1),
  /** The window's pane sizes, as the user left them; null until the user resizes a pane. */
  layout: PaneLayout.nullable(),
  /** The drone camera and its telemetry errors; null: DEFAULT_SIGMA, prior weight 1, HFOV from the telemetry. */
  camera: cameraSettingsSchema.nullable(),
});

export const settingsPatchSchema = settingsSchema.partial().strict();
