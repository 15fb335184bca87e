export { readSeriesIsolated } from './read-series-isolated';
export { DEFAULT_DECODE_BUDGET, decodeBudgetFromEnv } from './decode-budget';
export type { DecodeBudget } from './decode-budget';
