import { expectPct } from './__tests__/expect-pct';
import { pooledCohort, type PooledCohortGroup } from './pooled-cohort';
import type { Race, RiskInput, Sex } from './risk-input';

// Expected values: reference cac-and-risk.md section 4.2.
const goff: RiskInput = {
  age: 55,
  totalCholesterol: 213,
  hdl: 50,
  systolicBp: 120,
  bpTreated: false,
  smoker: false,
  diabetes: false,
};

const GROUPS: Record<PooledCohortGroup, { sex: Sex; race: Race }> = {
  'white-female': { sex: 'female', race: 'white' },
  'black-female': { sex: 'female', race: 'black' },
  'white-male': { sex: 'male', race: 'white' },
  'black-male': { sex: 'male', race: 'black' },
};

function riskFor(group: PooledCohortGroup, profile: RiskInput) {
  return pooledCohort({ ...profile, ...GROUPS[group] });
}

describe('pooledCohort', () => {
  describe('Goff example: 55 y, TC 213, HDL 50, SBP 120 untreated', () => {
    it.each<[PooledCohortGroup, number, number]>([
      ['white-female', 2.05, 2.1],
      ['black-female', 3.03, 3.0],
      ['white-male', 5.38, 5.3],
      ['black-male', 6.07, 6.1],
    ])('%s: exact recomputation %d %%, published %d %%', (group, exact, published) => {
      const result = riskFor(group, goff);
      expect(result.group).toBe(group);
      expectPct(result.riskPct, exact);
      expectPct(result.riskPct, published);
      expect(result.warnings).toEqual([]);
    });
  });

  it.each<[PooledCohortGroup, number]>([
    ['black-male', 7.95],
    ['black-female', 5.08],
    ['white-female', 2.76],
    ['white-male', 7.01],
  ])('CVrisk vector, SBP 140 untreated, %s → %d %%', (group, expected) => {
    expectPct(riskFor(group, { ...goff, systolicBp: 140 }).riskPct, expected);
  });

  it.each<[PooledCohortGroup, number]>([
    ['white-female', 29.21],
    ['black-female', 51.01],
    ['white-male', 43.56],
    ['black-male', 50.81],
  ])('60 y, TC 220, HDL 40, SBP 150 treated, smoker, diabetic, %s → %d %%', (group, expected) => {
    const profile: RiskInput = {
      age: 60,
      totalCholesterol: 220,
      hdl: 40,
      systolicBp: 150,
      bpTreated: true,
      smoker: true,
      diabetes: true,
    };
    expectPct(riskFor(group, profile).riskPct, expected);
  });

  it.each<Race>(['hispanic', 'chinese', 'other'])('scores race "%s" with the white equation and says so', (race) => {
    const result = pooledCohort({ ...goff, sex: 'male', race });
    expect(result.group).toBe('white-male');
    expectPct(result.riskPct, 5.38);
    expect(result.warnings).toEqual([
      `Pooled Cohort: no equation for race "${race}"; the white male equation is used (guideline convention), which may misestimate risk`,
    ]);
  });

  it.each<[keyof RiskInput, number, string]>([
    ['age', 39, 'age 39 years is outside the validated range 40–79 years'],
    ['age', 80, 'age 80 years is outside the validated range 40–79 years'],
    ['totalCholesterol', 129, 'totalCholesterol 129 mg/dL is outside the validated range 130–320 mg/dL'],
    ['totalCholesterol', 321, 'totalCholesterol 321 mg/dL is outside the validated range 130–320 mg/dL'],
    ['hdl', 19, 'hdl 19 mg/dL is outside the validated range 20–100 mg/dL'],
    ['hdl', 101, 'hdl 101 mg/dL is outside the validated range 20–100 mg/dL'],
    ['systolicBp', 89, 'systolicBp 89 mmHg is outside the validated range 90–200 mmHg'],
    ['systolicBp', 201, 'systolicBp 201 mmHg is outside the validated range 90–200 mmHg'],
  ])('refuses %s = %d', (field, value, message) => {
    const result = riskFor('white-male', { ...goff, [field]: value });
    expect(result.riskPct).toBeNull();
    expect(result.warnings).toEqual([`Pooled Cohort: ${message}; risk not computed`]);
  });

  it.each<[keyof RiskInput, number]>([
    ['age', 40],
    ['age', 79],
    ['totalCholesterol', 130],
    ['totalCholesterol', 320],
    ['hdl', 20],
    ['hdl', 100],
    ['systolicBp', 90],
    ['systolicBp', 200],
  ])('accepts the range edge %s = %d', (field, value) => {
    expect(riskFor('white-female', { ...goff, [field]: value }).riskPct).not.toBeNull();
  });

  it('needs race: missing race means no group and no risk', () => {
    const result = pooledCohort({ ...goff, sex: 'female' });
    expect(result).toMatchObject({ riskPct: null, group: null, missing: ['race'] });
  });

  it('lists missing inputs but still reports the group when sex and race are known', () => {
    const result = pooledCohort({ sex: 'male', race: 'black', age: 60 });
    expect(result.riskPct).toBeNull();
    expect(result.group).toBe('black-male');
    expect(result.missing).toEqual(['totalCholesterol', 'hdl', 'systolicBp', 'bpTreated', 'smoker', 'diabetes']);
  });
});
