import { expectPct } from './__tests__/expect-pct';
import { assessRisk } from './assess-risk';
import { RiskInputError, TierPolicyError } from './errors';
import type { RiskInput } from './risk-input';

// Reference profiles (cac-and-risk.md section 4); expected numbers come from there.
const goffWhiteMan: RiskInput = {
  age: 55,
  sex: 'male',
  race: 'white',
  totalCholesterol: 213,
  hdl: 50,
  systolicBp: 120,
  bmi: 27,
  egfr: 90,
  bpTreated: false,
  smoker: false,
  diabetes: false,
  lipidLowering: false,
  familyHistory: false,
  knownAscvd: false,
};

const mesaHispanicMan: RiskInput = {
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
  knownAscvd: false,
};

const hasTwoDecimalsAtMost = (value: number | null) =>
  value === null || Math.abs(value * 100 - Math.round(value * 100)) < 1e-9;

describe('assessRisk', () => {
  it('runs every equation on a complete profile and rounds to 2 decimals', () => {
    const result = assessRisk({ ...goffWhiteMan, cac: 0 });
    expectPct(result.pooledCohort.riskPct, 5.38);
    expect(result.pooledCohort.group).toBe('white-male');
    expect(result.framingham2008.riskPct).not.toBeNull();
    expect(result.mesaChd.withoutCacPct).not.toBeNull();
    expect(result.mesaChd.withCacPct).not.toBeNull();
    for (const value of [
      result.framingham2008.riskPct,
      result.pooledCohort.riskPct,
      result.mesaChd.withoutCacPct,
      result.mesaChd.withCacPct,
    ]) {
      expect(hasTwoDecimalsAtMost(value)).toBe(true);
    }
    expect(result).toMatchObject({ tier: 'routine', flagged: false, missing: [], warnings: [] });
    expect(result.rationale).toEqual([
      'CAC 0 without risk enhancers: routine; reassess in 5–10 years.',
      `PCE 10-year ASCVD risk ${result.pooledCohort.riskPct}% (borderline; white-male equation).`,
      `PREVENT 10-year risk: total CVD ${result.prevent.tenYear?.totalCvdPct}%, ASCVD ${result.prevent.tenYear?.ascvdPct}%, heart failure ${result.prevent.tenYear?.heartFailurePct}%.`,
      `MESA 10-year CHD risk ${result.mesaChd.withCacPct}% with CAC (${result.mesaChd.withoutCacPct}% without).`,
    ]);
  });

  it('carries PREVENT 10- and 30-year risks, rounded, and null 30-year risk from age 60', () => {
    const result = assessRisk({ ...goffWhiteMan, cac: 0 });
    const { tenYear, thirtyYear } = result.prevent;
    expect(tenYear).not.toBeNull();
    expect(thirtyYear).not.toBeNull();
    for (const risks of [tenYear, thirtyYear]) {
      for (const value of Object.values(risks ?? {})) expect(hasTwoDecimalsAtMost(value)).toBe(true);
    }
    const older = assessRisk({ ...goffWhiteMan, age: 65, cac: 0 });
    expect(older.prevent.tenYear).not.toBeNull();
    expect(older.prevent.thirtyYear).toBeNull();
    expect(older.warnings).toContain(
      'PREVENT 30-year: age 65 years is outside the validated range 30–59 years; 30-year risk not computed',
    );
  });

  it('tiers on PCE by default and on PREVENT only when the policy asks, saying which', () => {
    // 50-y woman of the preventr README example: PREVENT 10-y ASCVD 9.20 %, total CVD 14.68 %.
    const readme: RiskInput = {
      age: 50,
      sex: 'female',
      race: 'white',
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
    const byPce = assessRisk(readme);
    expect(byPce.rationale[0]).toMatch(/^No CAC score; PCE [\d.]+%/);
    const byAscvd = assessRisk(readme, { policy: { riskEquation: 'prevent-ascvd' } });
    expect(byAscvd.tier).toBe('consider-statin');
    expect(byAscvd.rationale[0]).toBe(
      'No CAC score; PREVENT 10-year ASCVD 9.2% ≥ 7.5% (intermediate risk): consider statin.',
    );
    const byTotal = assessRisk(
      { ...readme, cac: 50 },
      { policy: { riskEquation: 'prevent-total-cvd', useMesaPercentile: false } },
    );
    expect(byTotal.rationale[0]).toContain('PREVENT 10-year total CVD 14.68% ≥ 7.5%: consider statin.');
    expect(() => assessRisk(readme, { policy: { riskEquation: 'score2' as never } })).toThrow(TierPolicyError);
  });

  it('reproduces the MESA vector and carries the PCE race warning', () => {
    const result = assessRisk({ ...mesaHispanicMan, cac: 0 });
    expectPct(result.mesaChd.withoutCacPct, 8.61);
    expectPct(result.mesaChd.withCacPct, 3.06);
    expect(result.pooledCohort.group).toBe('white-male');
    expect(result.warnings).toEqual([
      'Pooled Cohort: no equation for race "hispanic"; the white male equation is used (guideline convention), which may misestimate risk',
    ]);
  });

  it.each([
    [0, 'routine', false],
    [1, 'consider-statin', false],
    [99, 'consider-statin', false],
    [100, 'statin-recommended', true],
    [299, 'statin-recommended', true],
    [300, 'high-priority', true],
  ])('Hispanic man 70, CAC %d → %s (flagged %s)', (cac, tier, flagged) => {
    const result = assessRisk({ ...mesaHispanicMan, cac });
    expect(result.tier).toBe(tier);
    expect(result.flagged).toBe(flagged);
  });

  it('CAC 99 splits at age 55 when below the 75th percentile and PCE < 7.5 %', () => {
    // white male p75 ≈ 138 at 54 and ≈ 154 at 55, both above 99
    const at54 = assessRisk({ ...goffWhiteMan, age: 54, cac: 99 });
    const at55 = assessRisk({ ...goffWhiteMan, age: 55, cac: 99 });
    expect(at54.pooledCohort.riskPct).toBeLessThan(7.5);
    expect(at54.tier).toBe('routine');
    expect(at55.tier).toBe('consider-statin');
    expect(at54.cacPercentile).toMatchObject({ atOrAbove75th: false, approximate: true });
  });

  it('CAC above the approximate 75th percentile is statin-recommended below 100', () => {
    // white female p75 ≈ 54 × 9/20 = 24.3 at 54
    const result = assessRisk({ ...goffWhiteMan, sex: 'female', age: 54, cac: 50 });
    expect(result.cacPercentile?.atOrAbove75th).toBe(true);
    expect(result.tier).toBe('statin-recommended');
    expect(result.flagged).toBe(true);
  });

  it('exclusions win, while the risk numbers are still reported', () => {
    const ascvd = assessRisk({ ...goffWhiteMan, knownAscvd: true, cac: 800 });
    expect(ascvd).toMatchObject({ tier: 'excluded-secondary-prevention', flagged: false });
    expect(ascvd.pooledCohort.riskPct).not.toBeNull();
    const treated = assessRisk({ ...goffWhiteMan, lipidLowering: true, cac: 800 });
    expect(treated).toMatchObject({ tier: 'already-treated', flagged: false });
  });

  it('lists missing inputs in schema order and still tiers on CAC', () => {
    const result = assessRisk({ age: 60, sex: 'male', cac: 150 });
    expect(result.missing).toEqual([
      'race',
      'totalCholesterol',
      'hdl',
      'systolicBp',
      'bmi',
      'egfr',
      'bpTreated',
      'smoker',
      'diabetes',
      'lipidLowering',
      'familyHistory',
    ]);
    expect(result.framingham2008.riskPct).toBeNull();
    expect(result.pooledCohort.riskPct).toBeNull();
    expect(result.mesaChd).toMatchObject({ withoutCacPct: null, withCacPct: null });
    expect(result).toMatchObject({ tier: 'statin-recommended', flagged: true });
  });

  it('lists cac as missing and falls back to PCE bands without a score', () => {
    const result = assessRisk(goffWhiteMan);
    expect(result.missing).toEqual(['cac']);
    expect(result.mesaChd.withCacPct).toBeNull();
    expect(result.cacPercentile).toBeNull();
    expect(result.tier).toBe('routine');
    expect(result.rationale[0]).toMatch(/^No CAC score; PCE 5\.\d+% < 7\.5%: routine\.$/);
  });

  it('refuses out-of-range equations by name and keeps the others', () => {
    const result = assessRisk({ ...goffWhiteMan, age: 80, cac: 10 });
    expect(result.framingham2008.riskPct).toBeNull();
    expect(result.pooledCohort.riskPct).toBeNull();
    expect(result.mesaChd.withCacPct).not.toBeNull();
    expect(result.warnings).toEqual([
      'Framingham 2008: age 80 years is outside the validated range 30–74 years; risk not computed',
      'Pooled Cohort: age 80 years is outside the validated range 40–79 years; risk not computed',
      'PREVENT: age 80 years is outside the validated range 30–79 years; risk not computed',
    ]);
  });

  it('takes policy overrides', () => {
    const input = { ...mesaHispanicMan, cac: 350 };
    expect(assessRisk(input).tier).toBe('high-priority');
    expect(assessRisk(input, { policy: { highPriorityCac: 400 } }).tier).toBe('statin-recommended');
    const onlyHighPriority = assessRisk(input, { policy: { highPriorityCac: 400, flaggedTiers: ['high-priority'] } });
    expect(onlyHighPriority.flagged).toBe(false);
    expect(() => assessRisk(input, { policy: { highPriorityCac: 10 } })).toThrow(TierPolicyError);
  });

  it('throws RiskInputError naming the field for malformed input', () => {
    const bad = { ...goffWhiteMan, hdl: 'fifty' } as unknown as RiskInput;
    expect(() => assessRisk(bad)).toThrow(RiskInputError);
    expect(() => assessRisk(bad)).toThrow('hdl: hdl must be a number (mg/dL)');
  });
});
