import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createDb, ensureSweep } from '@cacscreen/db';
import { labellerVersion, sweepArchive, sweepInput, taskQueues } from '@cacscreen/worker';
import { startLocalStack } from '@cacscreen/local-stack';
import { watchSweepWorkflow } from '../output/watch-sweep';
import { renderWorklist } from '../output/worklist-table';
import { runSweepWithLocalWorkers } from './run-sweep';
import { UsageError } from './usage-error';

export interface SweepCommandOptions {
  maxInFlight: number;
  /** 'local': workers in this process (default); 'remote': workers already running elsewhere. */
  workers: string;
  watch: boolean;
}

/** A folder path (made absolute) or a DICOMweb base URL. */
function resolveSource(dirOrUrl: string): string {
  if (/^https?:\/\//i.test(dirOrUrl)) return dirOrUrl;
  const source = path.resolve(dirOrUrl);
  if (!fs.existsSync(source) || !fs.statSync(source).isDirectory())
    throw new UsageError(`not a directory: ${dirOrUrl}`);
  return source;
}

/**
 * `cacscreen sweep <dir|url>`: sweep an archive through Temporal. With local workers (the default) it runs them in
 * this process and shows a live progress bar to the end; with `--workers remote` it starts the sweep for the workers
 * already running elsewhere and, with `--watch` (the default), follows it.
 */
export async function sweepCommand(dirOrUrl: string, options: SweepCommandOptions): Promise<void> {
  const source = resolveSource(dirOrUrl);
  if (options.workers !== 'local' && options.workers !== 'remote')
    throw new UsageError('--workers must be local or remote');
  if (options.workers === 'local' && !options.watch) {
    throw new UsageError('--no-watch needs --workers remote: local workers live only as long as this command');
  }
  const stack = await startLocalStack('demo');
  if (options.workers === 'local') {
    const run = await runSweepWithLocalWorkers({
      databaseUrl: stack.databaseUrl,
      temporalAddress: stack.temporalAddress,
      source,
      maxInFlight: options.maxInFlight,
    });
    console.log(await renderWorklist(run.db, run.sweepId));
    console.log(`Sweep ${run.sweepId} (${run.workflowId}) done.`);
    await run.db.$disconnect();
    return;
  }
  const db = createDb(stack.databaseUrl);
  const client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  try {
    // The model version must be the remote inference workers' (same CACSCREEN_LABELLER).
    const modelVersion = labellerVersion();
    const taskQueuePrefix = process.env.CACSCREEN_TASK_QUEUE_PREFIX ?? '';
    const workflowId = `sweep/${randomUUID()}`;
    const sweepId = await ensureSweep(db, { workflowId, source, modelVersion });
    await client.workflow.start(sweepArchive, {
      taskQueue: taskQueues(taskQueuePrefix).screening,
      workflowId,
      args: [{ ...sweepInput({ source, modelVersion, maxInFlight: options.maxInFlight, taskQueuePrefix }), sweepId }],
    });
    console.log(`Started sweep ${sweepId} (${workflowId}).`);
    if (options.watch) {
      await watchSweepWorkflow(client, workflowId);
      console.log(await renderWorklist(db, sweepId));
    } else {
      console.log(`Follow it with \`npx cacscreen sweeps watch ${sweepId}\`.`);
    }
  } finally {
    await client.connection.close();
    await db.$disconnect();
  }
}
