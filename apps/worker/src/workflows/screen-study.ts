import {
  ActivityFailure,
  ActivityOptions,
  ApplicationFailure,
  proxyActivities,
  RetryPolicy,
} from '@temporalio/workflow';
import type { InferenceActivities, ScreeningActivities } from '../activities/types';
import { BAD_DATA_FAILURE } from '../activities/types';
import { INFERENCE_TASK_QUEUE } from '../task-queues';
import type { ScreenOutcome, ScreenStudyInput } from './contracts';

const infrastructureRetry: RetryPolicy = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '30s',
  maximumAttempts: 8,
};

const screening = proxyActivities<ScreeningActivities>({
  startToCloseTimeout: '2m',
  retry: { ...infrastructureRetry, nonRetryableErrorTypes: [BAD_DATA_FAILURE] },
});

const inferenceOptions: ActivityOptions = {
  startToCloseTimeout: '10m',
  // A worker that dies mid-analysis is noticed after this long and the study is retried on another worker.
  heartbeatTimeout: '30s',
  retry: { ...infrastructureRetry, maximumAttempts: 4, nonRetryableErrorTypes: [BAD_DATA_FAILURE] },
};

/** Why an activity gave up, in words fit for the stored record. */
function failureReason(error: unknown): { badData: boolean; reason: string } {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure) return { badData: cause.type === BAD_DATA_FAILURE, reason: cause.message };
  return { badData: false, reason: cause instanceof Error ? cause.message : String(cause) };
}

/** Screens one study: choose a series, analyse it, assess risk, record the outcome (and the worklist item). */
export async function screenStudy(input: ScreenStudyInput): Promise<ScreenOutcome> {
  const inference = proxyActivities<InferenceActivities>({
    ...inferenceOptions,
    taskQueue: input.inferenceTaskQueue ?? INFERENCE_TASK_QUEUE,
  });
  const prepared = await screening.prepareStudy({
    source: input.source,
    studyInstanceUid: input.studyInstanceUid,
    modelVersion: input.modelVersion,
  });
  if (prepared.alreadyScreened) return { status: 'already-screened' };
  const base = {
    studyId: prepared.studyId,
    sweepId: input.sweepId,
    modelVersion: input.modelVersion,
    // Header warnings (derived UIDs) are stored with whatever the outcome is.
    ...(prepared.warnings?.length ? { warnings: prepared.warnings } : {}),
  };
  if (!prepared.chosenSeriesUid) {
    await screening.recordOutcome({ ...base, kind: 'rejected', reason: prepared.reason });
    return { status: 'rejected', reason: prepared.reason };
  }
  try {
    const analysis = await inference.analyzeSeries({
      source: input.source,
      studyInstanceUid: input.studyInstanceUid,
      seriesInstanceUid: prepared.chosenSeriesUid,
      studyId: prepared.studyId,
      modelVersion: input.modelVersion,
    });
    const recorded = await screening.recordOutcome({
      ...base,
      kind: 'scored',
      lowConfidence: prepared.lowConfidence,
      analysis,
    });
    return {
      status: 'scored',
      flagged: recorded.flagged,
      tier: recorded.tier ?? 'unknown',
      agatston: analysis.agatstonTotal,
    };
  } catch (error) {
    const { badData, reason } = failureReason(error);
    const kind = badData ? 'rejected' : 'failed';
    await screening.recordOutcome({ ...base, kind, reason });
    return { status: kind, reason };
  }
}
