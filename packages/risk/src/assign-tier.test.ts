import { assignTier, type TierContext } from './assign-tier';
import type { CacPercentileBand } from './cac-percentile';
import type { RiskInput } from './risk-input';
import { resolveTierPolicy } from './tier-policy';

const noEnhancers: RiskInput = { age: 60, smoker: false, diabetes: false, familyHistory: false };
const noContext: TierContext = { pcePct: null, percentile: null };
const belowP75 = (p75: number): CacPercentileBand => ({
  atOrAbove75th: false,
  p75,
  percentileRank: null,
  percentileRankRange: null,
  source: 'test anchors',
  approximate: true,
});
const aboveP75 = (p75: number): CacPercentileBand => ({
  atOrAbove75th: true,
  p75,
  percentileRank: null,
  percentileRankRange: null,
  source: 'test anchors',
  approximate: true,
});

function tierFor(input: RiskInput, context: TierContext = noContext) {
  return assignTier(input, context);
}

describe('assignTier', () => {
  describe('exclusions come first', () => {
    it('known ASCVD → excluded-secondary-prevention, whatever the CAC', () => {
      const decision = tierFor({ ...noEnhancers, knownAscvd: true, lipidLowering: true, cac: 1000 });
      expect(decision.tier).toBe('excluded-secondary-prevention');
      expect(decision.rationale[0]).toContain('Known ASCVD');
    });

    it('lipid-lowering therapy → already-treated, whatever the CAC', () => {
      const decision = tierFor({ ...noEnhancers, knownAscvd: false, lipidLowering: true, cac: 1000 });
      expect(decision.tier).toBe('already-treated');
      expect(decision.rationale[0]).toContain('lipid-lowering');
    });

    it('knownAscvd false or unknown does not exclude', () => {
      expect(tierFor({ ...noEnhancers, knownAscvd: false, cac: 0 }).tier).toBe('routine');
      expect(tierFor({ ...noEnhancers, cac: 0 }).tier).toBe('routine');
    });
  });

  describe('CAC thresholds', () => {
    it.each([
      [0, 'routine'],
      [1, 'consider-statin'],
      [99, 'consider-statin'],
      [100, 'statin-recommended'],
      [299, 'statin-recommended'],
      [300, 'high-priority'],
      [2500, 'high-priority'],
    ])('CAC %d at age 60 without enhancers → %s', (cac, tier) => {
      expect(tierFor({ ...noEnhancers, cac }).tier).toBe(tier);
    });

    it('explains the rule with the numbers', () => {
      expect(tierFor({ ...noEnhancers, cac: 300 }).rationale).toEqual([
        'CAC 300 ≥ 300 (CAC-DRS 3): high-priority, statin recommended.',
      ]);
      expect(tierFor({ ...noEnhancers, cac: 100 }).rationale).toEqual([
        'CAC 100 ≥ 100 (CAC-DRS 2): statin recommended.',
      ]);
      expect(tierFor({ ...noEnhancers, cac: 0 }).rationale).toEqual([
        'CAC 0 without risk enhancers: routine; reassess in 5–10 years.',
      ]);
    });

    it('high-priority threshold is configurable (400 alternative)', () => {
      const policy = resolveTierPolicy({ highPriorityCac: 400 });
      expect(assignTier({ ...noEnhancers, cac: 399 }, noContext, policy).tier).toBe('statin-recommended');
      expect(assignTier({ ...noEnhancers, cac: 400 }, noContext, policy).tier).toBe('high-priority');
    });
  });

  describe('CAC 1–99: age and PCE', () => {
    it('age 55 → consider-statin', () => {
      const decision = tierFor({ ...noEnhancers, age: 55, cac: 50 }, { pcePct: 3, percentile: belowP75(150) });
      expect(decision.tier).toBe('consider-statin');
      expect(decision.rationale[0]).toBe(
        'CAC 50 (> 0 and < 100; below the approximate MESA 75th percentile ≈ 150) at age 55 ≥ 55: consider statin.',
      );
    });

    it('age 54 with PCE < 7.5 % → routine', () => {
      const decision = tierFor({ ...noEnhancers, age: 54, cac: 50 }, { pcePct: 7.49, percentile: belowP75(150) });
      expect(decision.tier).toBe('routine');
      expect(decision.rationale[0]).toContain('at age 54 < 55, PCE 7.49% < 7.5%: routine.');
    });

    it('age 54 with PCE ≥ 7.5 % → consider-statin', () => {
      const decision = tierFor({ ...noEnhancers, age: 54, cac: 1 }, { pcePct: 7.5, percentile: belowP75(150) });
      expect(decision.tier).toBe('consider-statin');
      expect(decision.rationale[0]).toContain('PCE 7.5% ≥ 7.5%: consider statin.');
    });

    it('age 54 without a PCE → routine, saying PCE is not available', () => {
      const decision = tierFor({ ...noEnhancers, age: 54, cac: 99 });
      expect(decision.tier).toBe('routine');
      expect(decision.rationale[0]).toContain('MESA percentile unknown');
      expect(decision.rationale[0]).toContain('PCE not available: routine.');
    });

    it('unknown age → consider-statin (the age split cannot be applied)', () => {
      expect(tierFor({ ...noEnhancers, age: undefined, cac: 20 }).tier).toBe('consider-statin');
    });

    it('at or above the MESA 75th percentile → statin-recommended, even under 55', () => {
      const decision = tierFor({ ...noEnhancers, age: 50, cac: 40 }, { pcePct: 2, percentile: aboveP75(25) });
      expect(decision.tier).toBe('statin-recommended');
      expect(decision.rationale[0]).toContain('at or above the approximate MESA 75th percentile');
      expect(decision.rationale[0]).toContain('p75 ≈ 25');
    });

    it('the percentile rule can be switched off', () => {
      const policy = resolveTierPolicy({ useMesaPercentile: false });
      const context = { pcePct: 2, percentile: aboveP75(25) };
      expect(assignTier({ ...noEnhancers, age: 50, cac: 40 }, context, policy).tier).toBe('routine');
    });
  });

  describe('CAC 0 and risk enhancers', () => {
    it.each(['smoker', 'diabetes', 'familyHistory'] as const)('CAC 0 with %s → consider-statin', (enhancer) => {
      const decision = tierFor({ ...noEnhancers, [enhancer]: true, cac: 0 });
      expect(decision.tier).toBe('consider-statin');
      expect(decision.rationale[0]).toMatch(/^CAC 0 but with risk enhancer\(s\): .+: consider statin\.$/);
    });

    it('a CAC 0 above a p75 of 0 stays routine', () => {
      expect(tierFor({ ...noEnhancers, age: 45, cac: 0 }, { pcePct: null, percentile: belowP75(0) }).tier).toBe(
        'routine',
      );
    });

    it('notes enhancers that were not recorded', () => {
      const decision = tierFor({ age: 60, smoker: false, cac: 0 });
      expect(decision.tier).toBe('routine');
      expect(decision.rationale[1]).toBe(
        'Not recorded, so assumed absent: diabetes, family history of premature ASCVD.',
      );
    });
  });

  describe('without a CAC score', () => {
    it.each([
      [25, 'statin-recommended'],
      [20, 'statin-recommended'],
      [19.99, 'consider-statin'],
      [7.5, 'consider-statin'],
      [7.49, 'routine'],
    ])('PCE %d %% → %s', (pcePct, tier) => {
      expect(tierFor(noEnhancers, { pcePct, percentile: null }).tier).toBe(tier);
    });

    it('no PCE either → indeterminate', () => {
      expect(tierFor(noEnhancers).tier).toBe('indeterminate');
    });
  });
});
