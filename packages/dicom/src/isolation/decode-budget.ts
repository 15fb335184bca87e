/**
 * What one series' read (parse, decode, HU volume) may use before it is stopped. The read runs in its own worker
 * thread (read-series-isolated.ts), so running past the budget ends that thread, not the process: an inference
 * worker survives any one study. docs/operations.md lists the defaults and their environment variables.
 */
export interface DecodeBudget {
  /** Wall-clock time for the whole read. A 512² × 4,000-frame JPEG 2000 series decodes in about a minute here. */
  timeMs: number;
  /** The thread's JavaScript heap (V8 old generation). Pixel buffers live outside it and are bounded by limits.ts. */
  heapMib: number;
}

export const DEFAULT_DECODE_BUDGET: Readonly<DecodeBudget> = Object.freeze({ timeMs: 300_000, heapMib: 1024 });

/** The defaults overridden by CACSCREEN_DECODE_TIMEOUT_S and CACSCREEN_DECODE_HEAP_MIB (positive integers). */
export function decodeBudgetFromEnv(env: NodeJS.ProcessEnv = process.env): DecodeBudget {
  const budget: DecodeBudget = { ...DEFAULT_DECODE_BUDGET };
  const seconds = positiveInteger(env, 'CACSCREEN_DECODE_TIMEOUT_S');
  if (seconds !== undefined) budget.timeMs = seconds * 1000;
  const heap = positiveInteger(env, 'CACSCREEN_DECODE_HEAP_MIB');
  if (heap !== undefined) budget.heapMib = heap;
  return budget;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}
