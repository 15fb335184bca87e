/** The `score --json` output: its shape, the rejection record, and the score fields a scored study carries. */
import path from 'node:path';
import { DicomError, type UnreadableFile } from '@cacscreen/dicom';
import { type RoiScore, type ScoreResult, summariseScore } from '@cacscreen/scoring';
import { calciumGrades, type OrdinalScore, type VisualGrade } from '@cacscreen/risk';

/** The `score --json` contract (DESIGN.md): one object per study, scored or rejected with a reason. */
export interface ScoreOutput {
  status: 'scored' | 'rejected';
  reason: string | null;
  studyInstanceUid: string | null;
  seriesInstanceUid: string | null;
  agatston: { total: number; byArtery: { LM: number; LAD: number; LCX: number; RCA: number } } | null;
  volumeMm3: number | null;
  massMg: number | null;
  lesions: Array<{ artery: string; agatston: number; volumeMm3: number; peakHu: number; centroidMm: number[] }>;
  cacDrs: string | null;
  category: string | null;
  /** Ordinal (0–12) and none/mild/moderate/severe grades, reported beside Agatston for non-gated scans. */
  grades: {
    ordinal: { total: number; byArtery: OrdinalScore['byArtery'] };
    visualFromAgatston: VisualGrade;
    visualFromOrdinal: VisualGrade;
  } | null;
  qualityFlags: string[];
  model: { name: string; version: string; sha256: string | null };
  series: Array<{ seriesInstanceUid: string; accepted: boolean; lowConfidence: boolean; reason: string }>;
  warnings: string[];
  rois?: Record<string, RoiScore>;
  timingsMs: Record<string, number>;
}

export function rejected(reason: string, model: ScoreOutput['model'], extra: Partial<ScoreOutput> = {}): ScoreOutput {
  return {
    status: 'rejected',
    reason,
    studyInstanceUid: null,
    seriesInstanceUid: null,
    agatston: null,
    volumeMm3: null,
    massMg: null,
    lesions: [],
    cacDrs: null,
    category: null,
    grades: null,
    qualityFlags: [],
    model,
    series: [],
    warnings: [],
    timingsMs: {},
    ...extra,
  };
}

/** The folder's unreadable files in a few words: they often explain a rejection (a slice gap where one was). */
export function describeUnreadable(unreadable: UnreadableFile[]): string {
  const first = unreadable[0];
  const code = first.code ? `${first.code}: ` : '';
  return `${unreadable.length} unreadable file(s), e.g. ${path.basename(first.path)}: ${code}${first.reason}`;
}

/** Appended to a rejection's reason. */
export function unreadableNote(unreadable: UnreadableFile[]): string {
  return unreadable.length ? `; ${describeUnreadable(unreadable)}` : '';
}

/** The code and message of a DicomError; anything else the reader threw on these files is a decode failure. */
export function rejectionReason(error: unknown): string {
  if (error instanceof DicomError) return `${error.code}: ${error.message}`;
  return `DECODE_FAILED: ${error instanceof Error ? error.message : String(error)}`;
}

/** What a scored study carries: the rounded score (summariseScore) and the non-gated grades. */
export function scoreFields(score: ScoreResult) {
  const grades = calciumGrades(score.lesions, score.agatston.total);
  const { agatston, volumeMm3, massMg, lesions, cacDrs, category } = summariseScore(score);
  return {
    agatston,
    volumeMm3,
    massMg,
    lesions,
    cacDrs,
    category,
    grades: {
      ordinal: { total: grades.ordinal.total, byArtery: grades.ordinal.byArtery },
      visualFromAgatston: grades.visualFromAgatston,
      visualFromOrdinal: grades.visualFromOrdinal,
    },
    qualityFlags: [...score.qualityFlags],
  };
}
