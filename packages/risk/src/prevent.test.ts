import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectPct } from './__tests__/expect-pct';
import { prevent, type PreventRisks } from './prevent';
import type { RiskInput } from './risk-input';

// The preventr README example (Mayer, CRAN preventr): reproduced by pyprevent to 0.01 pp.
const readmeExample: RiskInput = {
  age: 50,
  sex: 'female',
  systolicBp: 160,
  bpTreated: true,
  totalCholesterol: 200,
  hdl: 45,
  diabetes: true,
  smoker: false,
  lipidLowering: false,
  egfr: 90,
  bmi: 35,
};

interface FixtureCase {
  input: RiskInput;
  expected: { tenYear: PreventRisks; thirtyYear: PreventRisks | null };
}

// Random valid inputs with the risks PyPI pyprevent 0.1.6 gives (scripts/prevent-fixture.py).
const fixture = JSON.parse(readFileSync(join(__dirname, '__tests__/fixtures/prevent-pyprevent.json'), 'utf8')) as {
  source: string;
  cases: FixtureCase[];
};

describe('prevent', () => {
  it('reproduces the preventr README example within 0.1 pp (10-y 14.68/9.20/8.06 %, 30-y 52.99/35.43/38.96 %)', () => {
    const result = prevent(readmeExample);
    expect(result.warnings).toEqual([]);
    expect(result.missing).toEqual([]);
    expectPct(result.tenYear?.totalCvdPct ?? null, 14.68);
    expectPct(result.tenYear?.ascvdPct ?? null, 9.2);
    expectPct(result.tenYear?.heartFailurePct ?? null, 8.06);
    expectPct(result.thirtyYear?.totalCvdPct ?? null, 52.99);
    expectPct(result.thirtyYear?.ascvdPct ?? null, 35.43);
    expectPct(result.thirtyYear?.heartFailurePct ?? null, 38.96);
  });

  it('reproduces the Table S12 worked examples for the same profile in a man (10-y CVD 16.32 %, HF 10.59 %; 30-y ASCVD 34.9 %)', () => {
    // Khan 2024 supplemental Table S12, as replicated in the tests of the R package PooledCohort (bcjaeger).
    const result = prevent({ ...readmeExample, sex: 'male' });
    expectPct(result.tenYear?.totalCvdPct ?? null, 16.32);
    expectPct(result.tenYear?.heartFailurePct ?? null, 10.59);
    expectPct(result.thirtyYear?.ascvdPct ?? null, 34.9);
  });

  it(`agrees with pyprevent on ${fixture.cases.length} random valid inputs within 0.01 pp`, () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(300);
    let worst = 0;
    let thirtyYearCases = 0;
    for (const { input, expected } of fixture.cases) {
      const result = prevent(input);
      expect(result.warnings.filter((w) => !w.startsWith('PREVENT 30-year'))).toEqual([]);
      expect(result.thirtyYear === null).toBe(expected.thirtyYear === null);
      const pairs: [PreventRisks | null, PreventRisks | null][] = [
        [result.tenYear, expected.tenYear],
        [result.thirtyYear, expected.thirtyYear],
      ];
      for (const [actual, reference] of pairs) {
        if (reference === null || actual === null) continue;
        for (const key of ['totalCvdPct', 'ascvdPct', 'heartFailurePct'] as const) {
          worst = Math.max(worst, Math.abs(actual[key] - reference[key]));
        }
      }
      if (expected.thirtyYear !== null) thirtyYearCases++;
    }
    expect(thirtyYearCases).toBeGreaterThan(100);
    expect(worst).toBeLessThanOrEqual(0.01);
  });

  it('gives 10-year but no 30-year risk outside ages 30–59, and says why', () => {
    const result = prevent({ ...readmeExample, age: 60 });
    expect(result.tenYear).not.toBeNull();
    expect(result.thirtyYear).toBeNull();
    expect(result.warnings).toEqual([
      'PREVENT 30-year: age 60 years is outside the validated range 30–59 years; 30-year risk not computed',
    ]);
    expect(prevent({ ...readmeExample, age: 59 }).thirtyYear).not.toBeNull();
    expect(prevent({ ...readmeExample, age: 30 }).thirtyYear).not.toBeNull();
  });

  it.each<[keyof RiskInput, number, string]>([
    ['age', 29, 'age 29 years is outside the validated range 30–79 years'],
    ['age', 80, 'age 80 years is outside the validated range 30–79 years'],
    ['bmi', 18.4, 'bmi 18.4 kg/m² is outside the validated range 18.5–39.9 kg/m²'],
    ['bmi', 40, 'bmi 40 kg/m² is outside the validated range 18.5–39.9 kg/m²'],
    ['egfr', 14, 'egfr 14 mL/min/1.73 m² is outside the validated range 15–140 mL/min/1.73 m²'],
    ['egfr', 141, 'egfr 141 mL/min/1.73 m² is outside the validated range 15–140 mL/min/1.73 m²'],
    ['systolicBp', 201, 'systolicBp 201 mmHg is outside the validated range 90–200 mmHg'],
    ['totalCholesterol', 129, 'totalCholesterol 129 mg/dL is outside the validated range 130–320 mg/dL'],
    ['hdl', 101, 'hdl 101 mg/dL is outside the validated range 20–100 mg/dL'],
  ])('refuses %s %d with a warning naming the input and its range', (field, value, text) => {
    const result = prevent({ ...readmeExample, [field]: value });
    expect(result.tenYear).toBeNull();
    expect(result.thirtyYear).toBeNull();
    expect(result.warnings).toEqual([`PREVENT: ${text}; risk not computed`]);
  });

  it('accepts the range edges', () => {
    for (const edge of [
      { age: 30, bmi: 18.5, egfr: 15, systolicBp: 90 },
      { age: 79, bmi: 39.9, egfr: 140, systolicBp: 200 },
    ]) {
      expect(prevent({ ...readmeExample, ...edge }).tenYear).not.toBeNull();
    }
  });

  it('names missing inputs (race is not one: PREVENT has no race term)', () => {
    const result = prevent({ age: 50, sex: 'male', totalCholesterol: 200, hdl: 50, systolicBp: 120 });
    expect(result.tenYear).toBeNull();
    expect(result.missing).toEqual(['bmi', 'egfr', 'bpTreated', 'lipidLowering', 'smoker', 'diabetes']);
  });
});
