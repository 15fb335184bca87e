import {
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  proxyActivities,
  type RetryPolicy,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ScreeningActivities } from '../activities/types';
import { BAD_DATA_FAILURE } from '../activities/types';
import {
  SweepArchiveInput,
  SweepCounters,
  SweepProgress,
  ScreenOutcome,
  cancelSignal,
  emptyCounters,
  pauseSignal,
  progressQuery,
  resumeSignal,
  DEFAULT_ARCHIVE_TIMEOUT_SECONDS,
} from './contracts';
import { runScreenStudy } from './run-screen-study';

/** Backoff for the sweep's own activities; bad data is never retried. */
const SWEEP_RETRY: RetryPolicy = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '1m',
  nonRetryableErrorTypes: [BAD_DATA_FAILURE],
};

/** The sweep's bookkeeping (its row, the watermark): retried, but bounded (about 15 minutes of tries). */
const activities = proxyActivities<ScreeningActivities>({
  startToCloseTimeout: '5m',
  retry: { ...SWEEP_RETRY, maximumAttempts: 20 },
});

/** Listing a page is retried until `timeoutSeconds` have passed (an unreachable archive), then the sweep fails. */
function listingActivities(timeoutSeconds: number) {
  return proxyActivities<ScreeningActivities>({
    startToCloseTimeout: '5m',
    scheduleToCloseTimeout: `${timeoutSeconds} s`,
    retry: SWEEP_RETRY,
  });
}

/** A failure and its causes in one line ("Activity task timed out: DICOMweb … answered HTTP 503"). */
function describeFailure(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error && messages.length < 5; e = e.cause) {
    if (e.message && !messages.includes(e.message)) messages.push(e.message);
  }
  return messages.join(': ') || String(error);
}

function countOutcome(counters: SweepCounters, outcome: ScreenOutcome): void {
  if (outcome.status === 'scored') {
    counters.screened++;
    if (outcome.flagged) counters.flagged++;
  } else if (outcome.status === 'already-screened') counters.alreadyScreened++;
  else if (outcome.status === 'rejected') counters.skipped++;
  else counters.failed++;
}

/**
 * Sweeps an archive one page at a time, keeping at most `maxInFlight` screenStudy children running (a sliding
 * window). After each page it continues as new, so the history stays bounded whatever the archive's size.
 */
export async function sweepArchive(input: SweepArchiveInput): Promise<SweepCounters> {
  const counters = input.counters ?? emptyCounters();
  const startedAtMs = input.startedAtMs ?? Date.now();
  const inFlight = new Set<Promise<void>>();
  let pageRemaining = 0;
  let paused = input.paused ?? false;
  let cancelled = false;

  setHandler(pauseSignal, () => void (paused = true));
  setHandler(resumeSignal, () => void (paused = false));
  // Cancel also stops a page listing that is still retrying (an archive that does not answer), so it always ends.
  const listing = new CancellationScope();
  const cancelStopsListing = patched('sweep-cancel-stops-listing');
  setHandler(cancelSignal, () => {
    cancelled = true;
    if (cancelStopsListing) listing.cancel();
  });
  const liveStatus = () => (cancelled ? 'cancelling' : paused ? 'paused' : 'running');
  setHandler(progressQuery, (): SweepProgress => {
    const hours = Math.max(Date.now() - startedAtMs, 1) / 3_600_000;
    const done = counters.screened + counters.skipped + counters.failed;
    const studiesPerHour = done / hours;
    const status = liveStatus();
    const etaSeconds =
      studiesPerHour > 0 ? Math.round(((pageRemaining + inFlight.size) / studiesPerHour) * 3600) : null;
    return { ...counters, status, inFlight: inFlight.size, studiesPerHour: Math.round(studiesPerHour), etaSeconds };
  });

  const sweepId =
    input.sweepId ??
    (await activities.registerSweep({
      workflowId: workflowInfo().workflowId,
      source: input.source,
      modelVersion: input.modelVersion,
    }));
  // A pause, resume or cancel reaches the stored sweep at once, so the API and `cacscreen sweeps list` show it.
  let pageDone = false;
  const statusRecorder = patched('sweep-status-recorded-on-signal')
    ? (async () => {
        let recorded: string = paused ? 'paused' : 'running';
        for (;;) {
          await condition(() => pageDone || liveStatus() !== recorded);
          if (pageDone) return;
          recorded = liveStatus();
          await activities.saveSweepProgress({ sweepId, counters, status: recorded });
        }
      })()
    : Promise.resolve();
  const studiesAfter =
    input.studiesAfter !== undefined || !input.incremental
      ? (input.studiesAfter ?? null)
      : await activities.readWatermark({ source: input.source, modelVersion: input.modelVersion });

  const listPage = () =>
    listingActivities(input.archiveTimeoutSeconds ?? DEFAULT_ARCHIVE_TIMEOUT_SECONDS).listStudiesPage({
      source: input.source,
      cursor: input.cursor ?? null,
      pageSize: input.pageSize,
      modelVersion: input.modelVersion,
      studiesAfter,
    });
  let page: Awaited<ReturnType<typeof listPage>>;
  try {
    page = await listing.run(listPage);
  } catch (error) {
    pageDone = true;
    await statusRecorder;
    if (cancelled && isCancellation(error)) {
      await activities.saveSweepProgress({ sweepId, counters, status: 'cancelled' });
      return counters;
    }
    // The archive stayed unreachable past the timeout: the sweep fails, with the reason on its row.
    const reason = describeFailure(error);
    await activities.saveSweepProgress({ sweepId, counters, status: 'failed', error: reason });
    throw ApplicationFailure.nonRetryable(`Sweep failed while listing the archive: ${reason}`);
  }
  counters.seen += page.studyInstanceUids.length + page.alreadyScreened;
  counters.alreadyScreened += page.alreadyScreened;
  pageRemaining = page.studyInstanceUids.length;

  for (const studyInstanceUid of page.studyInstanceUids) {
    await condition(() => cancelled || (!paused && inFlight.size < input.maxInFlight));
    if (cancelled) break;
    pageRemaining--;
    const child: Promise<void> = runScreenStudy({
      sweepId,
      source: input.source,
      studyInstanceUid,
      modelVersion: input.modelVersion,
      inferenceTaskQueue: input.inferenceTaskQueue,
    })
      .then((outcome) => countOutcome(counters, outcome))
      .catch((error: unknown) => countOutcome(counters, { status: 'failed', reason: String(error) }))
      .finally(() => inFlight.delete(child));
    inFlight.add(child);
  }
  await Promise.all(inFlight);
  pageDone = true;
  await statusRecorder;

  const finished = cancelled || page.nextCursor === null;
  const status = cancelled ? 'cancelled' : finished ? 'completed' : paused ? 'paused' : 'running';
  await activities.saveSweepProgress({ sweepId, counters, status });
  if (!finished) {
    await continueAsNew<typeof sweepArchive>({
      ...input,
      sweepId,
      studiesAfter,
      cursor: page.nextCursor,
      counters,
      startedAtMs,
      paused,
    });
  }
  return counters;
}
