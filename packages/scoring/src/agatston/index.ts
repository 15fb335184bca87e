export { computeAgatston } from './compute-agatston';
export type { ScoreResult } from './score-result';
export { roundTo, summariseScore, type LesionSummary, type ScoreSummary } from './score-summary';
export { DEFAULT_OPTIONS, type AgatstonOptions, type Connectivity, type ThresholdMode } from './options';
export type { ThicknessNormalisation, OverlapRule } from './slice-geometry';
export { CLASSIC_WEIGHT_BOUNDS, kvpWeightBounds, type WeightBounds } from './kvp-thresholds';
export { densityWeight } from './density-weight';
export type { QualityFlag } from './quality-flags';
export {
  cacCategory,
  cacDrs,
  classicClass,
  type CacCategory,
  type CacDrs,
  type CacDrsCategory,
  type ClassicClass,
} from './categories';
export {
  ScoringError,
  InvalidVolumeError,
  LabelsMismatchError,
  InvalidOptionsError,
  InvalidRoiError,
  InvalidCalibrationError,
  InvalidScoreError,
  type ScoringErrorCode,
} from './errors';
