import type { RiskInput } from '@cacscreen/risk';

interface Facts {
  patient: { sex: string | null; birthDate: Date | null };
  study: { ageAtStudy: number | null; studyDate: Date | null };
  factors: Record<(typeof FACTOR_KEYS)[number], string | number | boolean | null> | null;
  cac: number;
}

const FACTOR_KEYS = [
  'race',
  'totalCholesterol',
  'hdl',
  'systolicBp',
  'bpTreated',
  'smoker',
  'diabetes',
  'lipidLowering',
  'familyHistory',
  'knownAscvd',
] as const;
const SEX: Record<string, 'male' | 'female'> = { M: 'male', F: 'female', male: 'male', female: 'female' };

function yearsBetween(from: Date, to: Date): number {
  const years = to.getUTCFullYear() - from.getUTCFullYear();
  const beforeBirthday =
    to.getUTCMonth() < from.getUTCMonth() ||
    (to.getUTCMonth() === from.getUTCMonth() && to.getUTCDate() < from.getUTCDate());
  return beforeBirthday ? years - 1 : years;
}

/**
 * The risk engine's input from what is on file, the same way the worker builds it when a study is scored: DICOM age
 * (else birth date to study date), sex, the newest risk factors, and the CAC score. Absent values stay absent.
 */
export function buildRiskInput({ patient, study, factors, cac }: Facts): RiskInput {
  const age =
    study.ageAtStudy ??
    (patient.birthDate && study.studyDate ? yearsBetween(patient.birthDate, study.studyDate) : undefined);
  const known = Object.fromEntries(
    FACTOR_KEYS.flatMap((key) => (factors && factors[key] !== null ? [[key, factors[key]]] : [])),
  );
  return { ...known, age, sex: patient.sex ? SEX[patient.sex] : undefined, cac } as RiskInput;
}
