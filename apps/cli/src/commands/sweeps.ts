import { Client, Connection } from '@temporalio/client';
import { createDb, Db } from '@cacscreen/db';
import { cancelSignal, pauseSignal, resumeSignal } from '@cacscreen/worker';
import { startLocalStack } from '@cacscreen/local-stack';
import { watchSweepWorkflow } from '../output/watch-sweep';
import { UsageError } from './usage-error';

const SIGNALS = { pause: pauseSignal, resume: resumeSignal, cancel: cancelSignal } as const;
export type SweepSignalName = keyof typeof SIGNALS;

/** Runs `action` against the configured (or local demo) PostgreSQL and Temporal. */
async function withServices<T>(action: (db: Db, client: Client) => Promise<T>): Promise<T> {
  const stack = await startLocalStack('demo');
  const db = createDb(stack.databaseUrl);
  const client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  try {
    return await action(db, client);
  } finally {
    await client.connection.close();
    await db.$disconnect();
  }
}

async function findSweep(db: Db, idOrWorkflowId: string) {
  const sweep = await db.sweep.findFirst({
    where: { OR: [{ workflowId: idOrWorkflowId }, ...(isUuid(idOrWorkflowId) ? [{ id: idOrWorkflowId }] : [])] },
  });
  if (!sweep) throw new UsageError(`no sweep ${idOrWorkflowId} (see \`cacscreen sweeps list\`)`);
  return sweep;
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** `cacscreen sweeps list`: recent sweeps with their stored counters. */
export function listSweepsCommand(): Promise<void> {
  return withServices(async (db) => {
    const sweeps = await db.sweep.findMany({ orderBy: { startedAt: 'desc' }, take: 20 });
    if (sweeps.length === 0) console.log('No sweeps yet.');
    for (const s of sweeps) {
      console.log(
        `${s.id}  ${s.status.padEnd(9)}  seen ${s.seen} screened ${s.screened} skipped ${s.skipped} failed ${s.failed} ` +
          `flagged ${s.flagged}  ${s.startedAt.toISOString()}  ${s.source}`,
      );
    }
  });
}

/** `cacscreen sweeps pause|resume|cancel <id>`. */
export function signalSweepCommand(name: SweepSignalName, id: string): Promise<void> {
  return withServices(async (db, client) => {
    const sweep = await findSweep(db, id);
    await client.workflow.getHandle(sweep.workflowId).signal(SIGNALS[name]);
    console.log(`Sent ${name} to sweep ${sweep.id}.`);
  });
}

/** `cacscreen sweeps watch <id>`: the live progress line until the sweep ends. */
export function watchSweepCommand(id: string): Promise<void> {
  return withServices(async (db, client) => {
    const sweep = await findSweep(db, id);
    await watchSweepWorkflow(client, sweep.workflowId);
  });
}
