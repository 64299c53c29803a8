// The drone frame's pinhole camera in a local east-north-up frame (docs/CONTRACTS.md §3a).
// Shared by main (the click's ray as the localization prior) and the renderer (linked views).
import type { TelemetryView } from '../api';
import { cross, type EnuOrigin, type Vec3 } from './ellipsoid';

/** 1σ errors of the telemetry, in degrees and metres. */
export type TelemetrySigma = { headingDeg: number; pitchDeg: number; rollDeg: number; altitudeM: number; positionM: number };

export type CameraSettings = { hfovDeg?: number; sigma: TelemetrySigma };

/**
 * Defaults for a consumer DJI drone (Mavic / Air / Mini class) flying video. DJI's published hovering
 * accuracy is ±1.5 m horizontal and ±0.5 m vertical with GNSS; we widen position to 3 m for the SRT's
 * timing lag at flight speed, and height to 5 m because rel_alt is barometric (it drifts over a
 * flight) and because the ground under the click is rarely exactly at take-off height. Heading is the
 * compass-referenced gimbal yaw, typically a few degrees off near buildings and metal: 5°. The gimbal
 * holds pitch and roll to hundredths of a degree, but relative to the IMU's attitude estimate: 2° and 1°.
 * These are engineering defaults, not calibrated figures; every project can set its own.
 */
export const DEFAULT_SIGMA: TelemetrySigma = { headingDeg: 5, pitchDeg: 2, rollDeg: 1, altitudeM: 5, positionM: 3 };

/** When nothing gives the field of view: DJI's common 24 mm-equivalent lens on a 4:3 frame. */
export const DEFAULT_FOCAL_35MM = 24;
/** The diagonal of a 36 × 24 mm frame: 35 mm-equivalent focal lengths refer to it. */
export const FULL_FRAME_DIAGONAL_MM = Math.hypot(36, 24);

/** What the camera model needs from a frame's telemetry (the shared Telemetry schema fits). */
export type Telemetry = Pick<TelemetryView, 'lat' | 'lon'> &
  Partial<
    Pick<
      TelemetryView,
      'altM' | 'altRef' | 'headingDeg' | 'pitchDeg' | 'rollDeg' | 'focal35mm' | 'focalMm' | 'sensorWidthMm' | 'takeoffElevationM'
    >
  >;

export type IntrinsicsSource = 'project-hfov' | 'focal-35mm' | 'focal-sensor' | 'default-24mm';

/** A plain, serialisable camera: stored in the audit trail and sent to the renderer as is. */
export interface FrameCamera {
  /** ENU origin: the ground point under the drone (lon/lat of the drone, take-off elevation or 0). */
  origin: EnuOrigin;
  heightM: number; // camera height above the flat ground (z of the camera in ENU)
  eastM: number; // camera offset from the origin (non-zero only in perturbed copies)
  northM: number;
  headingDeg: number;
  pitchDeg: number;
  rollDeg: number;
  width: number;
  height: number;
  focalPx: number;
  hfovDeg: number;
  intrinsics: IntrinsicsSource;
  /** Unit vectors in ENU: optical axis, image right (+x), image up (−y). */
  forward: Vec3;
  right: Vec3;
  up: Vec3;
}

export type CameraResult = { ok: true; camera: FrameCamera } | { ok: false; reason: string };

const RAD = Math.PI / 180;

function fail(reason: string): CameraResult {
  return { ok: false, reason };
}

function validHfov(h: number | undefined): boolean {
  return h !== undefined && Number.isFinite(h) && h > 0 && h < 180;
}

/** Horizontal field of view of a `width` × `height` frame from a 35 mm-equivalent focal length. */
export function hfovFromFocal35mm(focal35mm: number, width: number, height: number): number {
  const focalPx = (focal35mm * Math.hypot(width, height)) / FULL_FRAME_DIAGONAL_MM;
  return (2 * Math.atan(width / 2 / focalPx)) / RAD;
}

/** The 35 mm-equivalent focal length (diagonal convention) that gives this horizontal field of view. */
export function focal35mmFromHfov(hfovDeg: number, width: number, height: number): number {
  const focalPx = width / 2 / Math.tan((hfovDeg * RAD) / 2);
  return (focalPx * FULL_FRAME_DIAGONAL_MM) / Math.hypot(width, height);
}

function intrinsics(t: Telemetry, w: number, h: number, hfovSetting: number | undefined): { hfov: number; source: IntrinsicsSource } | string {
  if (hfovSetting !== undefined) {
    if (!validHfov(hfovSetting)) {
      return `The project's camera field of view is ${hfovSetting}°; set a horizontal field of view between 0° and 180° (exclusive), e.g. 70°.`;
    }
    return { hfov: hfovSetting, source: 'project-hfov' };
  }
  if (t.focal35mm !== undefined && t.focal35mm > 0) return { hfov: hfovFromFocal35mm(t.focal35mm, w, h), source: 'focal-35mm' };
  if (t.focalMm !== undefined && t.focalMm > 0 && t.sensorWidthMm !== undefined && t.sensorWidthMm > 0) {
    return { hfov: (2 * Math.atan(t.sensorWidthMm / 2 / t.focalMm)) / RAD, source: 'focal-sensor' };
  }
  return { hfov: hfovFromFocal35mm(DEFAULT_FOCAL_35MM, w, h), source: 'default-24mm' };
}

