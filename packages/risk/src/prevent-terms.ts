import type { PreventCoefficients } from './prevent-coefficients';

/** mg/dL → mmol/L for cholesterol, the factor the PREVENT paper uses (Khan 2024, Table S12). */
const MG_DL_TO_MMOL_L = 0.02586;

/** The measured values a PREVENT base model reads, in the units of RiskInput. */
export interface PreventPredictors {
  age: number;
  female: boolean;
  totalCholesterol: number;
  hdl: number;
  systolicBp: number;
  bmi: number;
  egfr: number;
  bpTreated: boolean;
  statin: boolean;
  smoker: boolean;
  diabetes: boolean;
}

/**
 * The predictor vector of the base model. Continuous values are centred (age 55, non-HDL 3.5 mmol/L, HDL 1.3 mmol/L,
 * SBP 130, BMI 25, eGFR 90) and scaled; SBP, BMI and eGFR are linear splines with knots at 110 mmHg, 30 kg/m² and
 * 60 mL/min/1.73 m², each side centred where the paper centres it. Interactions are products of transformed terms.
 */
export function preventTerms(p: PreventPredictors): Omit<PreventCoefficients, 'constant'> {
  const age = (p.age - 55) / 10;
  const nonHdl = (p.totalCholesterol - p.hdl) * MG_DL_TO_MMOL_L - 3.5;
  const hdl = (p.hdl * MG_DL_TO_MMOL_L - 1.3) / 0.3;
  const sbpBelow110 = (Math.min(p.systolicBp, 110) - 110) / 20;
  const sbpAbove110 = (Math.max(p.systolicBp, 110) - 130) / 20;
  const bmiBelow30 = (Math.min(p.bmi, 30) - 25) / 5;
  const bmiAbove30 = (Math.max(p.bmi, 30) - 30) / 5;
  const egfrBelow60 = (Math.min(p.egfr, 60) - 60) / -15;
  const egfrAbove60 = (Math.max(p.egfr, 60) - 90) / -15;
  const bpTreated = p.bpTreated ? 1 : 0;
  const statin = p.statin ? 1 : 0;
  const diabetes = p.diabetes ? 1 : 0;
  const smoker = p.smoker ? 1 : 0;
  return {
    age,
    ageSquared: age * age,
    nonHdl,
    hdl,
    sbpBelow110,
    sbpAbove110,
    diabetes,
    smoker,
    bmiBelow30,
    bmiAbove30,
    egfrBelow60,
    egfrAbove60,
    bpTreated,
    statin,
    bpTreatedBySbpAbove110: bpTreated * sbpAbove110,
    statinByNonHdl: statin * nonHdl,
    ageByNonHdl: age * nonHdl,
    ageByHdl: age * hdl,
    ageBySbpAbove110: age * sbpAbove110,
    ageByDiabetes: age * diabetes,
    ageBySmoker: age * smoker,
    ageByBmiAbove30: age * bmiAbove30,
    ageByEgfrBelow60: age * egfrBelow60,
  };
}

/** Risk (0–1) from a logistic model: the PREVENT equations are logistic, not Cox models. */
export function logisticRisk(coefficients: PreventCoefficients, terms: Omit<PreventCoefficients, 'constant'>): number {
  let logOdds = coefficients.constant;
  for (const key of Object.keys(terms) as (keyof typeof terms)[]) logOdds += coefficients[key] * terms[key];
  return 1 / (1 + Math.exp(-logOdds));
}
