export { Mosaic, type MosaicInfo, type CrsRect } from './mosaic.js';
export { MosaicError, type MosaicErrorCode } from './errors.js';
export { chooseOverview } from './overview.js';
export { lookupEpsg, type CrsDefinition } from './crs.js';
export { applyGeoTransform, invertGeoTransform, type GeoTransform } from './geotransform.js';
export { lonLatToTile, tileBoundsMercator, mercatorToLonLat, TILE_SIZE } from './webmercator.js';
