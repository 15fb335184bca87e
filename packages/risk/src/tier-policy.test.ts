import { TierPolicyError } from './errors';
import { DEFAULT_TIER_POLICY, TIER_ORDER, isFlagged, resolveTierPolicy, tierRank } from './tier-policy';

describe('tier policy', () => {
  it('orders the screening tiers routine < consider-statin < statin-recommended < high-priority', () => {
    expect(TIER_ORDER).toEqual(['routine', 'consider-statin', 'statin-recommended', 'high-priority']);
    expect(tierRank('routine')).toBe(0);
    expect(tierRank('high-priority')).toBe(3);
    expect(tierRank('already-treated')).toBeNull();
  });

  it('flags statin-recommended and high-priority by default', () => {
    expect(isFlagged('high-priority')).toBe(true);
    expect(isFlagged('statin-recommended')).toBe(true);
    expect(isFlagged('consider-statin')).toBe(false);
    expect(isFlagged('routine')).toBe(false);
    expect(isFlagged('excluded-secondary-prevention')).toBe(false);
    expect(isFlagged('already-treated')).toBe(false);
    expect(isFlagged('indeterminate')).toBe(false);
  });

  it('flags whatever tiers the policy lists', () => {
    expect(isFlagged('consider-statin', { flaggedTiers: ['consider-statin', 'high-priority'] })).toBe(true);
    expect(isFlagged('statin-recommended', { flaggedTiers: ['high-priority'] })).toBe(false);
  });

  it('applies overrides to the defaults', () => {
    const policy = resolveTierPolicy({ highPriorityCac: 400 });
    expect(policy.highPriorityCac).toBe(400);
    expect(policy.statinRecommendedCac).toBe(DEFAULT_TIER_POLICY.statinRecommendedCac);
  });

  it('rejects contradictory thresholds', () => {
    expect(() => resolveTierPolicy({ highPriorityCac: 50 })).toThrow(TierPolicyError);
    expect(() => resolveTierPolicy({ highPriorityCac: 50 })).toThrow(
      'Invalid tier policy: highPriorityCac (50) is below statinRecommendedCac (100)',
    );
    expect(() => resolveTierPolicy({ pceStatinRecommendedPct: 5 })).toThrow('pceStatinRecommendedPct (5) is below');
    expect(() => resolveTierPolicy({ considerStatinMinAge: Number.NaN })).toThrow(
      'considerStatinMinAge must be a finite number',
    );
    expect(() => resolveTierPolicy({ statinRecommendedCac: 0 })).toThrow('statinRecommendedCac must be > 0');
  });
});
