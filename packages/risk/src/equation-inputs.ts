import type { RiskInput } from './risk-input';

/** Keys of RiskInput that hold numbers an equation may check against its validated range. */
export type NumericField = 'age' | 'totalCholesterol' | 'hdl' | 'systolicBp' | 'bmi' | 'egfr';

/** Inclusive range over which an equation was derived or its official calculator accepts input. */
export interface ValidatedRange {
  field: NumericField;
  min: number;
  max: number;
  unit: string;
}

/**
 * Cholesterol and blood-pressure bounds of the ACC/AHA ASCVD Risk Estimator. Framingham and MESA publish none, so
 * all three equations use these (a package choice, documented in docs/risk.md); each adds its own age range.
 */
export const LIPID_AND_BP_RANGES: readonly ValidatedRange[] = [
  { field: 'totalCholesterol', min: 130, max: 320, unit: 'mg/dL' },
  { field: 'hdl', min: 20, max: 100, unit: 'mg/dL' },
  { field: 'systolicBp', min: 90, max: 200, unit: 'mmHg' },
];

/** The required inputs, all present, or the names of those that are absent (in the order asked). */
export type RequiredInputs<K extends keyof RiskInput> =
  { values: { [P in K]-?: Exclude<RiskInput[P], undefined> }; missing: [] } | { values: null; missing: string[] };

export function requireInputs<K extends keyof RiskInput>(input: RiskInput, required: readonly K[]): RequiredInputs<K> {
  const missing = required.filter((field) => input[field] === undefined);
  if (missing.length > 0) return { values: null, missing };
  // Every key in `required` was just checked to be present, which the type system cannot follow through filter().
  return { values: input as { [P in K]-?: Exclude<RiskInput[P], undefined> }, missing: [] };
}

/**
 * One warning per present input outside its range. Equations refuse rather than extrapolate: outside the derivation
 * cohort the log-linear terms can give confident but meaningless numbers.
 */
export function rangeWarnings(equation: string, input: RiskInput, ranges: readonly ValidatedRange[]): string[] {
  return ranges.flatMap(({ field, min, max, unit }) => {
    const value = input[field];
    if (value === undefined || (value >= min && value <= max)) return [];
    return [
      `${equation}: ${field} ${value} ${unit} is outside the validated range ${min}–${max} ${unit}; risk not computed`,
    ];
  });
}

/** `1 − S0^exp(x)`: the survival-model form shared by Framingham, the PCE and MESA (x already centred where the model is). */
export function tenYearRisk(baselineSurvival: number, linearPredictor: number): number {
  return 1 - Math.pow(baselineSurvival, Math.exp(linearPredictor));
}
