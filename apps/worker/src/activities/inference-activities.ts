import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DEFAULT_DECODE_BUDGET, DicomError, type DecodeBudget, type DicomLimits } from '@cacscreen/dicom';
import { CalciumLabeller, ScoringError, summariseScore } from '@cacscreen/scoring';
import { analyzeFilesHere } from '../analysis/analyze-files';
import { analyzeFilesInThread } from '../analysis/analyze-in-thread';
import type { ArchiveRegistry } from './archive-registry';
import type { KeyImageStore } from './key-image-store';
import { AnalyzeSeriesInput, BAD_DATA_FAILURE, InferenceActivities, SeriesAnalysis } from './types';

/** Lesions kept in the result that travels through Temporal (largest first); the rest are summed in the scores. */
const MAX_LESIONS_IN_RESULT = 200;

const HEARTBEAT_INTERVAL_MS = 5_000;

/**
 * Pauses between tries to store key images (about 30 s in all): PostgreSQL restarting under a sweep must not fail
 * the activity, whose few retries would redo the whole analysis and could run out during one restart.
 */
const KEY_IMAGE_SAVE_RETRY_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];

async function saveWithRetry(save: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await save();
    } catch (error) {
      if (attempt >= KEY_IMAGE_SAVE_RETRY_MS.length) throw error;
      Context.current().heartbeat('key-images retry');
      await Context.current().sleep(KEY_IMAGE_SAVE_RETRY_MS[attempt]);
    }
  }
}

/**
 * Failure messages travel through Temporal, and archive folder names often hold patient IDs: file paths are replaced
 * by their base name, which in DICOM archives is a UID or a counter.
 */
export function withoutPaths(message: string): string {
  return message.replace(/(?:\/[^\s/:'"]+){2,}/g, (match) => `…/${match.split('/').pop()}`);
}

/** Bad data is not retried: a DICOM or scoring error becomes a non-retryable failure carrying its message. */
export function asBadDataFailure(error: unknown): never {
  // An archive that is down or overloaded (SOURCE_UNAVAILABLE) is infrastructure: leave it to the retry policy.
  const retryable = error instanceof DicomError && (error as { retryable?: boolean }).retryable === true;
  if ((error instanceof DicomError && !retryable) || error instanceof ScoringError) {
    throw ApplicationFailure.create({
      type: BAD_DATA_FAILURE,
      message: `${error.code}: ${withoutPaths(error.message)}`,
      nonRetryable: true,
    });
  }
  throw error;
}

export function createInferenceActivities(deps: {
  archives: ArchiveRegistry;
  labeller: CalciumLabeller;
  keyImages: KeyImageStore;
  /** Header limits, decode threads per read and the isolated read's budget; the defaults when not given. */
  reading?: { limits?: DicomLimits; decodeThreads?: number; budget?: DecodeBudget };
  /**
   * Run each analysis whole in a warm worker thread (analysis/analyze-in-thread.ts) with this labeller, loaded by
   * name in the thread, and keep `threads` of them; the budget then covers the whole analysis. Without it, only the
   * read is isolated and `labeller` labels in this thread.
   */
  analysisThreads?: { labeller: string; threads: number };
}): InferenceActivities {
  const budget = deps.reading?.budget ?? DEFAULT_DECODE_BUDGET;
  return {
    /**
     * Load → decode (isolated) → HU volume → label → score → key images, in an analysis thread or with only the read
     * isolated. Heartbeats while it runs, so a dead worker is noticed quickly. Key images (PNG, patient data) go
     * straight to the key-image store, never into the Temporal result.
     */
    async analyzeSeries(input: AnalyzeSeriesInput): Promise<SeriesAnalysis> {
      const heartbeat = (stage: string) => Context.current().heartbeat(stage);
      const started = performance.now();
      // Also beat between stages while awaiting I/O, so a slow archive read is not taken for a dead worker.
      const ticker = setInterval(() => heartbeat('working'), HEARTBEAT_INTERVAL_MS);
      try {
        const files = await deps.archives.seriesFiles(input.source, input.studyInstanceUid, input.seriesInstanceUid);
        const fetchMs = performance.now() - started;
        heartbeat('analysis');
        // Workflows started before key images existed pass no study ID: those studies get none.
        const options = { ...deps.reading, renderKeyImages: Boolean(input.studyId) };
        const threads = deps.analysisThreads;
        const { score, warnings, keyImages, timingsMs } = threads
          ? await analyzeFilesInThread(files, threads.labeller, budget, options, threads.threads)
          : await analyzeFilesHere(files, deps.labeller, budget, options);
        heartbeat('key-images');
        const saveStart = performance.now();
        if (input.studyId) {
          const modelVersion = input.modelVersion ?? deps.labeller.version;
          const key = { studyId: input.studyId, modelVersion };
          await saveWithRetry(() => deps.keyImages.save(key, keyImages));
        }
        const keyImagesMs = timingsMs.keyImages + (performance.now() - saveStart);
        const summary = summariseScore(score, MAX_LESIONS_IN_RESULT);
        return {
          seriesInstanceUid: input.seriesInstanceUid,
          model: { name: deps.labeller.name, version: deps.labeller.version },
          agatstonTotal: summary.agatston.total,
          byArtery: summary.agatston.byArtery,
          volumeMm3: summary.volumeMm3,
          massMg: summary.massMg,
          cacDrs: summary.cacDrs,
          category: summary.category,
          lesions: summary.lesions,
          qualityFlags: summary.qualityFlags,
          warnings,
          timingsMs: {
            fetch: Math.round(fetchMs),
            decode: Math.round(timingsMs.decode),
            label: Math.round(timingsMs.label),
            score: Math.round(timingsMs.score),
            keyImages: Math.round(keyImagesMs),
            total: Math.round(performance.now() - started),
          },
        };
      } catch (error) {
        return asBadDataFailure(error);
      } finally {
        clearInterval(ticker);
      }
    },
  };
}
