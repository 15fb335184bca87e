import { rangeWarnings, requireInputs, tenYearRisk, LIPID_AND_BP_RANGES, type ValidatedRange } from './equation-inputs';
import type { Race, RiskInput, Sex } from './risk-input';

/**
 * 2013 ACC/AHA Pooled Cohort Equations, 10-year hard ASCVD risk (Goff et al., Circulation 2014;129:S49, Table A).
 * risk = 1 − S0^exp(IndSum − MeanSum); interaction terms are products of logs; exactly one SBP term applies.
 */

export type PooledCohortGroup = 'white-female' | 'black-female' | 'white-male' | 'black-male';

interface PceCoefficients {
  lnAge: number;
  lnAgeSquared: number;
  lnTotalCholesterol: number;
  lnAgeByLnTotalCholesterol: number;
  lnHdl: number;
  lnAgeByLnHdl: number;
  lnSbpTreated: number;
  lnAgeByLnSbpTreated: number;
  lnSbpUntreated: number;
  lnAgeByLnSbpUntreated: number;
  smoker: number;
  lnAgeBySmoker: number;
  diabetes: number;
  meanSum: number;
  baselineSurvival: number;
}

const NONE = 0; // term absent from this group's model

// Coefficients as printed in Table A (3 decimals) for all four groups; means and S0 use the ACC spreadsheet's
// higher-precision values. The spreadsheet also has 4-decimal African-American female coefficients (17.1141, …);
// they are not used: at high risk they move the result by ~0.2 pp (60 y treated smoker with diabetes: 50.79 % vs
// 51.01 %) away from the reference vectors, while all published and CVrisk vectors are met with Table A's values.
// PMC4608065 misprints WF untreated SBP (1.857) and WM ln age×ln HDL (1.767): the correct values are 1.957 / 1.769.
const COEFFICIENTS: Record<PooledCohortGroup, PceCoefficients> = {
  'white-female': {
    lnAge: -29.799,
    lnAgeSquared: 4.884,
    lnTotalCholesterol: 13.54,
    lnAgeByLnTotalCholesterol: -3.114,
    lnHdl: -13.578,
    lnAgeByLnHdl: 3.149,
    lnSbpTreated: 2.019,
    lnAgeByLnSbpTreated: NONE,
    lnSbpUntreated: 1.957,
    lnAgeByLnSbpUntreated: NONE,
    smoker: 7.574,
    lnAgeBySmoker: -1.665,
    diabetes: 0.661,
    meanSum: -29.1817,
    baselineSurvival: 0.96652,
  },
  'black-female': {
    lnAge: 17.114,
    lnAgeSquared: NONE,
    lnTotalCholesterol: 0.94,
    lnAgeByLnTotalCholesterol: NONE,
    lnHdl: -18.92,
    lnAgeByLnHdl: 4.475,
    lnSbpTreated: 29.291,
    lnAgeByLnSbpTreated: -6.432,
    lnSbpUntreated: 27.82,
    lnAgeByLnSbpUntreated: -6.087,
    smoker: 0.691,
    lnAgeBySmoker: NONE,
    diabetes: 0.874,
    meanSum: 86.6081,
    baselineSurvival: 0.95334,
  },
  'white-male': {
    lnAge: 12.344,
    lnAgeSquared: NONE,
    lnTotalCholesterol: 11.853,
    lnAgeByLnTotalCholesterol: -2.664,
    lnHdl: -7.99,
    lnAgeByLnHdl: 1.769,
    lnSbpTreated: 1.797,
    lnAgeByLnSbpTreated: NONE,
    lnSbpUntreated: 1.764,
    lnAgeByLnSbpUntreated: NONE,
    smoker: 7.837,
    lnAgeBySmoker: -1.795,
    diabetes: 0.658,
    meanSum: 61.1816,
    baselineSurvival: 0.91436,
  },
  'black-male': {
    lnAge: 2.469,
    lnAgeSquared: NONE,
    lnTotalCholesterol: 0.302,
    lnAgeByLnTotalCholesterol: NONE,
    lnHdl: -0.307,
    lnAgeByLnHdl: NONE,
    lnSbpTreated: 1.916,
    lnAgeByLnSbpTreated: NONE,
    lnSbpUntreated: 1.809,
    lnAgeByLnSbpUntreated: NONE,
    smoker: 0.549,
    lnAgeBySmoker: NONE,
    diabetes: 0.645,
    meanSum: 19.5425,
    baselineSurvival: 0.89536,
  },
};

