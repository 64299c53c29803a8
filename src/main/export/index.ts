export { objectsToGeoJSON, objectToFeature, geoJsonChunks, writeGeoJSON } from './geojson';
export type { ObjectFeature, ObjectFeatureCollection, ObjectProperties } from './geojson';
export { CSV_COLUMNS, csvField, objectToCsvRow, writeCsv } from './csv';
export { selectForExport, type ExportOptions, type ExportResult } from './select';
export { writeFileAtomic, nodeAtomicFs, type AtomicFs, type AtomicHandle } from '../store/atomic-file';
export { writeKml, type FrameThumbnail, type KmlOptions } from './kml';
export { writeGeoPackage, ExportCancelled, GPKG_LAYER, GPKG_SUMMARY_TABLE, type GpkgOptions } from './gpkg';
export { OBJECT_ATTRIBUTES, objectAttributes, exportSummary } from './attributes';
