import type { Client } from '@temporalio/client';
import { progressQuery, SweepCounters, SweepProgress } from '@cacscreen/worker';
import { ProgressLine, renderSweepProgress } from './progress-bar';

/** Shows a sweep's live progress line until its workflow ends (across continue-as-new runs); returns its counters. */
export async function watchSweepWorkflow(client: Client, workflowId: string): Promise<SweepCounters> {
  const handle = client.workflow.getHandle(workflowId);
  const line = new ProgressLine();
  const startedAt = Date.now();
  const poll = setInterval(() => {
    handle
      .query(progressQuery)
      .then((progress: SweepProgress) => line.update(renderSweepProgress(progress)))
      .catch(() => undefined); // between runs (continue-as-new) a query can miss; the next poll catches up
  }, 500);
  try {
    const counters = (await handle.result()) as SweepCounters;
    const done = counters.screened + counters.skipped + counters.failed;
    const studiesPerHour = Math.round(done / Math.max((Date.now() - startedAt) / 3_600_000, 1e-9));
    line.finish(
      renderSweepProgress({ ...counters, status: 'completed', inFlight: 0, studiesPerHour, etaSeconds: null }),
    );
    return counters;
  } finally {
    clearInterval(poll);
  }
}
