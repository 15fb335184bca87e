import type { RiskInput } from '@cacscreen/risk';

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
    bpTreated: present(factors?.bpTreated),
    smoker: present(factors?.smoker),
    diabetes: present(factors?.diabetes),
    lipidLowering: present(factors?.lipidLowering),
    familyHistory: present(factors?.familyHistory),
    knownAscvd: present(factors?.knownAscvd),
    cac,
  };
}
