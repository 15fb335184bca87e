import { Client, Connection } from '@temporalio/client';
import { createDb, Db } from '@cacscreen/db';
import {
  loadLabeller,
  progressQuery,
  startSweep,
  startWorkers,
  SweepCounters,
  SweepProgress,
  workerConfigFromEnv,
} from '@cacscreen/worker';
import { ProgressLine, renderSweepProgress } from '../output/progress-bar';

export interface SweepRunOptions {
  databaseUrl: string;
  temporalAddress: string;
  source: string;
  maxInFlight?: number;
  /** Keep the in-process workers running after the sweep (e.g. to serve the API). */
  keepWorkers?: boolean;
}

export interface SweepRun {
  sweepId: string;
  workflowId: string;
  counters: SweepCounters;
  db: Db;
  client: Client;
  stopWorkers(): Promise<void>;
}

/** Starts workers in this process, runs one sweep through Temporal, and shows its progress until it ends. */
export async function runSweepWithLocalWorkers(options: SweepRunOptions): Promise<SweepRun> {
  const config = workerConfigFromEnv({ databaseUrl: options.databaseUrl, temporalAddress: options.temporalAddress });
  const workers = await startWorkers(config, ['screening', 'inference']);
  const db = createDb(options.databaseUrl);
  const client = new Client({ connection: await Connection.connect({ address: options.temporalAddress }) });
  const modelVersion = (await loadLabeller()).version;
  const { workflowId } = await startSweep(client, { source: options.source, modelVersion, maxInFlight: options.maxInFlight });

  const handle = client.workflow.getHandle(workflowId);
  const line = new ProgressLine();
  const poll = setInterval(() => {
    handle
      .query(progressQuery)
      .then((progress: SweepProgress) => line.update(renderSweepProgress(progress)))
      .catch(() => undefined); // between runs (continue-as-new) a query can miss; the next poll catches up
  }, 500);
  try {
    const counters = (await handle.result()) as SweepCounters;
    line.finish(renderSweepProgress({ ...counters, status: 'completed', inFlight: 0, studiesPerHour: 0, etaSeconds: null }));
    const sweep = await db.sweep.findUniqueOrThrow({ where: { workflowId } });
    return { sweepId: sweep.id, workflowId, counters, db, client, stopWorkers: () => workers.shutdown() };
  } finally {
    clearInterval(poll);
    if (!options.keepWorkers) await workers.shutdown();
  }
}
