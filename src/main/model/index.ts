export { MODEL_CARD_FILE, modelCardSchema, readModelCard, verifyGraphFiles, checkSessionIo, sha256OfFile, type ModelCard } from './card';
export { ModelError, type ModelErrorCode } from './errors';
export { candidateProviders, isProviderChoice, type ProviderChoice } from './providers';
export { normalizeRgbChw, clickChannel, queryTensorData, scaleClick, type Normalization } from './preprocess';
export { sigmoid, localMaxima, decodePeaks, type Box, type Peak } from './decode';
export { ReferenceCache, type ReferenceKey } from './reference-cache';
export { LoadedModel, type ReferenceFeatures, type Heatmap, type LocalizeResult, type LoadOptions, type QuerySource } from './loaded-model';
export { ModelService } from './service';
