export { estimateLookAt, lookAtDistanceM, offsetLonLat, type LookAtTelemetry } from './lookat';
export { chipBounds } from './chip';
export { chipPxToCrs, boxToLonLatRing, boundsToLonLat } from './georef';
export { heatmapToRgba } from './heatmap-image';
export { assertClickInFrame, localizeClick, type LocalizeClickArgs, type LocalizeClickResult } from './localize-click';
export { CHIP_COVER_SIGMA, CHIP_MARGIN_M, chipPlan, clickPrior, type ChipPlan, type ClickPrior, type PriorResult } from './prior';
export { MODEL_SILENT_BELOW, PRIOR_FLOOR_M2, fuseWithPrior, type DecidedBy, type FusionResult, type ScoredCell } from './fusion';
export { iou, centreDistance, boxArea, summarizeDetections, type EvaluationSummary } from './metrics';
export type { MosaicView, CrsBounds } from './mosaic-view';
