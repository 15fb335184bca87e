import fs from 'node:fs';
import path from 'node:path';
import { startLocalStack } from '../local-stack';
import { renderWorklist } from '../output/worklist-table';
import { runSweepWithLocalWorkers } from './run-sweep';
import { UsageError } from './usage-error';

/** `cacscreen sweep <dir>`: sweep a folder archive with workers in this process, then print the worklist. */
export async function sweepCommand(dir: string, options: { maxInFlight: number }): Promise<void> {
  const source = path.resolve(dir);
  if (!fs.existsSync(source) || !fs.statSync(source).isDirectory()) throw new UsageError(`not a directory: ${dir}`);
  const stack = await startLocalStack('demo');
  const run = await runSweepWithLocalWorkers({
    databaseUrl: stack.databaseUrl,
    temporalAddress: stack.temporalAddress,
    source,
    maxInFlight: options.maxInFlight,
  });
  console.log(await renderWorklist(run.db, run.sweepId));
  console.log(`Sweep ${run.sweepId} (${run.workflowId}) done.`);
  await run.db.$disconnect();
}
