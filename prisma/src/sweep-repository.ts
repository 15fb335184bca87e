import type { Db } from './client';

export interface SweepCounters {
  seen: number;
  screened: number;
  skipped: number;
  failed: number;
  flagged: number;
}

/** Creates the sweep row on first start; a restarted workflow with the same ID finds the same row. */
export async function ensureSweep(
  db: Db,
  input: { workflowId: string; source: string; modelVersion: string },
): Promise<string> {
  const sweep = await db.sweep.upsert({
    where: { workflowId: input.workflowId },
    create: { ...input, status: 'running' },
    update: {},
  });
  return sweep.id;
}

/** Statuses after which a sweep does nothing more. */
const FINAL_STATUSES = new Set(['completed', 'cancelled', 'failed']);

/** Stores a sweep's counters and status; `error` says why a failed sweep failed. */
export async function saveSweepProgress(
  db: Db,
  sweepId: string,
  counters: SweepCounters,
  status: string,
  error: string | null = null,
): Promise<void> {
  const finished = FINAL_STATUSES.has(status);
  const { seen, screened, skipped, failed, flagged } = counters;
  await db.sweep.update({
    where: { id: sweepId },
    data: { seen, screened, skipped, failed, flagged, status, error, finishedAt: finished ? new Date() : null },
  });
}
