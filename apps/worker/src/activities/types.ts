// Inputs and outputs of every activity. Workflows import these types only (never the implementations).
import type { LesionSummary } from '@cacscreen/scoring';
import type { SweepCounters } from '../workflows/contracts';

export interface ListStudiesPageInput {
  source: string;
  cursor: string | null;
  pageSize: number;
  modelVersion: string;
  /** Only studies dated after this day (YYYYMMDD); undated studies are always included. */
  studiesAfter?: string | null;
}
export interface StudiesPage {
  /** Studies in this page that still need screening by this model version. */
  studyInstanceUids: string[];
  /** Studies in this page that this model version already screened. */
  alreadyScreened: number;
  /** Studies in this page dated on or before the incremental watermark. */
  olderThanWatermark: number;
  nextCursor: string | null;
}

export interface PrepareStudyInput {
  source: string;
  studyInstanceUid: string;
  modelVersion: string;
}
export interface PreparedStudy {
  studyId: string;
  /** True when this model version already has a final result for the study: nothing more to do. */
  alreadyScreened: boolean;
  /** The series to analyse, or null with the reason when none is eligible. */
  chosenSeriesUid: string | null;
  lowConfidence: boolean;
  reason: string;
  /** Header warnings of the study and chosen series (e.g. UIDs derived for de-identified copies). */
  warnings?: string[];
}

export interface AnalyzeSeriesInput {
  source: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  /**
   * Database ID of the study and the sweep's model version: the key images are stored under them. Absent in
   * workflows started before key images existed (no key images are stored then).
   */
  studyId?: string;
  modelVersion?: string;
}
/** One lesion of a stored result (rounded by @cacscreen/scoring's summariseScore). */
export type { LesionSummary };
export interface SeriesAnalysis {
  seriesInstanceUid: string;
  model: { name: string; version: string };
  agatstonTotal: number;
  byArtery: { LM: number; LAD: number; LCX: number; RCA: number };
  volumeMm3: number;
  massMg: number | null;
  cacDrs: string;
  category: string;
  lesions: LesionSummary[];
  qualityFlags: string[];
  /** Volume warnings (resampled tilted series, uneven spacing, dropped duplicates); absent in older workers. */
  warnings?: string[];
  timingsMs: Record<string, number>;
}

/** `warnings`: the prepared study's header warnings, stored with the outcome (absent in older workflows). */
export type RecordOutcomeInput =
  | {
      kind: 'scored';
      studyId: string;
      sweepId: string | null;
      modelVersion: string;
      lowConfidence: boolean;
      analysis: SeriesAnalysis;
      warnings?: string[];
    }
  | {
      kind: 'rejected' | 'failed';
      studyId: string;
      sweepId: string | null;
      modelVersion: string;
      reason: string;
      warnings?: string[];
    };
export interface RecordedOutcome {
  /** This result put the patient on the worklist (a new item); false when the risk is flagged but an item exists. */
  flagged: boolean;
  tier: string | null;
}

export interface SaveSweepProgressInput {
  sweepId: string;
  counters: SweepCounters;
  status: string;
  /** Why a failed sweep failed: the listing's error and its causes, as the archive or file system gave them. */
  error?: string;
}

export interface RegisterSweepInput {
  workflowId: string;
  source: string;
  modelVersion: string;
}

/** Activities on the cac-screening task queue. */
export interface ScreeningActivities {
  registerSweep(input: RegisterSweepInput): Promise<string>;
  /** Newest study date (YYYYMMDD) among studies from this source already screened by this model version. */
  readWatermark(input: { source: string; modelVersion: string }): Promise<string | null>;
  listStudiesPage(input: ListStudiesPageInput): Promise<StudiesPage>;
  prepareStudy(input: PrepareStudyInput): Promise<PreparedStudy>;
  recordOutcome(input: RecordOutcomeInput): Promise<RecordedOutcome>;
  saveSweepProgress(input: SaveSweepProgressInput): Promise<void>;
}

/** Activities on the cac-inference task queue. */
export interface InferenceActivities {
  analyzeSeries(input: AnalyzeSeriesInput): Promise<SeriesAnalysis>;
}

/** ApplicationFailure types that mean "bad data": never retried, recorded as a rejection. */
export const BAD_DATA_FAILURE = 'BadStudyData';
