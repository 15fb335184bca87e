import { existsSync } from 'fs';
import { join } from 'path';
import type { BuiltVolume } from '../volume/assemble-volume';
import type { BuildVolumeOptions } from '../volume/build-volume-options';
import { DEFAULT_DECODE_BUDGET, type DecodeBudget } from './decode-budget';
import { ThreadPool } from './thread-pool';

/**
 * The thread runs compiled JavaScript. From the TypeScript sources (tests, tsx scripts) that is the package's
 * dist/ build, so `npm run build` must have run; from dist/ it is the file beside this one.
 */
const THREAD_ENTRY = __filename.endsWith('.js')
  ? join(__dirname, 'read-series-thread.js')
  : join(__dirname, '..', '..', 'dist', 'isolation', 'read-series-thread.js');

/**
 * readSeriesVolume in a worker thread with a time and heap budget. Whatever the files do to the parser or a codec
 * (a hang, a heap blow-up), the caller gets a DicomError (RESOURCE_BUDGET when the budget ran out) and lives on.
 */
export async function readSeriesIsolated(
  files: string[],
  options: BuildVolumeOptions = {},
  budget: DecodeBudget = DEFAULT_DECODE_BUDGET,
): Promise<BuiltVolume> {
  if (!pool) {
    // Checked once, when the pool is made, not on every read.
    if (!existsSync(THREAD_ENTRY)) throw new Error(`${THREAD_ENTRY} is missing: run \`npm run build\` first`);
    pool = new ThreadPool(THREAD_ENTRY, 'Reading the series');
  }
  return pool.run({ files, options }, budget);
}

let pool: ThreadPool<{ files: string[]; options: BuildVolumeOptions }, BuiltVolume> | undefined;