function heightAboveGround(t: Telemetry): number | string {
  if (t.altM === undefined || !Number.isFinite(t.altM)) {
    return 'The frame has no altitude in its telemetry, so its ray cannot be cast to the ground; add rel_alt to the SRT or search by area instead.';
  }
  let height = t.altM;
  if (t.altRef === 'sea') {
    if (t.takeoffElevationM === undefined) {
      return 'The frame gives only its altitude above sea level and no take-off elevation, so its height above the ground is unknown; use a flight log with rel_alt or search by area instead.';
    }
    height = t.altM - t.takeoffElevationM;
  }
  if (!(height > 0)) {
    return `The frame's height above the take-off point is ${height.toFixed(1)} m (it must be above 0), so its ray does not reach the ground in front; check the flight log's rel_alt or search by area instead.`;
  }
  return height;
}

/** Unit axes of a camera with the given attitude (degrees), in ENU. See docs/CONTRACTS.md §3a. */
export function cameraAxes(headingDeg: number, pitchDeg: number, rollDeg: number): { forward: Vec3; right: Vec3; up: Vec3 } {
  const hd = headingDeg * RAD;
  const tilt = (pitchDeg + 90) * RAD; // off nadir
  const forward: Vec3 = [Math.sin(hd) * Math.sin(tilt), Math.cos(hd) * Math.sin(tilt), -Math.cos(tilt)];
  const r0: Vec3 = [Math.cos(hd), -Math.sin(hd), 0];
  const u0 = cross(r0, forward);
  const c = Math.cos(rollDeg * RAD);
  const s = Math.sin(rollDeg * RAD);
  // Positive roll turns the camera clockwise as seen from behind: its right side goes down.
  const right: Vec3 = [c * r0[0] - s * u0[0], c * r0[1] - s * u0[1], c * r0[2] - s * u0[2]];
  const up: Vec3 = [s * r0[0] + c * u0[0], s * r0[1] + c * u0[1], s * r0[2] + c * u0[2]];
  return { forward, right, up };
}

/** The same camera with another pose (used for error propagation and by several-frame estimates). */
export function withPose(
  c: FrameCamera,
  pose: Partial<Pick<FrameCamera, 'heightM' | 'eastM' | 'northM' | 'headingDeg' | 'pitchDeg' | 'rollDeg'>>,
): FrameCamera {
  const next = { ...c, ...pose };
  return { ...next, ...cameraAxes(next.headingDeg, next.pitchDeg, next.rollDeg) };
}

/**
 * The frame's camera, or the reason (a sentence for the user) why there is none. The project's HFOV
 * setting, when given, wins over the telemetry's focal length; lens distortion is ignored.
 */
export function cameraFromTelemetry(
  t: Telemetry,
  frame: { width: number; height: number },
  settings?: Partial<CameraSettings>,
): CameraResult {
  const { width, height } = frame;
  if (!(width > 0 && height > 0)) return fail(`The frame's size (${width} × ${height} px) is not usable.`);
  if (t.headingDeg === undefined || !Number.isFinite(t.headingDeg)) {
    return fail("The frame's telemetry has no heading (gimbal yaw), so the click's ray cannot be cast; search by area instead.");
  }
  if (t.pitchDeg === undefined || !Number.isFinite(t.pitchDeg)) {
    return fail("The frame's telemetry has no camera pitch, so the click's ray cannot be cast; search by area instead.");
  }
  if (t.pitchDeg >= 0) {
    return fail(`The camera looks at or above the horizon (gimbal pitch ${t.pitchDeg}°), so its rays do not meet the ground in front; search by area instead.`);
  }
  if (t.pitchDeg < -90) {
    return fail(`The gimbal pitch ${t.pitchDeg}° is beyond nadir (−90°); the flight log is probably corrupt, so search by area instead.`);
  }
  const h = heightAboveGround(t);
  if (typeof h === 'string') return fail(h);
  const k = intrinsics(t, width, height, settings?.hfovDeg);
  if (typeof k === 'string') return fail(k);
  if (!validHfov(k.hfov)) return fail(`The frame's focal length gives a field of view of ${k.hfov.toFixed(1)}°, which is not usable; set the project's camera field of view.`);
  const rollDeg = t.rollDeg !== undefined && Number.isFinite(t.rollDeg) ? t.rollDeg : 0;
  const camera: FrameCamera = {
    origin: { lon: t.lon, lat: t.lat, h: t.takeoffElevationM ?? 0 },
    heightM: h,
    eastM: 0,
    northM: 0,
    headingDeg: t.headingDeg,
    pitchDeg: t.pitchDeg,
    rollDeg,
    width,
    height,
    focalPx: width / 2 / Math.tan((k.hfov * RAD) / 2),
    hfovDeg: k.hfov,
    intrinsics: k.source,
    ...cameraAxes(t.headingDeg, t.pitchDeg, rollDeg),
  };
  return { ok: true, camera };
}
