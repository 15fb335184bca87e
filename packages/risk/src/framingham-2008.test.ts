import { expectPct } from './__tests__/expect-pct';
import { framingham2008 } from './framingham-2008';
import type { RiskInput } from './risk-input';

// Expected values: reference cac-and-risk.md section 4.1.
const base: RiskInput = {
  age: 55,
  sex: 'male',
  totalCholesterol: 213,
  hdl: 50,
  systolicBp: 140,
  bpTreated: false,
  smoker: false,
  diabetes: false,
};

describe('framingham2008', () => {
  it.each<[string, RiskInput, number]>([
    ['man 55, TC 213, HDL 50, SBP 140 untreated', base, 13.53],
    ['woman, same profile', { ...base, sex: 'female' }, 8.07],
    [
      'woman 61, TC 180, HDL 47, SBP 124 untreated, smoker',
      { ...base, sex: 'female', age: 61, totalCholesterol: 180, hdl: 47, systolicBp: 124, smoker: true },
      10.48,
    ],
    [
      'man 53, TC 161, HDL 55, SBP 125 treated, diabetic',
      { ...base, age: 53, totalCholesterol: 161, hdl: 55, systolicBp: 125, bpTreated: true, diabetes: true },
      15.62,
    ],
  ])('%s → reference risk', (_label, input, expected) => {
    const result = framingham2008(input);
    expectPct(result.riskPct, expected);
    expect(result.warnings).toEqual([]);
    expect(result.missing).toEqual([]);
  });

  it('does not need race', () => {
    expect(framingham2008({ ...base, race: undefined }).riskPct).not.toBeNull();
  });

  it.each([
    [29, 'age 29 years is outside the validated range 30–74 years'],
    [75, 'age 75 years is outside the validated range 30–74 years'],
  ])('refuses age %d', (age, message) => {
    const result = framingham2008({ ...base, age });
    expect(result.riskPct).toBeNull();
    expect(result.warnings).toEqual([`Framingham 2008: ${message}; risk not computed`]);
  });

  it('accepts the range edges 30 and 74', () => {
    expect(framingham2008({ ...base, age: 30 }).riskPct).not.toBeNull();
    expect(framingham2008({ ...base, age: 74 }).riskPct).not.toBeNull();
  });

  it('names every out-of-range input', () => {
    const result = framingham2008({ ...base, hdl: 12, systolicBp: 230 });
    expect(result.riskPct).toBeNull();
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toContain('hdl 12 mg/dL is outside the validated range 20–100 mg/dL');
    expect(result.warnings[1]).toContain('systolicBp 230 mmHg is outside the validated range 90–200 mmHg');
  });

  it('lists missing inputs and gives no risk', () => {
    const result = framingham2008({ age: 55, sex: 'male', hdl: 50 });
    expect(result.riskPct).toBeNull();
    expect(result.missing).toEqual(['totalCholesterol', 'systolicBp', 'bpTreated', 'smoker', 'diabetes']);
  });
});
