import { gradesOfResult } from '../results/result-grades';
import type { ResultWithPatientRow } from '../results/results.repository';
import { preventView } from '../results/stored-risk';
import type { WorklistRow } from '../worklist/worklist.repository';
import type { CsvCell } from './csv-write';

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** PREVENT 10-year total CVD, ASCVD and heart failure, then the ordinal total and visual grade (non-gated reporting). */
const PREVENT_AND_GRADE_COLUMNS = [
  'prevent_total_cvd_10y_pct',
  'prevent_ascvd_10y_pct',
  'prevent_hf_10y_pct',
  'ordinal_calcium_score',
  'calcium_grade',
];

function preventAndGradeCells(
  result: { lesions: unknown; agatstonTotal: number | null },
  risk: { prevent: unknown } | null,
): CsvCell[] {
  const ten = preventView(risk?.prevent)?.tenYear ?? null;
  const grades = gradesOfResult(result.lesions, result.agatstonTotal);
  return [ten?.totalCvdPct, ten?.ascvdPct, ten?.heartFailurePct, grades?.ordinal.total, grades?.visualFromAgatston];
}

export const WORKLIST_COLUMNS = [
  'item_id',
  'status',
  'tier',
  'priority',
  'mrn',
  'sex',
  'site',
  'age_at_study',
  'study_date',
  'study_instance_uid',
  'agatston_total',
  'agatston_lm',
  'agatston_lad',
  'agatston_lcx',
  'agatston_rca',
  'cac_drs',
  'pce_10y_pct',
  'framingham_10y_pct',
  'mesa_with_cac_10y_pct',
  ...PREVENT_AND_GRADE_COLUMNS,
  'missing_inputs',
  'assignee',
  'due_date',
  'dismiss_reason',
  'flagged_at',
  'updated_at',
  'result_id',
  'sweep_id',
];

export function worklistCells(row: WorklistRow): CsvCell[] {
  const result = row.screeningResult;
  const risk = result.risk;
  return [
    row.id,
    row.status,
    row.tier,
    row.priority,
    row.patient.mrn,
    row.patient.sex,
    row.patient.site,
    result.study.ageAtStudy,
    day(result.study.studyDate),
    result.study.studyInstanceUid,
    row.agatstonTotal,
    result.agatstonLM,
    result.agatstonLAD,
    result.agatstonLCX,
    result.agatstonRCA,
    result.cacDrs,
    risk?.pooledCohortPct,
    risk?.framinghamPct,
    risk?.mesaWithCacPct,
    ...preventAndGradeCells(result, risk),
    risk?.missing.join(' '),
    row.assignee,
    day(row.dueDate),
    row.dismissReason,
    row.createdAt.toISOString(),
    row.updatedAt.toISOString(),
    result.id,
    result.sweepId,
  ];
}

export const RESULT_COLUMNS = [
  'result_id',
  'status',
  'reason',
  'mrn',
  'study_instance_uid',
  'study_date',
  'age_at_study',
  'series_instance_uid',
  'model',
  'model_version',
  'agatston_total',
  'agatston_lm',
  'agatston_lad',
  'agatston_lcx',
  'agatston_rca',
  'volume_mm3',
  'mass_mg',
  'cac_drs',
  'category',
  'low_confidence',
  'quality_flags',
  'tier',
  'flagged',
  'pce_10y_pct',
  'framingham_10y_pct',
  'mesa_without_cac_10y_pct',
  'mesa_with_cac_10y_pct',
  ...PREVENT_AND_GRADE_COLUMNS,
  'missing_inputs',
  'sweep_id',
  'created_at',
];

export function resultCells(row: ResultWithPatientRow): CsvCell[] {
  const risk = row.risk;
  return [
    row.id,
    row.status,
    row.reason,
    row.study.patient.mrn,
    row.study.studyInstanceUid,
    day(row.study.studyDate),
    row.study.ageAtStudy,
    row.seriesInstanceUid,
    row.modelName,
    row.modelVersion,
    row.agatstonTotal,
    row.agatstonLM,
    row.agatstonLAD,
    row.agatstonLCX,
    row.agatstonRCA,
    row.volumeMm3,
    row.massMg,
    row.cacDrs,
    row.category,
    row.lowConfidence,
    row.qualityFlags.join(' '),
    risk?.tier,
    risk?.flagged,
    risk?.pooledCohortPct,
    risk?.framinghamPct,
    risk?.mesaWithoutCacPct,
    risk?.mesaWithCacPct,
    ...preventAndGradeCells(row, risk),
    risk?.missing.join(' '),
    row.sweepId,
    row.createdAt.toISOString(),
  ];
}
