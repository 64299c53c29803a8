import { useMemo } from 'react';
import type { TelemetryView } from '../../shared/api';
import { cameraFromTelemetry, DEFAULT_SIGMA, frameFootprint, type FrameCamera, type TelemetrySigma } from '../../shared/geometry';

export interface LinkedCamera {
  camera: FrameCamera | null;
  /** Why there is no camera (no heading, camera above the horizon…), for the status line. */
  reason: string | null;
  /** The ground the frame sees, closed [lon, lat] ring. */
  footprint: Array<[number, number]> | null;
  sigma: TelemetrySigma;
}

/**
 * The current frame's camera from its telemetry (the shared camera model) and its footprint,
 * recomputed only when the frame, its size or the camera settings change.
 */
export function useFrameCamera(
  telemetry: TelemetryView | null,
  size: { width: number; height: number } | null,
  settings: { hfovDeg?: number; sigma?: TelemetrySigma } = {},
): LinkedCamera {
  const { hfovDeg, sigma = DEFAULT_SIGMA } = settings;
  return useMemo(() => {
    if (!telemetry || !size) return { camera: null, reason: telemetry ? null : 'This frame has no telemetry.', footprint: null, sigma };
    const result = cameraFromTelemetry(telemetry, size, { sigma, ...(hfovDeg !== undefined ? { hfovDeg } : {}) });
    if (!result.ok) return { camera: null, reason: result.reason, footprint: null, sigma };
    return { camera: result.camera, reason: null, footprint: frameFootprint(result.camera), sigma };
  }, [telemetry, size?.width, size?.height, hfovDeg, sigma]);
}
