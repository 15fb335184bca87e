export type { CalciumLabeller, LabellerFindings } from './calcium-labeller';
export { createAnatomyLabeller, ANATOMY_LABELLER_VERSION, type AnatomyLabeller } from './anatomy-labeller';
export { createBaselineLabeller, BASELINE_LABELLER_VERSION } from './baseline-labeller';
export { analyzeVolume, type VolumeAnalysis } from './analyze-volume';
