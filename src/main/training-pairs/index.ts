export { DATASET_FOLDER, exportTrainingPairs, ringToChipBox, testFrames } from './export-pairs';
export type { ChipSource, FrameImage, PairExportResult, PairSources } from './export-pairs';
export { TrainingPairsError } from './errors';
