import { Client, Connection } from '@temporalio/client';
import type { Db } from '@cacscreen/db';
import {
  loadLabeller,
  RunningWorkers,
  startSweep,
  StartSweepOptions,
  startWorkers,
  SweepCounters,
  workerConfigFromEnv,
  type WorkerConfig,
} from '@cacscreen/worker';
import { freshDatabase, temporalAddress, uniqueTaskQueuePrefix } from './services';

/** Real workers (both queues) on a fresh database and their own task queues, with a client to run sweeps. */
export interface SweepHarness {
  db: Db;
  databaseUrl: string;
  client: Client;
  workers: RunningWorkers;
  taskQueuePrefix: string;
  modelVersion: string;
  /** Runs one sweep of `source` to its end and returns its counters. */
  sweep(source: string, options?: Partial<StartSweepOptions>): Promise<SweepCounters>;
  close(): Promise<void>;
}

export async function startSweepHarness(name: string, overrides: Partial<WorkerConfig> = {}): Promise<SweepHarness> {
  const { url, db } = await freshDatabase(`cacscreen_e2e_${name.replace(/\W/g, '_')}`);
  const taskQueuePrefix = uniqueTaskQueuePrefix(name);
  const config = workerConfigFromEnv({
    ...overrides,
    databaseUrl: url,
    temporalAddress: temporalAddress(),
    taskQueuePrefix,
  });
  const workers = await startWorkers(config, ['screening', 'inference']);
  const client = new Client({ connection: await Connection.connect({ address: temporalAddress() }) });
  const modelVersion = (await loadLabeller()).version;
  return {
    db,
    databaseUrl: url,
    client,
    workers,
    taskQueuePrefix,
    modelVersion,
    async sweep(source, options = {}) {
      const { workflowId } = await startSweep(client, { source, modelVersion, taskQueuePrefix, ...options });
      return client.workflow.getHandle(workflowId).result();
    },
    async close() {
      await workers.shutdown();
      await client.connection.close();
      await db.$disconnect();
    },
  };
}
