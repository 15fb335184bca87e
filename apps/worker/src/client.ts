import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { taskQueues } from './task-queues';
import { sweepArchive } from './workflows';
import { DEFAULT_ARCHIVE_TIMEOUT_SECONDS, type SweepArchiveInput } from './workflows/contracts';

export interface StartSweepOptions {
  source: string;
  modelVersion: string;
  maxInFlight?: number;
  pageSize?: number;
  incremental?: boolean;
  /** Must match the workers' CACSCREEN_TASK_QUEUE_PREFIX. */
  taskQueuePrefix?: string;
  /** How long a page listing may keep failing (an unreachable archive) before the sweep fails. Default 15 min. */
  archiveTimeoutSeconds?: number;
}

export const DEFAULT_MAX_IN_FLIGHT = 8;
export const DEFAULT_PAGE_SIZE = 100;

export function sweepInput(options: StartSweepOptions): SweepArchiveInput {
  return {
    source: options.source,
    modelVersion: options.modelVersion,
    maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    incremental: options.incremental ?? false,
    inferenceTaskQueue: taskQueues(options.taskQueuePrefix).inference,
    archiveTimeoutSeconds: options.archiveTimeoutSeconds ?? DEFAULT_ARCHIVE_TIMEOUT_SECONDS,
  };
}

/** Starts a sweep workflow; it registers its own database row (the workflow ID is the key). */
export async function startSweep(client: Client, options: StartSweepOptions): Promise<{ workflowId: string }> {
  const workflowId = `sweep/${randomUUID()}`;
  const taskQueue = taskQueues(options.taskQueuePrefix).screening;
  await client.workflow.start(sweepArchive, { taskQueue, workflowId, args: [sweepInput(options)] });
  return { workflowId };
}
