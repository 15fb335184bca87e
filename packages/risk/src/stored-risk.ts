/**
 * Risk of a stored result: the patient's facts, the study's and the risk factors on file (database rows, with nulls
 * for unknown values) plus a CAC score, through assessRisk, shaped as the stored assessment. One function for the
 * worker (a study is scored) and the API (new risk factors re-assess a patient), so both decide alike.
 */
import { assessRisk, type RiskAssessment } from './assess-risk';
import type { RiskInput } from './risk-input';

export interface PatientFacts {
  sex: string | null;
  birthDate: Date | null;
}
export interface StudyFacts {
  ageAtStudy: number | null;
  studyDate: Date | null;
}
export interface RiskFactorRow {
  race: string | null;
  totalCholesterol: number | null;
  hdl: number | null;
  systolicBp: number | null;
  bmi: number | null;
  egfr: number | null;
  bpTreated: boolean | null;
  smoker: boolean | null;
  diabetes: boolean | null;
  lipidLowering: boolean | null;
  familyHistory: boolean | null;
  knownAscvd: boolean | null;
}

const DICOM_SEX: Record<string, 'male' | 'female'> = { M: 'male', F: 'female', male: 'male', female: 'female' };

function yearsBetween(from: Date, to: Date): number {
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  const beforeBirthday =
    to.getUTCMonth() < from.getUTCMonth() ||
    (to.getUTCMonth() === from.getUTCMonth() && to.getUTCDate() < from.getUTCDate());
  if (beforeBirthday) years--;
  return years;
}

/** Age at the study: the DICOM age when present, else from birth date and study date. */
export function ageAtStudy(patient: PatientFacts, study: StudyFacts): number | undefined {
  if (study.ageAtStudy !== null) return study.ageAtStudy;
  if (patient.birthDate && study.studyDate) return yearsBetween(patient.birthDate, study.studyDate);
  return undefined;
}

/** Builds the risk engine's input from what is on file; absent values stay absent (the engine names them). */
export function buildRiskInput(
  patient: PatientFacts,
  study: StudyFacts,
  factors: RiskFactorRow | null,
  cac: number,
): RiskInput {
  const present = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);
  return {
    age: ageAtStudy(patient, study),
    sex: patient.sex ? DICOM_SEX[patient.sex] : undefined,
    race: present(factors?.race) as RiskInput['race'],
    totalCholesterol: present(factors?.totalCholesterol),
    hdl: present(factors?.hdl),
    systolicBp: present(factors?.systolicBp),
    bmi: present(factors?.bmi),
    egfr: present(factors?.egfr),
    bpTreated: present(factors?.bpTreated),
    smoker: present(factors?.smoker),
    diabetes: present(factors?.diabetes),
    lipidLowering: present(factors?.lipidLowering),
    familyHistory: present(factors?.familyHistory),
    knownAscvd: present(factors?.knownAscvd),
    cac,
  };
}

/** The assessment as stored beside a result (the database's RiskRecord has this shape). */
export interface StoredRiskAssessment {
  framinghamPct: number | null;
  pooledCohortPct: number | null;
  mesaWithoutCacPct: number | null;
  mesaWithCacPct: number | null;
  prevent: Pick<RiskAssessment['prevent'], 'tenYear' | 'thirtyYear'>;
  cacPercentile: RiskAssessment['cacPercentile'];
  tier: RiskAssessment['tier'];
  flagged: boolean;
  rationale: string[];
  missing: string[];
  warnings: string[];
  inputs: Record<string, unknown>;
}

/** Runs the risk engine on what is on file plus a CAC score and shapes the outcome for the database. */
export function assessStoredRisk(
  patient: PatientFacts,
  study: StudyFacts,
  factors: RiskFactorRow | null,
  cac: number,
): StoredRiskAssessment {
  const input = buildRiskInput(patient, study, factors, cac);
  const risk = assessRisk(input);
  return {
    framinghamPct: risk.framingham2008.riskPct,
    pooledCohortPct: risk.pooledCohort.riskPct,
    mesaWithoutCacPct: risk.mesaChd.withoutCacPct,
    mesaWithCacPct: risk.mesaChd.withCacPct,
    prevent: { tenYear: risk.prevent.tenYear, thirtyYear: risk.prevent.thirtyYear },
    cacPercentile: risk.cacPercentile,
    tier: risk.tier,
    flagged: risk.flagged,
    rationale: risk.rationale,
    missing: risk.missing,
    warnings: risk.warnings,
    inputs: { ...input },
  };
}
