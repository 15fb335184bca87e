export { selectSeries } from './select-series';
export type { SeriesDecision, SeriesSelection } from './select-series';
export { evaluateSeries } from './evaluate-series';
export type { SeriesEvaluation } from './evaluate-series';
export { classifyKernel } from './classify-kernel';
export type { KernelClass } from './classify-kernel';
export { DEFAULT_SELECTION_POLICY } from './selection-policy';
export type { SelectionPolicy } from './selection-policy';
