import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Db, ensureSweep } from '@cacscreen/db';
import { SCREENING_TASK_QUEUE } from './task-queues';
import { sweepArchive } from './workflows';
import type { SweepArchiveInput } from './workflows/contracts';

export interface StartSweepOptions {
  source: string;
  modelVersion: string;
  maxInFlight?: number;
  pageSize?: number;
}

export interface StartedSweep {
  sweepId: string;
  workflowId: string;
}

/** Records a sweep and starts its workflow. The sweep row and the workflow share an ID, so either finds the other. */
export async function startSweep(db: Db, client: Client, options: StartSweepOptions): Promise<StartedSweep> {
  const workflowId = `sweep/${randomUUID()}`;
  const sweepId = await ensureSweep(db, { workflowId, source: options.source, modelVersion: options.modelVersion });
  const input: SweepArchiveInput = {
    sweepId,
    source: options.source,
    modelVersion: options.modelVersion,
    maxInFlight: options.maxInFlight ?? 8,
    pageSize: options.pageSize ?? 100,
  };
  await client.workflow.start(sweepArchive, { taskQueue: SCREENING_TASK_QUEUE, workflowId, args: [input] });
  return { sweepId, workflowId };
}
