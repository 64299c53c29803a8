import type { FuzzTarget } from '../harness';
import { apiTarget } from './api';
import { modelCardTarget, projectFileTarget } from './files';
import { geotiffTarget } from './geotiff';
import { exifTarget, srtTarget } from './telemetry';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const TARGETS: FuzzTarget<any, any>[] = [srtTarget, exifTarget, geotiffTarget, modelCardTarget, projectFileTarget, apiTarget];
