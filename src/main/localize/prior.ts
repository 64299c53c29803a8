// The click's ray as the localization prior (docs/CONTRACTS.md §3a, §3b): where it meets the ground,
// how sure that is, and how large the reference chip must be to hold the uncertainty.
import {
  CLICK_HEIGHT_M,
  DEFAULT_SIGMA,
  cameraFromTelemetry,
  groundUncertainty,
  type FrameCamera,
  type GroundUncertainty,
  type Telemetry,
  type TelemetrySigma,
} from '../../shared/geometry';

export interface ClickPrior {
  camera: FrameCamera;
  /** 1σ ellipse around the ray's ground point (its centre). */
  uncertainty: GroundUncertainty;
  sigma: TelemetrySigma;
  clickHeightM: number;
}

export type PriorResult = { ok: true; prior: ClickPrior } | { ok: false; reason: string };

export interface PriorSettings {
  hfovDeg?: number;
  sigma?: TelemetrySigma;
}

/** The click's ground point and its uncertainty, or why there is none (a sentence for the user). */
export function clickPrior(
  telemetry: Telemetry | null,
  frame: { width: number; height: number; name: string },
  click: { x: number; y: number },
  settings: PriorSettings = {},
): PriorResult {
  if (!telemetry) return { ok: false, reason: `Frame ${frame.name} has no telemetry, so the click's ray cannot be cast.` };
  const sigma = settings.sigma ?? DEFAULT_SIGMA;
  const cam = cameraFromTelemetry(telemetry, frame, settings.hfovDeg === undefined ? {} : { hfovDeg: settings.hfovDeg });
  if (!cam.ok) return { ok: false, reason: cam.reason };
  const uncertainty = groundUncertainty(cam.camera, click, sigma, CLICK_HEIGHT_M);
  if (!uncertainty) {
    return {
      ok: false,
      reason: `The click is at or too near the horizon of frame ${frame.name}: its ray meets the ground too far away to locate anything. Click lower in the frame or search by area.`,
    };
  }
  return { ok: true, prior: { camera: cam.camera, uncertainty, sigma, clickHeightM: CLICK_HEIGHT_M } };
}

/** How many σ the chip must hold around the ground point, and the metres added for the object itself. */
export const CHIP_COVER_SIGMA = 3;
export const CHIP_MARGIN_M = 16;

export interface ChipCard {
  reference_size: number;
  reference_gsd_m: number;
  /** Optional [finest, coarsest] m/px the model was trained over; without it only reference_gsd_m. */
  reference_gsd_range_m?: [number, number];
}

export interface ChipPlan {
  gsdM: number;
  sizePx: number;
  /** How many σ of the ellipse (along its wider axis of east or north) the chip holds, margin kept. */
  coveredSigma: number;
}

/**
 * The reference chip for a prior: R × R pixels (the graph's size) at the finest resolution the
 * card allows that still holds CHIP_COVER_SIGMA σ of the ellipse plus CHIP_MARGIN_M. When even the
 * coarsest allowed resolution cannot, the chip holds what it can and `coveredSigma` says how much.
 */
export function chipPlan(card: ChipCard, u: GroundUncertainty | null): ChipPlan {
  const size = card.reference_size;
  const [finest, coarsest] = card.reference_gsd_range_m ?? [card.reference_gsd_m, card.reference_gsd_m];
  if (!u) return { gsdM: card.reference_gsd_m, sizePx: size, coveredSigma: 0 };
  const reach = Math.sqrt(Math.max(u.covEN[0], u.covEN[2], 1e-6));
  const needed = (2 * (CHIP_COVER_SIGMA * reach + CHIP_MARGIN_M)) / size;
  const gsdM = Math.min(Math.max(needed, finest), coarsest);
  return { gsdM, sizePx: size, coveredSigma: Math.max(0, ((size * gsdM) / 2 - CHIP_MARGIN_M) / reach) };
}
