import { Prisma } from './generated/client';
import type { Db } from './client';
import { alignOpenWorklistItem } from './worklist-alignment';

/** What an archive told us about one study and its series (written before any analysis). */
export interface StudyRecordInput {
  studyInstanceUid: string;
  patientMrn: string;
  patientSex: string | null;
  patientBirthDate: Date | null;
  ageAtStudy: number | null;
  studyDate: Date | null;
  source: string;
  series: Array<{
    seriesInstanceUid: string;
    modality: string | null;
    description: string | null;
    sliceThicknessMm: number | null;
    sliceCount: number;
    chosen: boolean;
    lowConfidence: boolean;
    reason: string;
  }>;
}

export interface ScoreRecord {
  seriesInstanceUid: string;
  agatstonTotal: number;
  byArtery: { LM: number; LAD: number; LCX: number; RCA: number };
  volumeMm3: number;
  massMg: number | null;
  cacDrs: string;
  category: string;
  lowConfidence: boolean;
  lesions: unknown[];
  qualityFlags: string[];
  timingsMs: Record<string, number>;
}

export interface RiskRecord {
  framinghamPct: number | null;
  pooledCohortPct: number | null;
  mesaWithoutCacPct: number | null;
  mesaWithCacPct: number | null;
  /** PREVENT 10- and 30-year risks as assessRisk gives them; absent on records written before PREVENT. */
  prevent?: unknown;
  /** The approximate MESA percentile of the CAC score as assessRisk gives it. */
  cacPercentile?: unknown;
  tier: string;
  flagged: boolean;
  rationale: string[];
  missing: string[];
  warnings: string[];
  inputs: Record<string, unknown>;
}

export type ScreeningStatus = 'scored' | 'rejected' | 'failed';

export interface ScreeningRecordInput {
  studyId: string;
  sweepId: string | null;
  modelName: string;
  modelVersion: string;
  status: ScreeningStatus;
  reason: string | null;
  score: ScoreRecord | null;
  risk: RiskRecord | null;
  /** Header and volume warnings (derived UIDs, resampling); absent = none. */
  warnings?: string[];
}

const nullableJson = (value: unknown) => (value === undefined || value === null ? Prisma.DbNull : json(value));

/** A RiskRecord as RiskAssessment columns (JSON fields converted), for every writer of assessments. */
export function riskAssessmentColumns(risk: RiskRecord) {
  const { inputs, rationale, prevent, cacPercentile, ...columns } = risk;
  return {
    ...columns,
    inputs: json(inputs),
    rationale: json(rationale),
    prevent: nullableJson(prevent),
    cacPercentile: nullableJson(cacPercentile),
  };
}

const json = (value: unknown): Prisma.InputJsonValue => value as Prisma.InputJsonValue;

/** Upserts the patient, the study and every series decision. Idempotent: keyed by MRN and DICOM UIDs. */
export async function recordStudy(db: Db, input: StudyRecordInput): Promise<{ studyId: string; patientId: string }> {
  return db.$transaction(async (tx) => {
    const patient = await tx.patient.upsert({
      where: { mrn: input.patientMrn },
      create: { mrn: input.patientMrn, sex: input.patientSex, birthDate: input.patientBirthDate },
      update: { sex: input.patientSex ?? undefined, birthDate: input.patientBirthDate ?? undefined },
    });
    const studyData = {
      patientId: patient.id,
      studyDate: input.studyDate,
      ageAtStudy: input.ageAtStudy,
      source: input.source,
    };
    const study = await tx.study.upsert({
      where: { studyInstanceUid: input.studyInstanceUid },
      create: { studyInstanceUid: input.studyInstanceUid, ...studyData },
      update: studyData,
    });
    for (const series of input.series) {
      const { seriesInstanceUid, ...fields } = series;
      await tx.series.upsert({
        where: { seriesInstanceUid },
        create: { seriesInstanceUid, studyId: study.id, ...fields },
        update: { studyId: study.id, ...fields },
      });
    }
    return { studyId: study.id, patientId: patient.id };
  });
}

/**
 * Writes one screening outcome with its risk assessment and, for flagged patients, the worklist item, in one
 * transaction. Keyed by (study, model version), so a retried activity or a re-run sweep never adds rows.
 */
export async function recordScreening(db: Db, input: ScreeningRecordInput): Promise<{ screeningResultId: string }> {
  return db.$transaction(async (tx) => {
    const { score } = input;
    const fields = {
      sweepId: input.sweepId,
      modelName: input.modelName,
      status: input.status,
      reason: input.reason,
      seriesInstanceUid: score?.seriesInstanceUid ?? null,
      agatstonTotal: score?.agatstonTotal ?? null,
      agatstonLM: score?.byArtery.LM ?? null,
      agatstonLAD: score?.byArtery.LAD ?? null,
      agatstonLCX: score?.byArtery.LCX ?? null,
      agatstonRCA: score?.byArtery.RCA ?? null,
      volumeMm3: score?.volumeMm3 ?? null,
      massMg: score?.massMg ?? null,
      cacDrs: score?.cacDrs ?? null,
      category: score?.category ?? null,
      lowConfidence: score?.lowConfidence ?? false,
      lesions: score ? json(score.lesions) : Prisma.DbNull,
      qualityFlags: score?.qualityFlags ?? [],
      warnings: input.warnings ?? [],
      timingsMs: score ? json(score.timingsMs) : Prisma.DbNull,
    };
    const result = await tx.screeningResult.upsert({
      where: { studyId_modelVersion: { studyId: input.studyId, modelVersion: input.modelVersion } },
      create: { studyId: input.studyId, modelVersion: input.modelVersion, ...fields },
      update: fields,
      include: { study: true },
    });
    if (input.risk) {
      const riskFields = riskAssessmentColumns(input.risk);
      await tx.riskAssessment.upsert({
        where: { screeningResultId: result.id },
        create: { screeningResultId: result.id, ...riskFields },
        update: riskFields,
      });
      if (score) {
        const candidate = {
          patientId: result.study.patientId,
          screeningResultId: result.id,
          tier: input.risk.tier,
          flagged: input.risk.flagged,
          agatstonTotal: score.agatstonTotal,
        };
        await alignOpenWorklistItem(tx, candidate, { name: 'system:sweep' });
      }
    }
    return { screeningResultId: result.id };
  });
}

/** Study UIDs (of those given) that already have a final outcome from this model version. */
export async function findScreenedStudyUids(
  db: Db,
  studyInstanceUids: string[],
  modelVersion: string,
): Promise<Set<string>> {
  const rows = await db.screeningResult.findMany({
    where: {
      modelVersion,
      status: { in: ['scored', 'rejected'] },
      study: { studyInstanceUid: { in: studyInstanceUids } },
    },
    select: { study: { select: { studyInstanceUid: true } } },
  });
  return new Set(rows.map((row) => row.study.studyInstanceUid));
}

/** The newest risk factors on file for a patient, or null. */
export function latestRiskFactors(db: Db, patientId: string) {
  return db.riskFactors.findFirst({ where: { patientId }, orderBy: { recordedAt: 'desc' } });
}

/** Newest study date among studies from this source that this model version has a final outcome for. */
export async function latestScreenedStudyDate(db: Db, source: string, modelVersion: string): Promise<Date | null> {
  const newest = await db.study.findFirst({
    where: {
      source,
      studyDate: { not: null },
      results: { some: { modelVersion, status: { in: ['scored', 'rejected'] } } },
    },
    orderBy: { studyDate: 'desc' },
    select: { studyDate: true },
  });
  return newest?.studyDate ?? null;
}
