export { scanFrames, compareNatural, isFrameFileName, type FrameEntry } from './scan.js';
export { parseSrt, parseSrtBlocks, mapBlocksToFrames, type SrtBlock, type SrtTelemetry } from './srt.js';
export { telemetryFromExif, readExifTelemetry } from './exif.js';
export { loadTelemetry } from './load-telemetry.js';
export { decodeFrame, frameForDisplay, openFrame, MAX_FRAME_PIXELS, type FrameFile } from './decode.js';
export { thumbnail, clearThumbnailCache } from './thumbnails.js';
export { FramesError, type FramesErrorCode } from './errors.js';
export type { Telemetry } from './telemetry.js';
