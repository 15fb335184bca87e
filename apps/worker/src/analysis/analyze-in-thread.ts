import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ThreadPool, type DecodeBudget } from '@cacscreen/dicom';
import { ScoringError } from '@cacscreen/scoring';
import type { AnalysisAnswer, AnalysisJob } from './analysis-thread';
import type { AnalyzeFilesOptions, FilesAnalysis } from './analyze-files';

/** Compiled JavaScript (`npm run build` first when running from the TypeScript sources). */
const THREAD_ENTRY = __filename.endsWith('.js')
  ? join(__dirname, 'analysis-thread.js')
  : join(__dirname, '..', '..', 'dist', 'analysis', 'analysis-thread.js');

/** Labellers that are plain JavaScript and so can run in any thread (the CNN keeps one ONNX session per process). */
export const THREADED_LABELLERS = ['anatomy', 'baseline'];

const pools = new Map<number, ThreadPool<AnalysisJob, AnalysisAnswer>>();

/**
 * The whole analysis (read, label, score, key images) in a warm worker thread under `budget`: the analyses an
 * inference worker runs at once then use as many cores, and its event loop stays free. Run in the main thread, one
 * analysis' synchronous labelling held back the others' reads, timers and heartbeats: with two at once, a 256² × 60
 * read measured 55 ms alone and 600 ms beside another analysis. `threads` warm threads are kept (the concurrency).
 */
export async function analyzeFilesInThread(
  files: string[],
  labeller: string,
  budget: DecodeBudget,
  options: AnalyzeFilesOptions,
  threads: number,
): Promise<FilesAnalysis> {
  let pool = pools.get(threads);
  if (!pool) {
    if (!existsSync(THREAD_ENTRY)) throw new Error(`${THREAD_ENTRY} is missing: run \`npm run build\` first`);
    pool = new ThreadPool<AnalysisJob, AnalysisAnswer>(THREAD_ENTRY, 'Analysing the series', threads);
    pools.set(threads, pool);
  }
  const answer = await pool.run({ files, labeller, options }, budget);
  if ('scoringError' in answer) throw new ScoringError(answer.scoringError.code, answer.scoringError.message);
  // A Buffer arrives as a plain Uint8Array: make the PNGs Buffers again (no copy).
  for (const image of answer.analysis.keyImages) {
    image.png = Buffer.from(image.png.buffer, image.png.byteOffset, image.png.byteLength);
  }
  return answer.analysis;
}
