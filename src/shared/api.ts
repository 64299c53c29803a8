// The contract between renderer and main (docs/CONTRACTS.md §4): one zod schema per channel input
// and output. Main validates every input against these; the renderer gets the types.
import { z } from 'zod';

export { ApiError, isApiErrorBody } from './errors';
export type { ApiErrorBody, ApiErrorCode, ApiResult } from './errors';

// Paths arrive from dialogs or, in browser mode, typed by the user: insist on absolute ones so a
// relative path never resolves against whatever the server's working directory happens to be.
const absolutePath = z
  .string()
  .min(1, 'a path is required')
  .max(4096, 'the path is too long')
  .refine((p) => !p.includes('\0'), 'the path contains a NUL character')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), {
    message: 'give the full path (starting with / or a drive letter), not a relative one',
  });

const finite = z.number().finite();
const lon = finite.min(-180).max(180);
const lat = finite.min(-90).max(90);

export const LonLatObject = z.object({ lon, lat });
/** [lon, lat], GeoJSON order. */
export const LonLatPair = z.tuple([lon, lat]);
/** A closed lon/lat ring (first point repeated last). */
export const Ring = z
  .array(LonLatPair)
  .min(4, 'a ring needs at least 4 points (3 corners and the closing point)')
  .max(1000)
  // zod runs this even when .min failed: an empty ring must not throw here.
  .refine((r) => r.length === 0 || (r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1]), 'the ring must be closed (last point = first point)');
/** west, south, east, north in degrees. */
export const BoundsLonLat = z.tuple([lon, lat, lon, lat]);

/** Where the drone was and how its camera pointed (docs/CONTRACTS.md §3, §3a for the camera convention). */
export const Telemetry = z.object({
  lat,
  lon,
  altM: finite.optional(), // height above take-off (rel_alt) where known, else GPS altitude
  altRef: z.enum(['takeoff', 'sea']).optional(), // what altM is measured from (absent: take-off)
  headingDeg: finite.optional(), // gimbal yaw, clockwise from true north
  pitchDeg: finite.optional(), // gimbal pitch, −90 = nadir, 0 = horizon
  rollDeg: finite.optional(), // gimbal roll, positive = right side down
  focal35mm: finite.optional(), // 35 mm-equivalent focal length (mm, diagonal convention)
  focalMm: finite.optional(), // physical focal length (mm), used with sensorWidthMm
  sensorWidthMm: finite.optional(),
  takeoffElevationM: finite.optional(), // abs_alt − rel_alt: the ground height the ray meets
  source: z.enum(['srt', 'exif']),
});

export const ObjectStatus = z.enum(['pending', 'accepted', 'corrected', 'rejected']);

export const Candidate = z.object({
  score: finite,
  /** Box in reference-chip pixels: x1, y1, x2, y2. */
  chipBox: z.tuple([finite, finite, finite, finite]),
  ring: Ring,
  /** Model probability, prior density (1 at the ray's ground point) and fused score (CONTRACTS §3b). */
  scores: z.object({ model: finite, prior: finite.optional(), fused: finite.optional() }).optional(),
});

export const DecidedBy = z.enum(['geometry + model', 'model only', 'geometry only']);

const sigma = finite.nonnegative();
export const TelemetrySigma = z.object({ headingDeg: sigma, pitchDeg: sigma, rollDeg: sigma, altitudeM: sigma, positionM: sigma });

/** What the click's ray said and what decided the answer (stored with the object). */
export const Localization = z.object({
  decidedBy: DecidedBy,
  /** Why the ray was not used, in words for the user; null when it was. */
  fallbackReason: z.string().nullable(),
  prior: z
    .object({
      ground: LonLatObject,
      /** 1σ ellipse of the ground point: semi-axes (m), major-axis azimuth (° from north), ENU covariance (m²). */
      semiMajorM: finite.nonnegative(),
      semiMinorM: finite.nonnegative(),
      azimuthDeg: finite,
      covEN: z.tuple([finite, finite, finite]),
      sigma: TelemetrySigma,
      weight: finite.nonnegative(),
      clickHeightM: finite,
      hfovDeg: finite,
      intrinsics: z.string(),
      coveredSigma: finite.nonnegative(),
    })
    .nullable(),
  modelOnly: Candidate.nullable(),
  geometryOnly: Candidate.nullable(),
});

