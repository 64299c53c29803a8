export { estimateLookAt, lookAtDistanceM, offsetLonLat, type LookAtTelemetry } from './lookat';
export { chipBounds } from './chip';
export { chipPxToCrs, boxToLonLatRing, boundsToLonLat } from './georef';
export { heatmapToRgba } from './heatmap-image';
export { localizeClick, type LocalizeClickArgs, type LocalizeClickResult } from './localize-click';
export { iou, centreDistance, boxArea, summarizeDetections, type EvaluationSummary } from './metrics';
export type { MosaicView, CrsBounds } from './mosaic-view';
