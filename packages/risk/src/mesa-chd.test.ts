import { expectPct } from './__tests__/expect-pct';
import { mesaChd } from './mesa-chd';
import type { RiskInput } from './risk-input';

// Expected values: reference cac-and-risk.md section 4.3.
const hispanicMan: RiskInput = {
  age: 70,
  sex: 'male',
  race: 'hispanic',
  systolicBp: 130,
  hdl: 50,
  totalCholesterol: 190,
  bpTreated: true,
  lipidLowering: false,
  smoker: false,
  diabetes: false,
  familyHistory: false,
};

const whiteMan: RiskInput = {
  age: 65,
  sex: 'male',
  race: 'white',
  totalCholesterol: 210,
  hdl: 45,
  systolicBp: 140,
  bpTreated: false,
  lipidLowering: false,
  smoker: false,
  diabetes: false,
  familyHistory: false,
};

describe('mesaChd', () => {
  it('Hispanic man 70: 8.61 % without CAC, 3.06 % with CAC 0', () => {
    const result = mesaChd({ ...hispanicMan, cac: 0 });
    expectPct(result.withoutCacPct, 8.61);
    expectPct(result.withCacPct, 3.06);
    expect(result.warnings).toEqual([]);
    expect(result.missing).toEqual([]);
  });

  it.each([
    [1, 3.69],
    [10, 5.82],
    [100, 10.43],
    [400, 14.86],
    [1000, 18.67],
  ])('Hispanic man 70 with CAC %d → %d %%', (cac, expected) => {
    const result = mesaChd({ ...hispanicMan, cac });
    expectPct(result.withCacPct, expected);
    expectPct(result.withoutCacPct, 8.61);
  });

  it('white man 65, TC 210, HDL 45, SBP 140, CAC 400 → 13.76 % (7.72 % without CAC)', () => {
    const result = mesaChd({ ...whiteMan, cac: 400 });
    expectPct(result.withCacPct, 13.76);
    expectPct(result.withoutCacPct, 7.72);
  });

  it('white man 65, TC 200, HDL 50, SBP 140, CAC 0 → 2.56 % (6.86 % without CAC)', () => {
    const result = mesaChd({ ...whiteMan, totalCholesterol: 200, hdl: 50, cac: 0 });
    expectPct(result.withCacPct, 2.56);
    expectPct(result.withoutCacPct, 6.86);
  });

  it('without a CAC score gives only the risk-factor model and lists cac as missing', () => {
    const result = mesaChd(hispanicMan);
    expectPct(result.withoutCacPct, 8.61);
    expect(result.withCacPct).toBeNull();
    expect(result.missing).toEqual(['cac']);
  });

  it('scores race "other" as the white reference group, with a warning', () => {
    const result = mesaChd({ ...whiteMan, race: 'other', cac: 400 });
    expectPct(result.withCacPct, 13.76);
    expect(result.warnings).toEqual([
      'MESA CHD: no coefficient for race "other"; scored as white (reference group), which may misestimate risk',
    ]);
  });

  it.each([44, 86])('refuses age %d (validated 45–85)', (age) => {
    const result = mesaChd({ ...whiteMan, age, cac: 10 });
    expect(result.withoutCacPct).toBeNull();
    expect(result.withCacPct).toBeNull();
    expect(result.warnings).toEqual([
      `MESA CHD: age ${age} years is outside the validated range 45–85 years; risk not computed`,
    ]);
  });

  it.each([45, 85])('accepts the age edge %d', (age) => {
    expect(mesaChd({ ...whiteMan, age, cac: 10 }).withCacPct).not.toBeNull();
  });

  it('needs family history and lipid-lowering status', () => {
    const result = mesaChd({ ...whiteMan, familyHistory: undefined, lipidLowering: undefined, cac: 5 });
    expect(result).toMatchObject({
      withoutCacPct: null,
      withCacPct: null,
      missing: ['lipidLowering', 'familyHistory'],
    });
  });
});
