import { rangeWarnings, requireInputs, type ValidatedRange } from './equation-inputs';
import { PREVENT_BASE_COEFFICIENTS, type PreventHorizon, type PreventOutcome } from './prevent-coefficients';
import { logisticRisk, preventTerms } from './prevent-terms';
import type { RiskInput } from './risk-input';

/**
 * AHA PREVENT base model (Khan et al., Circulation 2024;149:430-449): 10- and 30-year risk of total CVD, ASCVD and
 * heart failure from age, sex, cholesterol, blood pressure, BMI, eGFR, diabetes, smoking and treatment. Race is not
 * an input. The optional UACR, HbA1c and SDI add-ons are not implemented (their coefficients were not verified).
 */

const EQUATION = 'PREVENT';
const THIRTY_YEAR = 'PREVENT 30-year';

// The AHA PREVENT calculator's accepted ranges (also those of pyprevent and, but for SBP ≤ 180, of preventr).
export const PREVENT_RANGES: readonly ValidatedRange[] = [
  { field: 'age', min: 30, max: 79, unit: 'years' },
  { field: 'totalCholesterol', min: 130, max: 320, unit: 'mg/dL' },
  { field: 'hdl', min: 20, max: 100, unit: 'mg/dL' },
  { field: 'systolicBp', min: 90, max: 200, unit: 'mmHg' },
  { field: 'bmi', min: 18.5, max: 39.9, unit: 'kg/m²' },
  { field: 'egfr', min: 15, max: 140, unit: 'mL/min/1.73 m²' },
];

// 30-year risk was estimated for ages 30–59 only (Khan 2024).
export const PREVENT_THIRTY_YEAR_AGE: ValidatedRange = { field: 'age', min: 30, max: 59, unit: 'years' };

const REQUIRED = [
  'age',
  'sex',
  'totalCholesterol',
  'hdl',
  'systolicBp',
  'bmi',
  'egfr',
  'bpTreated',
  'lipidLowering',
  'smoker',
  'diabetes',
] as const;

/** Risk in percent per outcome, unrounded. */
export type PreventRisks = Record<`${PreventOutcome}Pct`, number>;

export interface PreventResult {
  /** 10-year risks; null when refused or inputs are missing. */
  tenYear: PreventRisks | null;
  /** 30-year risks; null also outside ages 30–59, where the model does not apply. */
  thirtyYear: PreventRisks | null;
  warnings: string[];
  missing: string[];
}

const OUTCOMES: readonly PreventOutcome[] = ['totalCvd', 'ascvd', 'heartFailure'];

export function prevent(input: RiskInput): PreventResult {
  const { values, missing } = requireInputs(input, REQUIRED);
  const refusals = rangeWarnings(EQUATION, input, PREVENT_RANGES);
  const warnings = [...refusals];
  if (values === null || refusals.length > 0) return { tenYear: null, thirtyYear: null, warnings, missing };

  const female = values.sex === 'female';
  const terms = preventTerms({ ...values, female, statin: values.lipidLowering });
  const risks = (horizon: PreventHorizon): PreventRisks => {
    const [totalCvdPct, ascvdPct, heartFailurePct] = OUTCOMES.map((outcome) => {
      const sexed = PREVENT_BASE_COEFFICIENTS[horizon][outcome];
      return 100 * logisticRisk(female ? sexed.female : sexed.male, terms);
    });
    return { totalCvdPct, ascvdPct, heartFailurePct };
  };

  const { min, max, unit } = PREVENT_THIRTY_YEAR_AGE;
  const thirtyYearApplies = values.age >= min && values.age <= max;
  if (!thirtyYearApplies) {
    warnings.push(
      `${THIRTY_YEAR}: age ${values.age} ${unit} is outside the validated range ${min}–${max} ${unit}; 30-year risk not computed`,
    );
  }
  return { tenYear: risks('tenYear'), thirtyYear: thirtyYearApplies ? risks('thirtyYear') : null, warnings, missing };
}
