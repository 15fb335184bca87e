import {
  ATC_PREFIXES,
  ConditionClass,
  ICD10_PREFIXES,
  LOINC,
  LOINC_EGFR,
  MedicationClass,
  RXNORM,
  SMOKING_STATUS,
  SNOMED_CONDITIONS,
  SYSTEMS,
} from './fhir-codes';
import type { Concept, FhirObservation, Quantity } from './fhir-bundle.schema';
import { FieldResult, MeasuredField, measurement, MG_DL } from './risk-factor-fields';

export const codesOf = (concept: Concept | undefined, system: string | readonly string[]): string[] =>
  (concept?.coding ?? [])
    .filter((c) => c.code && (typeof system === 'string' ? c.system === system : system.includes(c.system ?? '')))
    .map((c) => c.code as string);

/** One fact an Observation gives: a measurement or the smoking flag. */
export type ObservationFact = { field: MeasuredField; value: number } | { field: 'smoker'; value: boolean | null };

const EGFR_UNITS = ['ml/min/{1.73_m2}', 'ml/min/1.73m2', 'ml/min/1.73_m2', 'ml/min/{1.73m2}', 'ml/min/1.73m²'];

function quantityIn(field: MeasuredField, quantity: Quantity | undefined): FieldResult<number> {
  if (!quantity) return { ok: false, message: 'has no valueQuantity' };
  const unit = (quantity.code ?? quantity.unit ?? '').replace(/\s/g, '').toLowerCase();
  if (field === 'systolicBp') {
    return ['mm[hg]', 'mmhg'].includes(unit)
      ? measurement(field, quantity.value)
      : { ok: false, message: `unit "${unit}" is not mm[Hg]` };
  }
  if (field === 'bmi') {
    return ['kg/m2', 'kg/m²'].includes(unit)
      ? measurement(field, quantity.value)
      : { ok: false, message: `unit "${unit}" is not kg/m2` };
  }
  if (field === 'egfr') {
    // UCUM writes it mL/min/{1.73_m2}; labs also send the unbracketed forms
    return EGFR_UNITS.includes(unit)
      ? measurement(field, quantity.value)
      : { ok: false, message: `unit "${unit}" is not mL/min/{1.73_m2}` };
  }
  if (unit === 'mg/dl') return measurement(field, quantity.value);
  if (unit === 'mmol/l') return measurement(field, Math.round(quantity.value * MG_DL * 10) / 10);
  return { ok: false, message: `unit "${unit}" is not mg/dL or mmol/L` };
}

/** What an Observation says about the risk factors: nothing (an unrelated code), a fact, or an error. */
export function observationFact(observation: FhirObservation): FieldResult<ObservationFact> | null {
  if (observation.status === 'entered-in-error' || observation.status === 'cancelled') return null;
  const codes = codesOf(observation.code, SYSTEMS.loinc);
  const measured: Array<[string, MeasuredField]> = [
    [LOINC.totalCholesterol, 'totalCholesterol'],
    [LOINC.hdl, 'hdl'],
    [LOINC.systolicBp, 'systolicBp'],
    [LOINC.bmi, 'bmi'],
    ...LOINC_EGFR.map((code): [string, MeasuredField] => [code, 'egfr']),
  ];
  for (const [code, field] of measured) {
    if (!codes.includes(code)) continue;
    const value = quantityIn(field, observation.valueQuantity);
    return value.ok ? { ok: true, value: { field, value: value.value } } : value;
  }
  if (codes.includes(LOINC.bpPanel)) {
    const systolic = observation.component?.find((c) => codesOf(c.code, SYSTEMS.loinc).includes(LOINC.systolicBp));
    if (!systolic) return { ok: false, message: 'blood pressure panel has no 8480-6 component' };
    const value = quantityIn('systolicBp', systolic.valueQuantity);
    return value.ok ? { ok: true, value: { field: 'systolicBp', value: value.value } } : value;
  }
  if (codes.includes(LOINC.smokingStatus)) {
    const answer = codesOf(observation.valueCodeableConcept, SYSTEMS.snomed).find((code) => code in SMOKING_STATUS);
    if (answer === undefined) return { ok: false, message: 'smoking status has no recognised SNOMED CT answer' };
    return { ok: true, value: { field: 'smoker', value: SMOKING_STATUS[answer] } };
  }
  return null;
}

export function medicationClasses(concept: Concept | undefined): MedicationClass[] {
  const fromAtc = codesOf(concept, SYSTEMS.atc).flatMap((code) =>
    ATC_PREFIXES.filter(([prefix]) => code.startsWith(prefix)).map(([, cls]) => cls),
  );
  const fromRx = codesOf(concept, SYSTEMS.rxnorm).flatMap((code) => (RXNORM[code] ? [RXNORM[code]] : []));
  return [...new Set([...fromAtc, ...fromRx])];
}

export function conditionClasses(concept: Concept | undefined): ConditionClass[] {
  const fromIcd = codesOf(concept, SYSTEMS.icd10).flatMap((code) =>
    ICD10_PREFIXES.filter(([prefix]) => code.startsWith(prefix)).map(([, cls]) => cls),
  );
  const fromSnomed = codesOf(concept, SYSTEMS.snomed).flatMap((code) =>
    SNOMED_CONDITIONS[code] ? [SNOMED_CONDITIONS[code]] : [],
  );
  return [...new Set([...fromIcd, ...fromSnomed])];
}