/** A located object: what the project store keeps (and validates with this schema) and the renderer shows. */
export const ObjectView = z.object({
  id: z.string().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  status: ObjectStatus,
  frame: z.object({ index: z.number().int().nonnegative(), name: z.string() }),
  click: z.object({ x: finite, y: finite }),
  telemetry: Telemetry.nullable(),
  searchCentre: z.object({ lon, lat, source: z.enum(['telemetry', 'user', 'ray']), localization: Localization.optional() }),
  chip: z.object({
    mosaicPath: z.string(),
    crs: z.string(),
    /** In the mosaic CRS: minX, minY, maxX, maxY. */
    bounds: z.tuple([finite, finite, finite, finite]),
    gsdM: finite.positive(),
    size: z.number().int().positive(),
  }),
  model: z.object({ id: z.string(), sha256: z.string(), provider: z.string() }),
  candidates: z.array(Candidate),
  /** -1: no model candidate was chosen (a box drawn by the analyst). */
  chosen: z.number().int().min(-1),
  /** The current box. */
  ring: Ring,
  correctedFrom: Ring.nullable(),
  label: z.string(),
  note: z.string(),
});

export const FrameItem = z.object({ index: z.number().int(), name: z.string(), telemetry: Telemetry.nullable() });
export const FramesView = z.object({ folder: z.string(), frames: z.array(FrameItem) });
const DatedSource = z.object({ date: z.string(), source: z.string() });

export const VideoView = z.object({
  path: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  fps: finite,
  durationS: finite,
  frameCount: z.number().int(),
  variableFrameRate: z.boolean(),
  /** The .SRT matched by name, or null when there is none (no telemetry: place the search area by hand). */
  srt: z.string().nullable(),
  /** What the user should know about this video and its SRT, in words. */
  notes: z.array(z.string()),
});

export const MosaicView = z.object({
  id: z.string(),
  path: z.string(),
  name: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  crs: z.object({ code: z.string(), proj4: z.string() }),
  gsdM: finite,
  boundsLonLat: BoundsLonLat,
});

export const ProjectView = z.object({
  path: z.string(),
  name: z.string(),
  framesFolder: z.string().nullable(),
  mosaics: z.array(MosaicView),
  objects: z.array(ObjectView),
  frames: FramesView.nullable(),
  /** What could not be reopened (a moved mosaic, a missing frames folder), in words for the user. */
  problems: z.array(z.string()),
  /** The file or its folder cannot be written: shown and exported, edits are refused. */
  readOnly: z.boolean().optional(),
  /** Locations the project names outside its own folder, not opened until the user allows it (project.allowAccess). */
  accessRequest: z.object({ project: z.string(), paths: z.array(z.string()), question: z.string() }).nullable().optional(),
});

export const Provider = z.enum(['auto', 'cpu', 'cuda', 'directml', 'coreml']);

export const ModelView = z.object({
  id: z.string(),
  preset: z.string(),
  provider: z.string(),
  providerNotes: z.array(z.string()),
  querySize: z.number().int(),
  referenceSize: z.number().int(),
  gsdM: finite,
  sha256: z.string(),
  lastLatencyMs: finite.nullable(),
});

export const LocalizeView = z.object({
  object: ObjectView,
  /** `url` is an asset path (heatmap/<id>.png): give it to assetUrl() before use. */
  heatmap: z.object({ url: z.string(), boundsLonLat: BoundsLonLat }),
  timings: z.object({
    chipMs: finite,
    encodeMs: finite,
    localizeMs: finite,
    fuseMs: finite,
    totalMs: finite,
    /** The encoded reference chip came from the cache (no chip read, no encoder run). */
    cachedReference: z.boolean(),
  }),
  provider: z.string(),
  /** What decided: the click's ray and the model together, the model alone, or the ray alone. */
  decidedBy: DecidedBy,
  /** Why the ray was not used (shown to the user), or null. */
  fallbackReason: z.string().nullable(),
  /** The ray's ground point and its 3σ ellipse as a closed lon/lat ring, for the map. */
  prior: z.object({ ground: LonLatObject, ellipse3Sigma: Ring, semiMajorM: finite, semiMinorM: finite }).nullable(),
});

export const HistoryEntry = z.object({ at: z.string(), kind: z.string(), data: z.unknown() });

