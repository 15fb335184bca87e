import { requireInputs, rangeWarnings, tenYearRisk, LIPID_AND_BP_RANGES, type ValidatedRange } from './equation-inputs';
import type { RiskInput } from './risk-input';

/**
 * Framingham general cardiovascular disease, 10-year risk (D'Agostino et al., Circulation 2008;117:743-753),
 * lipid model. risk = 1 − S0^exp(Σβx − Σβx̄) with x = ln(age), ln(TC), ln(HDL), ln(SBP), smoker, diabetes.
 */

interface FraminghamCoefficients {
  lnAge: number;
  lnTotalCholesterol: number;
  lnHdl: number;
  lnSbpUntreated: number;
  lnSbpTreated: number;
  smoker: number;
  diabetes: number;
  meanSum: number;
  baselineSurvival: number;
}

// Framingham Heart Study risk-functions page; beware public code that swaps the treated/untreated SBP terms or uses
// 2.72107 (the BMI model's female age coefficient) as the female untreated SBP term.
const COEFFICIENTS: Record<'male' | 'female', FraminghamCoefficients> = {
  male: {
    lnAge: 3.06117,
    lnTotalCholesterol: 1.1237,
    lnHdl: -0.93263,
    lnSbpUntreated: 1.93303,
    lnSbpTreated: 1.99881,
    smoker: 0.65451,
    diabetes: 0.57367,
    meanSum: 23.9802,
    baselineSurvival: 0.88936,
  },
  female: {
    lnAge: 2.32888,
    lnTotalCholesterol: 1.20904,
    lnHdl: -0.70833,
    lnSbpUntreated: 2.76157,
    lnSbpTreated: 2.82263,
    smoker: 0.52873,
    diabetes: 0.69154,
    meanSum: 26.1931,
    baselineSurvival: 0.95012,
  },
};

const EQUATION = 'Framingham 2008';

// Age 30–74 is the derivation cohort. The paper publishes no lipid or blood-pressure limits; this package applies the
// ACC/AHA calculator's plausibility bounds (as for the PCE) so a typo such as TC 21 is refused, not extrapolated.
export const FRAMINGHAM_2008_RANGES: readonly ValidatedRange[] = [
  { field: 'age', min: 30, max: 74, unit: 'years' },
  ...LIPID_AND_BP_RANGES,
];

const REQUIRED = ['age', 'sex', 'totalCholesterol', 'hdl', 'systolicBp', 'bpTreated', 'smoker', 'diabetes'] as const;

export interface Framingham2008Result {
  /** 10-year general CVD risk in percent, unrounded; null when refused or inputs are missing. */
  riskPct: number | null;
  warnings: string[];
  missing: string[];
}

export function framingham2008(input: RiskInput): Framingham2008Result {
  const { values, missing } = requireInputs(input, REQUIRED);
  const warnings = rangeWarnings(EQUATION, input, FRAMINGHAM_2008_RANGES);
  if (values === null || warnings.length > 0) return { riskPct: null, warnings, missing };
  const { age, sex, totalCholesterol, hdl, systolicBp, bpTreated, smoker, diabetes } = values;
  const c = COEFFICIENTS[sex];
  const sum =
    c.lnAge * Math.log(age) +
    c.lnTotalCholesterol * Math.log(totalCholesterol) +
    c.lnHdl * Math.log(hdl) +
    (bpTreated ? c.lnSbpTreated : c.lnSbpUntreated) * Math.log(systolicBp) +
    (smoker ? c.smoker : 0) +
    (diabetes ? c.diabetes : 0);
  return { riskPct: 100 * tenYearRisk(c.baselineSurvival, sum - c.meanSum), warnings, missing };
}
