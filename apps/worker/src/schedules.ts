import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { sweepInput } from './client';
import { taskQueues } from './task-queues';
import { sweepArchive } from './workflows';

export interface NightlySweepOptions {
  source: string;
  modelVersion: string;
  /** Cron expression in the schedule's time zone; default 02:00 every night. */
  cron?: string;
  timeZone?: string;
  maxInFlight?: number;
  taskQueuePrefix?: string;
}

/** One schedule per source: the ID is derived from it, so creating it twice is harmless. */
export const nightlyScheduleId = (source: string): string => `nightly-sweep/${source}`;

/**
 * A Temporal Schedule that starts an incremental sweep every night: only studies newer than the newest study
 * already screened from the source. A night's sweep that is still running makes the next one wait (no overlap).
 */
export async function ensureNightlySweepSchedule(client: Client, options: NightlySweepOptions): Promise<string> {
  const scheduleId = nightlyScheduleId(options.source);
  try {
    await client.schedule.create({
      scheduleId,
      spec: { cronExpressions: [options.cron ?? '0 2 * * *'], timezone: options.timeZone ?? 'UTC' },
      policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '1 day' },
      action: {
        type: 'startWorkflow',
        workflowType: sweepArchive,
        taskQueue: taskQueues(options.taskQueuePrefix).screening,
        workflowId: `sweep/nightly/${options.source}`,
        args: [sweepInput({ ...options, incremental: true })],
      },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  return scheduleId;
}
