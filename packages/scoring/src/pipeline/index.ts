export type { CalciumLabeller } from './calcium-labeller';
export { createBaselineLabeller, BASELINE_LABELLER_VERSION } from './baseline-labeller';
export { analyzeVolume, type VolumeAnalysis } from './analyze-volume';
