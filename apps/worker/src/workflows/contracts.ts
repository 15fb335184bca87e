// Types and message definitions shared by workflows, activities and clients. Pure: safe inside the workflow sandbox.
// Nothing here carries PHI: studies are named by their DICOM UIDs and database IDs only.
import type { StoredSweepCounters } from '@cacscreen/db';
import { defineQuery, defineSignal } from '@temporalio/workflow';

/** A sweep's counts: those its database row stores, and the studies it found already screened. */
export interface SweepCounters extends StoredSweepCounters {
  /** Studies listed by the archive so far. */
  seen: number;
  /** Studies scored by this sweep. */
  screened: number;
  /** Studies with no eligible series, or with unusable data (each has a recorded reason). */
  skipped: number;
  /** Studies whose screening failed after retries (recorded with the error). */
  failed: number;
  /**
   * Worklist items this sweep created (patients it put on the worklist). A second flagged study of a patient who
   * already has an open item updates that item and is not counted again; the stored sweep row counts the items in the
   * database, which is what the worklist's `sweepId` filter shows.
   */
  flagged: number;
  /** Studies already screened by this model version in an earlier sweep (not repeated). */
  alreadyScreened: number;
}

/** How long listing one page may keep failing (an unreachable archive) before a sweep fails: 15 minutes. */
export const DEFAULT_ARCHIVE_TIMEOUT_SECONDS = 15 * 60;

export interface SweepArchiveInput {
  /** Database ID of the sweep; registered by the workflow itself when absent (e.g. started by a Schedule). */
  sweepId?: string;
  /** Archive source: a folder path or a DICOMweb URL. */
  source: string;
  modelVersion: string;
  maxInFlight: number;
  pageSize: number;
  /**
   * Incremental sweep: only studies dated after the newest study already screened from this source (the
   * watermark, read once at the start). Used by the nightly Schedule.
   */
  incremental?: boolean;
  /** Internal: the watermark (YYYYMMDD) an incremental sweep resolved. */
  studiesAfter?: string | null;
  /** Task queue of the analysis activities; default cac-inference. */
  inferenceTaskQueue?: string;
  /** How long listing one page may keep failing before the sweep fails (seconds); default 900. */
  archiveTimeoutSeconds?: number;
  /** Internal: where the previous run stopped (continue-as-new). */
  cursor?: string | null;
  counters?: SweepCounters;
  startedAtMs?: number;
  paused?: boolean;
}

export interface SweepProgress extends SweepCounters {
  status: 'running' | 'paused' | 'cancelling' | 'completed' | 'cancelled' | 'failed';
  inFlight: number;
  studiesPerHour: number;
  /** Estimated seconds left for the current page only; null when unknown (the archive size is not known upfront). */
  etaSeconds: number | null;
}

export interface ScreenStudyInput {
  sweepId: string | null;
  source: string;
  studyInstanceUid: string;
  modelVersion: string;
  /** Task queue of the analysis activities; default cac-inference. */
  inferenceTaskQueue?: string;
}

export type ScreenOutcome =
  | { status: 'scored'; flagged: boolean; tier: string; agatston: number }
  | { status: 'rejected'; reason: string }
  /** A final result of this model version was already stored (e.g. by an overlapping sweep). */
  | { status: 'already-screened' }
  | { status: 'failed'; reason: string };

export const progressQuery = defineQuery<SweepProgress>('progress');
export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal('resume');
export const cancelSignal = defineSignal('cancel');

export const emptyCounters = (): SweepCounters => ({
  seen: 0,
  screened: 0,
  skipped: 0,
  failed: 0,
  flagged: 0,
  alreadyScreened: 0,
});

/**
 * Child workflow ID: one screening per study per model version (per deployment, when task queues are prefixed:
 * deployments sharing a namespace must not block each other's studies).
 */
export const screenStudyWorkflowId = (studyInstanceUid: string, modelVersion: string, deploymentPrefix = ''): string =>
  `${deploymentPrefix}screen/${studyInstanceUid}/${modelVersion}`;
