// Camera geometry of drone frames, shared by main and renderer (docs/CONTRACTS.md §3a).
export {
  DEFAULT_SIGMA,
  DEFAULT_FOCAL_35MM,
  cameraAxes,
  cameraFromTelemetry,
  focal35mmFromHfov,
  hfovFromFocal35mm,
  withPose,
} from './camera';
export type { CameraResult, CameraSettings, FrameCamera, IntrinsicsSource, Telemetry, TelemetrySigma } from './camera';
export {
  CLICK_HEIGHT_M,
  MAX_GROUND_RANGE_M,
  MIN_DEPRESSION_DEG,
  enuToLonLat,
  enuToPixel,
  frameFootprint,
  groundToPixel,
  lonLatToEnu,
  pixelRay,
  pixelToGround,
  pixelToGroundEnu,
} from './ground';
export { ellipseOf, ellipseRing, groundUncertainty, mahalanobis2 } from './uncertainty';
export type { GroundUncertainty } from './uncertainty';
export { exteriorRing, isLonLatInRange, pointInRing, ringCentroid, ringToWkt, roundDeg, signedArea2 } from './rings';
export { intersectRays, type RayIntersection } from './intersect';
export { pixelToTerrainEnu, type HeightAt, type TerrainHit } from './terrain';
