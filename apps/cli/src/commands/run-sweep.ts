import { Client, Connection } from '@temporalio/client';
import { createDb, Db } from '@cacscreen/db';
import { labellerVersion, startSweep, startWorkers, SweepCounters, workerConfigFromEnv } from '@cacscreen/worker';
import { watchSweepWorkflow } from '../output/watch-sweep';

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
  const modelVersion = labellerVersion();
  const { workflowId } = await startSweep(client, {
    source: options.source,
    modelVersion,
    maxInFlight: options.maxInFlight,
    taskQueuePrefix: config.taskQueuePrefix,
  });

  try {
    const counters = await watchSweepWorkflow(client, workflowId);
    const sweep = await db.sweep.findUniqueOrThrow({ where: { workflowId } });
    return { sweepId: sweep.id, workflowId, counters, db, client, stopWorkers: () => workers.shutdown() };
  } finally {
    if (!options.keepWorkers) await workers.shutdown();
  }
}
