export { objectsToGeoJSON, geoJsonChunks, writeGeoJSON, type ObjectFeatureCollection } from './geojson';
export { objectToFeature, type ObjectFeature, type ObjectProperties } from '../../shared/object-feature';
export { CSV_COLUMNS, csvField, objectToCsvRow, writeCsv } from './csv';
export { selectForExport, type ExportOptions, type ExportResult } from './select';
export { writeFileAtomic, nodeAtomicFs, type AtomicFs, type AtomicHandle } from '../store/atomic-file';
export { writeKml, type FrameThumbnail, type KmlOptions } from './kml';
export { writeGeoPackage, ExportCancelled, GPKG_LAYER, GPKG_SUMMARY_TABLE, type GpkgOptions } from './gpkg';
export { OBJECT_ATTRIBUTES, objectAttributes, exportSummary } from './attributes';