const EQUATION = 'Pooled Cohort';

// The ACC/AHA ASCVD Risk Estimator's accepted ranges (Goff 2014 validated the equations for ages 40–79).
export const POOLED_COHORT_RANGES: readonly ValidatedRange[] = [
  { field: 'age', min: 40, max: 79, unit: 'years' },
  ...LIPID_AND_BP_RANGES,
];

const REQUIRED = [
  'age',
  'sex',
  'race',
  'totalCholesterol',
  'hdl',
  'systolicBp',
  'bpTreated',
  'smoker',
  'diabetes',
] as const;

export interface PooledCohortResult {
  /** 10-year hard ASCVD risk in percent, unrounded; null when refused or inputs are missing. */
  riskPct: number | null;
  /** Equation used; null when sex or race is unknown. */
  group: PooledCohortGroup | null;
  warnings: string[];
  missing: string[];
}

/**
 * The PCE were derived for white and African-American adults only; by guideline convention everyone else is scored
 * with the white equations (which may over- or under-estimate their risk), and we say so.
 */
export function pooledCohortGroup(sex: Sex, race: Race): { group: PooledCohortGroup; warning: string | null } {
  if (race === 'black') return { group: sex === 'male' ? 'black-male' : 'black-female', warning: null };
  const group = sex === 'male' ? 'white-male' : 'white-female';
  const warning =
    race === 'white'
      ? null
      : `${EQUATION}: no equation for race "${race}"; the white ${sex} equation is used (guideline convention), which may misestimate risk`;
  return { group, warning };
}

export function pooledCohort(input: RiskInput): PooledCohortResult {
  const { values, missing } = requireInputs(input, REQUIRED);
  const warnings: string[] = [];
  let group: PooledCohortGroup | null = null;
  if (input.sex !== undefined && input.race !== undefined) {
    const chosen = pooledCohortGroup(input.sex, input.race);
    group = chosen.group;
    if (chosen.warning) warnings.push(chosen.warning);
  }
  const refusals = rangeWarnings(EQUATION, input, POOLED_COHORT_RANGES);
  warnings.push(...refusals);
  if (values === null || group === null || refusals.length > 0) return { riskPct: null, group, warnings, missing };

  const c = COEFFICIENTS[group];
  const lnAge = Math.log(values.age);
  const lnTc = Math.log(values.totalCholesterol);
  const lnHdl = Math.log(values.hdl);
  const lnSbp = Math.log(values.systolicBp);
  const smoker = values.smoker ? 1 : 0;
  const sbpTerm = values.bpTreated
    ? (c.lnSbpTreated + c.lnAgeByLnSbpTreated * lnAge) * lnSbp
    : (c.lnSbpUntreated + c.lnAgeByLnSbpUntreated * lnAge) * lnSbp;
  const individualSum =
    c.lnAge * lnAge +
    c.lnAgeSquared * lnAge * lnAge +
    (c.lnTotalCholesterol + c.lnAgeByLnTotalCholesterol * lnAge) * lnTc +
    (c.lnHdl + c.lnAgeByLnHdl * lnAge) * lnHdl +
    sbpTerm +
    (c.smoker + c.lnAgeBySmoker * lnAge) * smoker +
    (values.diabetes ? c.diabetes : 0);
  return { riskPct: 100 * tenYearRisk(c.baselineSurvival, individualSum - c.meanSum), group, warnings, missing };
}