/** Pane sizes as fractions of the window width (the map takes the rest); remembered per project. */
export const PaneLayout = z
  .object({ frame: finite.min(0.1).max(0.8), list: finite.min(0.1).max(0.6) })
  .strict()
  .refine((l) => l.frame + l.list <= 0.9, 'the frame and list panes must leave at least a tenth of the width for the map');

export const DialogKind = z.enum(['project-open', 'project-save', 'folder', 'mosaic', 'export-geojson', 'export-csv', 'export-gpkg', 'export-kml', 'video']);

export const ExportFormat = z.enum(['geojson', 'csv', 'gpkg', 'kml']);

export const TrainingPairsResult = z.object({
  folder: z.string(),
  train: z.number().int(),
  test: z.number().int(),
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
});

export const OpenedFramesView = FramesView.extend({ video: VideoView.optional() });

/** What a finished job hands back (docs/CONTRACTS.md §4b). */
export const JobResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('export'), path: z.string(), count: z.number().int() }),
  z.object({ kind: z.literal('trainingPairs'), pairs: TrainingPairsResult }),
  z.object({ kind: z.literal('frames'), frames: OpenedFramesView }),
  z.object({ kind: z.literal('mosaic'), mosaic: MosaicView }),
]);

export const JobView = z.object({
  id: z.string(),
  title: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** Steps done so far, out of total (0 until the job has counted them): objects, frames or files. */
  done: z.number().int(),
  total: z.number().int(),
  result: JobResult.nullable(),
  error: z.string().nullable(),
});

/** The drone camera and its telemetry errors for the open project (docs/CONTRACTS.md §3a, §3b). */
export const CameraSettingsView = z
  .object({
    /** Horizontal field of view that overrides the telemetry's focal length; null: from the telemetry. */
    hfovDeg: finite.gt(0, 'the field of view must be above 0°').lt(180, 'the field of view must be below 180°').nullable(),
    /** 1σ telemetry errors. */
    sigma: z.object({
      headingDeg: finite.min(0).max(90),
      pitchDeg: finite.min(0).max(45),
      rollDeg: finite.min(0).max(45),
      altitudeM: finite.min(0).max(1000),
      positionM: finite.min(0).max(1000),
    }).strict(),
    /** w in fused = model × prior^w; 0 = model only. */
    priorWeight: finite.min(0).max(10),
  })
  .strict();

const empty = z.object({}).strict();
const pathInput = z.object({ path: absolutePath }).strict();
const exportResult = z.object({ path: z.string(), count: z.number().int() });

