// The shapes a project stores. `Telemetry` mirrors src/main/frames (structurally identical) so the
// store builds without depending on the frames module.

export interface Telemetry {
  lat: number;
  lon: number;
  altM?: number;
  headingDeg?: number;
  pitchDeg?: number;
  rollDeg?: number; // positive = right side down
  focal35mm?: number; // 35 mm-equivalent focal length (mm)
  focalMm?: number; // physical focal length (mm), with sensorWidthMm
  sensorWidthMm?: number;
  takeoffElevationM?: number; // abs_alt − rel_alt
  altRef?: 'takeoff' | 'sea'; // what altM is measured from (absent: take-off)
  source: 'srt' | 'exif';
}

export type ObjectStatus = 'pending' | 'accepted' | 'corrected' | 'rejected';

/** A lon/lat position (WGS84 degrees). */
export type LonLat = [number, number];

export interface Candidate {
  score: number;
  /** Box in reference-chip pixels: x1, y1, x2, y2. */
  chipBox: [number, number, number, number];
  /** lon/lat closed ring. */
  ring: LonLat[];
  /** Model probability, prior density and fused score; `score` is the one the ranking used. */
  scores?: { model: number; prior?: number; fused?: number };
}

export type DecidedBy = 'geometry + model' | 'model only' | 'geometry only';

export interface TelemetrySigma {
  headingDeg: number;
  pitchDeg: number;
  rollDeg: number;
  altitudeM: number;
  positionM: number;
}

/** What the click's ray said and what decided (docs/CONTRACTS.md §3b). */
export interface Localization {
  decidedBy: DecidedBy;
  fallbackReason: string | null;
  prior: {
    ground: { lon: number; lat: number };
    semiMajorM: number;
    semiMinorM: number;
    azimuthDeg: number;
    covEN: [number, number, number];
    sigma: TelemetrySigma;
    weight: number;
    clickHeightM: number;
    hfovDeg: number;
    intrinsics: string;
    coveredSigma: number;
  } | null;
  modelOnly: Candidate | null;
  geometryOnly: Candidate | null;
}

export interface CameraSettings {
  hfovDeg?: number;
  sigma: TelemetrySigma;
  /** w in fused = model × prior^w; 0 = model only. */
  priorWeight: number;
}

export interface LocatedObject {
  id: string;
  createdAt: string;
  updatedAt: string;
  status: ObjectStatus;
  frame: { index: number; name: string };
  click: { x: number; y: number };
  telemetry: Telemetry | null;
  searchCentre: { lon: number; lat: number; source: 'telemetry' | 'user' | 'ray'; localization?: Localization };
  chip: {
    mosaicPath: string;
    crs: string;
    /** In the mosaic CRS: minX, minY, maxX, maxY. */
    bounds: [number, number, number, number];
    gsdM: number;
    size: number;
  };
  model: { id: string; sha256: string; provider: string };
  candidates: Candidate[];
  chosen: number;
  /** The current box, lon/lat. */
  ring: LonLat[];
  correctedFrom: LonLat[] | null;
  label: string;
  note: string;
}

export type NewLocatedObject = Omit<LocatedObject, 'id' | 'createdAt' | 'updatedAt'>;

export type ObjectPatch = Partial<
  Pick<LocatedObject, 'status' | 'ring' | 'chosen' | 'label' | 'note' | 'correctedFrom'>
>;

export interface ProjectSettings {
  framesFolder: string | null;
  mosaics: string[];
  modelDir: string | null;
  /** Execution provider preference; 'auto' lets the model module choose. */
  provider: string;
  /** Pane sizes as fractions of the window width; null until the user resizes a pane. */
  layout: PaneLayout | null;
  /** Camera and telemetry-error settings; null = the defaults. */
  camera: CameraSettings | null;
}

export interface PaneLayout {
  frame: number;
  list: number;
}

export interface HistoryEvent {
  at: string;
  kind: string;
  data: unknown;
}
