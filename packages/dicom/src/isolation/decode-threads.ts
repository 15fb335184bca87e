import { existsSync } from 'fs';
import { availableParallelism } from 'os';
import { join } from 'path';
import { resourceLimits } from 'worker_threads';
import { type FileSlice, type FillOptions, type SliceFailure, fillFromFiles } from '../volume/fill-from-files';
import { DEFAULT_DECODE_BUDGET, type DecodeBudget, positiveInteger } from './decode-budget';
import { ThreadPool } from './thread-pool';
import { type SerializedError, reviveError } from './thread-protocol';

/** Compiled JavaScript, as for the read-isolation thread (`npm run build` first when running from sources). */
const FILL_ENTRY = __filename.endsWith('.js')
  ? join(__dirname, 'fill-slices-thread.js')
  : join(__dirname, '..', '..', 'dist', 'isolation', 'fill-slices-thread.js');

/** A thread's share below this many slices is not worth a message round trip and a second parse of its headers. */
const MIN_SLICES_PER_THREAD = 8;
const MAX_DEFAULT_THREADS = 4;

export interface FillJob {
  slices: FileSlice[];
  hu: Int16Array;
  perSlice: number;
  options: FillOptions;
}

export type FillAnswer = { z: number; error: SerializedError } | undefined;

/**
 * Threads, the calling one included, that decode one series' slices at once: CACSCREEN_DECODE_THREADS, by default
 * the machine's cores up to 4. 1 decodes in the calling thread only.
 */
export function decodeThreadsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInteger(env, 'CACSCREEN_DECODE_THREADS') ?? Math.min(availableParallelism(), MAX_DEFAULT_THREADS);
}

let pool: ThreadPool<FillJob, FillAnswer> | undefined;
let entryMissing = false;

/**
 * Fills the volume's slices from several threads at once: contiguous shares of the slices, the first in this
 * thread, the others in warm helper threads that read their own files and write into the same shared HU array
 * (nothing is copied back). Falls back to this thread alone when the array is not shared, the series is
 * small, or the helper entry is not built. Returns the lowest-z failure, as a read in one thread would.
 */
export async function fillInThreads(
  slices: FileSlice[],
  hu: Int16Array,
  perSlice: number,
  options: FillOptions,
  threads: number,
): Promise<SliceFailure | undefined> {
  const count = Math.min(threads, Math.floor(slices.length / MIN_SLICES_PER_THREAD));
  if (count <= 1 || !(hu.buffer instanceof SharedArrayBuffer) || !helperPool(count)) {
    return fillFromFiles(slices, hu, perSlice, options);
  }
  const shares = Array.from({ length: count }, (_, i) =>
    slices.slice(Math.floor((i * slices.length) / count), Math.floor(((i + 1) * slices.length) / count)),
  );
  const helpers = shares.slice(1).map(async (share): Promise<SliceFailure | undefined> => {
    try {
      const answer = await helperPool(count)!.run({ slices: share, hu, perSlice, options }, helperBudget());
      return answer && { z: answer.z, error: reviveError(answer.error) };
    } catch (error) {
      return { z: share[0].z, error }; // the helper itself failed (heap budget, a crash)
    }
  });
  const failures = [fillFromFiles(shares[0], hu, perSlice, options), ...(await Promise.all(helpers))];
  return failures.reduce<SliceFailure | undefined>((low, f) => (f && (!low || f.z < low.z) ? f : low), undefined);
}

function helperPool(threads: number): ThreadPool<FillJob, FillAnswer> | undefined {
  if (!pool && !entryMissing) {
    entryMissing = !existsSync(FILL_ENTRY);
    if (!entryMissing) pool = new ThreadPool(FILL_ENTRY, 'Decoding slices', threads - 1);
  }
  return pool;
}

/** Helpers get this thread's own heap limit (an isolated read's budget); the read's time budget stops them all. */
function helperBudget(): DecodeBudget {
  return {
    timeMs: DEFAULT_DECODE_BUDGET.timeMs,
    heapMib: resourceLimits.maxOldGenerationSizeMb ?? DEFAULT_DECODE_BUDGET.heapMib,
  };
}
