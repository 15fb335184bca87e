// Inputs and outputs of every activity. Workflows import these types only (never the implementations).
import type { SweepCounters } from '../workflows/contracts';

export interface ListStudiesPageInput {
  source: string;
  cursor: string | null;
  pageSize: number;
  modelVersion: string;
}
export interface StudiesPage {
  /** Studies in this page that still need screening by this model version. */
  studyInstanceUids: string[];
  /** Studies in this page that this model version already screened. */
  alreadyScreened: number;
  nextCursor: string | null;
}

export interface PrepareStudyInput {
  source: string;
  studyInstanceUid: string;
}
export interface PreparedStudy {
  studyId: string;
  /** The series to analyse, or null with the reason when none is eligible. */
  chosenSeriesUid: string | null;
  lowConfidence: boolean;
  reason: string;
}

export interface AnalyzeSeriesInput {
  source: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
}
export interface LesionSummary {
  artery: string;
  agatston: number;
  volumeMm3: number;
  peakHu: number;
  centroidMm: [number, number, number];
}
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
  timingsMs: Record<string, number>;
}

export type RecordOutcomeInput =
  | { kind: 'scored'; studyId: string; sweepId: string | null; modelVersion: string; lowConfidence: boolean; analysis: SeriesAnalysis }
  | { kind: 'rejected' | 'failed'; studyId: string; sweepId: string | null; modelVersion: string; reason: string };
export interface RecordedOutcome {
  flagged: boolean;
  tier: string | null;
}

export interface SaveSweepProgressInput {
  sweepId: string;
  counters: SweepCounters;
  status: string;
}

/** Activities on the cac-screening task queue. */
export interface ScreeningActivities {
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
