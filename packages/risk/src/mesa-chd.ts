import { rangeWarnings, requireInputs, tenYearRisk, LIPID_AND_BP_RANGES, type ValidatedRange } from './equation-inputs';
import type { Race, RiskInput } from './risk-input';

/**
 * MESA 10-year hard CHD risk with and without CAC (McClelland et al., JACC 2015;66:1643-53, Table 2).
 * risk = 1 − S0^exp(Σβx), not centred; continuous terms are linear in years, mg/dL and mmHg; CAC enters as ln(CAC+1).
 */

interface MesaCoefficients {
  age: number;
  male: number;
  chinese: number;
  black: number;
  hispanic: number;
  diabetes: number;
  smoker: number;
  totalCholesterol: number;
  hdl: number;
  lipidLowering: number;
  systolicBp: number;
  bpTreated: number;
  familyHistory: number;
  lnCacPlusOne: number;
  baselineSurvival: number;
}

const WITHOUT_CAC: MesaCoefficients = {
  age: 0.0455,
  male: 0.7496,
  chinese: -0.5055,
  black: -0.2111,
  hispanic: -0.19,
  diabetes: 0.5168,
  smoker: 0.4732,
  totalCholesterol: 0.0053,
  hdl: -0.014,
  lipidLowering: 0.2473,
  systolicBp: 0.0085,
  bpTreated: 0.3381,
  familyHistory: 0.4522,
  lnCacPlusOne: 0,
  baselineSurvival: 0.99963,
};

const WITH_CAC: MesaCoefficients = {
  age: 0.0172,
  male: 0.4079,
  chinese: -0.3475,
  black: 0.0353,
  hispanic: -0.0222,
  diabetes: 0.3892,
  smoker: 0.3717,
  totalCholesterol: 0.0043,
  hdl: -0.0114,
  lipidLowering: 0.1206,
  systolicBp: 0.0066,
  bpTreated: 0.2278,
  familyHistory: 0.3239,
  lnCacPlusOne: 0.2743,
  baselineSurvival: 0.99833,
};

const EQUATION = 'MESA CHD';

// MESA enrolled ages 45–84 and the published calculator accepts 45–85. The paper gives no lipid or blood-pressure
// limits; this package applies the same plausibility bounds as for the PCE (a package choice, documented).
export const MESA_CHD_RANGES: readonly ValidatedRange[] = [
  { field: 'age', min: 45, max: 85, unit: 'years' },
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
  'lipidLowering',
  'familyHistory',
] as const;

export interface MesaChdResult {
  /** 10-year hard CHD risk in percent from risk factors alone, unrounded; null when refused or inputs missing. */
  withoutCacPct: number | null;
  /** Same with ln(CAC+1) added; null also when no CAC is given. */
  withCacPct: number | null;
  warnings: string[];
  missing: string[];
}

function raceDummy(c: MesaCoefficients, race: Race): number {
  switch (race) {
    case 'chinese':
      return c.chinese;
    case 'black':
      return c.black;
    case 'hispanic':
      return c.hispanic;
    case 'white':
    case 'other':
      return 0;
  }
}

export function mesaChd(input: RiskInput): MesaChdResult {
  const { values, missing } = requireInputs(input, REQUIRED);
  const cacMissing = input.cac === undefined ? ['cac'] : [];
  const warnings: string[] = [];
  if (input.race === 'other') {
    // MESA enrolled four groups; white is the reference category, so "other" gets no race term.
    warnings.push(
      `${EQUATION}: no coefficient for race "other"; scored as white (reference group), which may misestimate risk`,
    );
  }
  const refusals = rangeWarnings(EQUATION, input, MESA_CHD_RANGES);
  warnings.push(...refusals);
  const result = (withoutCacPct: number | null, withCacPct: number | null): MesaChdResult => ({
    withoutCacPct,
    withCacPct,
    warnings,
    missing: [...missing, ...cacMissing],
  });
  if (values === null || refusals.length > 0) return result(null, null);

  const linear = (c: MesaCoefficients, cac: number): number =>
    c.age * values.age +
    (values.sex === 'male' ? c.male : 0) +
    raceDummy(c, values.race) +
    (values.diabetes ? c.diabetes : 0) +
    (values.smoker ? c.smoker : 0) +
    c.totalCholesterol * values.totalCholesterol +
    c.hdl * values.hdl +
    (values.lipidLowering ? c.lipidLowering : 0) +
    c.systolicBp * values.systolicBp +
    (values.bpTreated ? c.bpTreated : 0) +
    (values.familyHistory ? c.familyHistory : 0) +
    c.lnCacPlusOne * Math.log(cac + 1);

  const withoutCac = 100 * tenYearRisk(WITHOUT_CAC.baselineSurvival, linear(WITHOUT_CAC, 0));
  const withCac =
    input.cac === undefined ? null : 100 * tenYearRisk(WITH_CAC.baselineSurvival, linear(WITH_CAC, input.cac));
  return result(withoutCac, withCac);
}
