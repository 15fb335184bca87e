export { readSeriesIsolated } from './read-series-isolated';
export { DEFAULT_DECODE_BUDGET, decodeBudgetFromEnv } from './decode-budget';
export type { DecodeBudget } from './decode-budget';
export { ThreadPool } from './thread-pool';
export { serveParent } from './thread-protocol';
export { decodeThreadsFromEnv } from './decode-threads';
