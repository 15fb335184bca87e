import { assessRisk, type RiskInput } from '@cacscreen/risk';
import type { RiskRecord } from '@cacscreen/db';

interface PatientFacts {
  sex: string | null;
  birthDate: Date | null;
}
interface StudyFacts {
  ageAtStudy: number | null;
  studyDate: Date | null;
}
interface RiskFactorRow {
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

/**
 * Runs the risk engine on what is on file plus a CAC score and shapes the outcome for the database. Shared by the
 * worker (a study is scored) and the API (new risk factors re-assess a patient), so both decide alike.
 */
export function assessStoredRisk(
  patient: PatientFacts,
  study: StudyFacts,
  factors: RiskFactorRow | null,
  cac: number,
): RiskRecord {
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