export const channels = {
  'app.state': {
    input: empty,
    output: z.object({
      project: ProjectView.nullable(),
      recent: z.array(z.string()),
      model: ModelView.nullable(),
      sampleProject: z.string().nullable(),
    }),
  },
  'project.create': { input: pathInput, output: ProjectView },
  'project.open': { input: pathInput, output: ProjectView },
  'project.openSample': { input: empty, output: ProjectView },
  /** The answer to ProjectView.accessRequest; remembered for the project. */
  'project.allowAccess': { input: z.object({ allow: z.boolean() }).strict(), output: ProjectView },
  'frames.open': { input: z.object({ folder: absolutePath }).strict(), output: FramesView },
  'frames.openVideo': { input: pathInput, output: FramesView.extend({ video: VideoView }) },
  /** frames.open and frames.openVideo as jobs (result { kind: 'frames', frames }); a cancel keeps the frames open before. */
  'frames.openStart': { input: z.object({ folder: absolutePath }).strict(), output: JobView },
  'frames.openVideoStart': { input: pathInput, output: JobView },
  /** The frame's date and each open mosaic's acquisition date, with a warning when a season apart. */
  'dates.compare': {
    input: z.object({ frameIndex: z.number().int().min(0) }).strict(),
    output: z.object({
      frame: DatedSource.nullable(),
      mosaics: z.array(z.object({ id: z.string(), name: z.string(), date: DatedSource.nullable(), daysApart: z.number().int().nullable(), warning: z.string().nullable() })),
    }),
  },
  'mosaic.open': { input: pathInput, output: MosaicView },
  /** mosaic.open as a job (result { kind: 'mosaic', mosaic }); a cancel leaves the mosaic closed. */
  'mosaic.openStart': { input: pathInput, output: JobView },
  'mosaic.remove': { input: z.object({ id: z.string().min(1).max(200) }).strict(), output: empty },
  'localize.run': {
    input: z
      .object({
        frameIndex: z.number().int().min(0),
        click: z.object({ x: finite.min(0), y: finite.min(0) }).strict(),
        centre: LonLatObject.strict().optional(),
        mosaicId: z.string().min(1).max(200).optional(),
      })
      .strict(),
    output: LocalizeView,
  },
  'objects.list': { input: empty, output: z.array(ObjectView) },
  'objects.update': {
    input: z
      .object({
        id: z.string().min(1).max(200),
        status: ObjectStatus.optional(),
        ring: Ring.optional(),
        chosen: z.number().int().min(0).optional(),
        label: z.string().max(200).optional(),
        note: z.string().max(10_000).optional(),
      })
      .strict(),
    output: ObjectView,
  },
  'objects.history': { input: z.object({ id: z.string().min(1).max(200) }).strict(), output: z.array(HistoryEntry) },
  'export.geojson': { input: pathInput, output: exportResult },
  'export.csv': { input: pathInput, output: exportResult },
  'export.gpkg': { input: pathInput, output: exportResult },
  'export.kml': { input: pathInput, output: exportResult },
  /** Accepted and corrected objects as a CVOGL training set (query, click, chip, box) in a chosen folder. */
  'export.trainingPairs': { input: z.object({ folder: absolutePath }).strict(), output: TrainingPairsResult },
  /** The same as a job: result { kind: 'trainingPairs', pairs }. */
  'export.trainingPairsStart': { input: z.object({ folder: absolutePath }).strict(), output: JobView },
  /** Runs an export in the background; poll jobs.status for progress, jobs.cancel to stop it. */
  'export.start': { input: z.object({ path: absolutePath, format: ExportFormat }).strict(), output: JobView },
  'jobs.status': { input: z.object({ id: z.string().min(1).max(200) }).strict(), output: JobView },
  'jobs.cancel': { input: z.object({ id: z.string().min(1).max(200) }).strict(), output: JobView },
  'model.info': { input: empty, output: ModelView },
  'model.setProvider': { input: z.object({ provider: Provider }).strict(), output: ModelView },
  'camera.get': { input: empty, output: CameraSettingsView },
  'camera.set': { input: CameraSettingsView, output: CameraSettingsView },
  'layout.get': { input: empty, output: PaneLayout.nullable() },
  'layout.set': { input: PaneLayout, output: PaneLayout },
  'dialog.pick': { input: z.object({ kind: DialogKind }).strict(), output: z.object({ path: z.string().nullable() }) },
} as const;

export type Channel = keyof typeof channels;
export const channelNames = Object.keys(channels) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

export type Input<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type Output<C extends Channel> = z.output<(typeof channels)[C]['output']>;

export type ObjectView = z.infer<typeof ObjectView>;
export type CandidateView = z.infer<typeof Candidate>;
export type TelemetryView = z.infer<typeof Telemetry>;
export type FramesView = z.infer<typeof FramesView>;
export type MosaicView = z.infer<typeof MosaicView>;
export type ProjectView = z.infer<typeof ProjectView>;
export type ModelView = z.infer<typeof ModelView>;
export type LocalizeView = z.infer<typeof LocalizeView>;
export type LocalizationView = z.infer<typeof Localization>;
export type DecidedByView = z.infer<typeof DecidedBy>;
export type HistoryEntry = z.infer<typeof HistoryEntry>;
export type DialogKind = z.infer<typeof DialogKind>;
export type JobView = z.infer<typeof JobView>;
export type JobResultView = z.infer<typeof JobResult>;
export type OpenedFramesView = z.infer<typeof OpenedFramesView>;
export type VideoView = z.infer<typeof VideoView>;
export type ExportFormat = z.infer<typeof ExportFormat>;
export type PaneLayoutView = z.infer<typeof PaneLayout>;
export type CameraSettingsView = z.infer<typeof CameraSettingsView>;
export type ProviderChoice = z.infer<typeof Provider>;
export type ObjectStatusView = z.infer<typeof ObjectStatus>;

export { assetPaths } from './assets';

/** What the preload puts on window.smgeo; invoke resolves to an ApiResult (errors as data survive contextBridge). */
export interface SmgeoBridge {
  invoke(channel: string, input: unknown): Promise<import('./errors').ApiResult>;
  assetUrl(path: string): string;
  platform: string;
}
