import type { Db } from './client';

/** The counts a sweep row stores; the workflow's SweepCounters add what it reports only live (alreadyScreened). */
export interface StoredSweepCounters {
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

/**
 * Stores a sweep's counters and status; `error` says why a failed sweep failed. The stored `flagged` is counted in
 * the database (the worklist items this sweep created), so it always equals what the worklist's sweep filter shows,
 * even when a retried activity made the workflow's own count drift.
 */
export async function saveSweepProgress(
  db: Db,
  sweepId: string,
  counters: StoredSweepCounters,
  status: string,
  error: string | null = null,
): Promise<void> {
  const finished = FINAL_STATUSES.has(status);
  const { seen, screened, skipped, failed } = counters;
  const flagged = await countFlaggedItems(db, sweepId);
  await db.sweep.update({
    where: { id: sweepId },
    data: { seen, screened, skipped, failed, flagged, status, error, finishedAt: finished ? new Date() : null },
  });
}

/** The worklist items a sweep put on the worklist: its "flagged" count, and the worklist's `sweepId` filter. */
export function countFlaggedItems(db: Db, sweepId: string): Promise<number> {
  return db.worklistItem.count({ where: { sweepId } });
}
