import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  DEFAULT_DECODE_BUDGET,
  DicomError,
  readSeriesIsolated,
  type DecodeBudget,
  type DicomLimits,
} from '@cacscreen/dicom';
import { analyzeVolume, CalciumLabeller, renderKeyImages, ScoringError } from '@cacscreen/scoring';
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

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

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
  /** Header limits and the isolated read's budget; the defaults when not given. */
  reading?: { limits?: DicomLimits; budget?: DecodeBudget };
}): InferenceActivities {
  const budget = deps.reading?.budget ?? DEFAULT_DECODE_BUDGET;
  const readOptions = { limits: deps.reading?.limits };
  return {
    /**
     * Load → decode (isolated) → HU volume → label → score → key images. Heartbeats between stages so a dead worker is noticed
     * quickly. Key images (PNG, patient data) go straight to the key-image store, never into the Temporal result.
     */
    async analyzeSeries(input: AnalyzeSeriesInput): Promise<SeriesAnalysis> {
      const heartbeat = (stage: string) => Context.current().heartbeat(stage);
      const started = performance.now();
      // Also beat between stages while awaiting I/O, so a slow archive read is not taken for a dead worker.
      const ticker = setInterval(() => heartbeat('working'), HEARTBEAT_INTERVAL_MS);
      try {
        const files = await deps.archives.seriesFiles(input.source, input.studyInstanceUid, input.seriesInstanceUid);
        heartbeat('decode');
        // In its own thread with a time and heap budget: a poison study is rejected (RESOURCE_BUDGET), and this
        // worker goes on with the next one.
        const { volume, warnings } = await readSeriesIsolated(files, readOptions, budget);
        const decoded = performance.now();
        heartbeat('label');
        const { score, labels, timingsMs, warnings: labellerWarnings } = await analyzeVolume(volume, deps.labeller);
        heartbeat('key-images');
        const keyImagesStart = performance.now();
        // Workflows started before key images existed pass no study ID: those studies get none.
        if (input.studyId) {
          const images = renderKeyImages(volume, labels, score);
          const modelVersion = input.modelVersion ?? deps.labeller.version;
          const key = { studyId: input.studyId, modelVersion };
          await saveWithRetry(() => deps.keyImages.save(key, images));
        }
        const keyImagesMs = performance.now() - keyImagesStart;
        return {
          seriesInstanceUid: input.seriesInstanceUid,
          model: { name: deps.labeller.name, version: deps.labeller.version },
          agatstonTotal: round(score.agatston.total),
          byArtery: {
            LM: round(score.agatston.byArtery.LM),
            LAD: round(score.agatston.byArtery.LAD),
            LCX: round(score.agatston.byArtery.LCX),
            RCA: round(score.agatston.byArtery.RCA),
          },
          volumeMm3: round(score.volumeMm3),
          massMg: score.massMg === null ? null : round(score.massMg),
          cacDrs: score.cacDrs.category,
          category: score.category,
          lesions: score.lesions.slice(0, MAX_LESIONS_IN_RESULT).map((lesion) => ({
            artery: lesion.artery,
            agatston: round(lesion.agatston),
            volumeMm3: round(lesion.volumeMm3),
            peakHu: lesion.peakHu,
            centroidMm: lesion.centroidMm.map((v) => round(v, 1)) as [number, number, number],
          })),
          qualityFlags: score.qualityFlags,
          warnings: [...warnings, ...labellerWarnings],
          timingsMs: {
            decode: Math.round(decoded - started),
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
