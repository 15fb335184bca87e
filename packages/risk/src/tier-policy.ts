import { TierPolicyError } from './errors';

/**
 * Risk tiers for the care-coordinator worklist. The four screening tiers are ordered by urgency; the other three
 * mean "no screening tier applies" (secondary prevention, already treated, or too little data to decide).
 */
export const TIER_ORDER = ['routine', 'consider-statin', 'statin-recommended', 'high-priority'] as const;
export type ScreeningTier = (typeof TIER_ORDER)[number];
export type Tier = ScreeningTier | 'excluded-secondary-prevention' | 'already-treated' | 'indeterminate';

/** Conditions that, per the 2018 AHA/ACC guideline, keep CAC 0 from being reassuring. */
export type RiskEnhancer = 'smoker' | 'diabetes' | 'familyHistory';

/**
 * Which 10-year risk estimate drives the decisions that need one (no CAC score; CAC 1–99 under the age cut).
 * 'pce' is the 2018 guideline's; the PREVENT options are a site's choice and are named in the rationale.
 */
export const RISK_EQUATIONS = ['pce', 'prevent-ascvd', 'prevent-total-cvd'] as const;
export type RiskEquation = (typeof RISK_EQUATIONS)[number];

export interface TierPolicy {
  /** Agatston score at or above which a patient is high-priority: 300 = CAC-DRS 3 (default); 400 is the classic cut. */
  highPriorityCac: number;
  /** Agatston score at or above which a statin is recommended (2018 AHA/ACC: 100). */
  statinRecommendedCac: number;
  /** Also recommend a statin when CAC > 0 is at or above the approximate MESA 75th percentile (where known). */
  useMesaPercentile: boolean;
  /** CAC 1–99 means "consider statin" from this age (2018 AHA/ACC: 55); younger only with PCE ≥ pceConsiderStatinPct. */
  considerStatinMinAge: number;
  /** PCE 10-year risk (%) from which CAC 1–99 under the age cut, or a patient without CAC, is "consider-statin". */
  pceConsiderStatinPct: number;
  /** PCE 10-year risk (%) from which a patient without a CAC score is "statin-recommended" (high risk, ≥ 20 %). */
  pceStatinRecommendedPct: number;
  /** The 10-year estimate compared with pceConsiderStatinPct / pceStatinRecommendedPct (default 'pce'). */
  riskEquation: RiskEquation;
  /** Conditions that turn CAC 0 into "consider-statin". */
  riskEnhancers: readonly RiskEnhancer[];
  /** Tiers that put the patient on the worklist. */
  flaggedTiers: readonly Tier[];
}

export const DEFAULT_TIER_POLICY: Readonly<TierPolicy> = Object.freeze({
  highPriorityCac: 300,
  statinRecommendedCac: 100,
  useMesaPercentile: true,
  considerStatinMinAge: 55,
  pceConsiderStatinPct: 7.5,
  pceStatinRecommendedPct: 20,
  riskEquation: 'pce',
  riskEnhancers: Object.freeze(['smoker', 'diabetes', 'familyHistory'] as const),
  flaggedTiers: Object.freeze(['statin-recommended', 'high-priority'] as const),
});

/** The default policy with `overrides` applied; throws `TierPolicyError` when thresholds contradict each other. */
export function resolveTierPolicy(overrides: Partial<TierPolicy> = {}): TierPolicy {
  const policy: TierPolicy = { ...DEFAULT_TIER_POLICY, ...overrides };
  const numbers: (keyof TierPolicy)[] = [
    'highPriorityCac',
    'statinRecommendedCac',
    'considerStatinMinAge',
    'pceConsiderStatinPct',
    'pceStatinRecommendedPct',
  ];
  for (const key of numbers) {
    const value = policy[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TierPolicyError(`${key} must be a finite number ≥ 0`);
    }
  }
  if (!(RISK_EQUATIONS as readonly string[]).includes(policy.riskEquation)) {
    throw new TierPolicyError(`riskEquation must be one of ${RISK_EQUATIONS.join(', ')}`);
  }
  if (policy.statinRecommendedCac <= 0) throw new TierPolicyError('statinRecommendedCac must be > 0');
  if (policy.highPriorityCac < policy.statinRecommendedCac) {
    throw new TierPolicyError(
      `highPriorityCac (${policy.highPriorityCac}) is below statinRecommendedCac (${policy.statinRecommendedCac})`,
    );
  }
  if (policy.pceStatinRecommendedPct < policy.pceConsiderStatinPct) {
    throw new TierPolicyError(
      `pceStatinRecommendedPct (${policy.pceStatinRecommendedPct}) is below pceConsiderStatinPct (${policy.pceConsiderStatinPct})`,
    );
  }
  return policy;
}

/** Whether the tier puts the patient on the worklist (by default: statin-recommended or high-priority). */
export function isFlagged(tier: Tier, policy: Pick<TierPolicy, 'flaggedTiers'> = DEFAULT_TIER_POLICY): boolean {
  return policy.flaggedTiers.includes(tier);
}

/** Position in TIER_ORDER (0 = routine … 3 = high-priority); null for the non-screening tiers. */
export function tierRank(tier: Tier): number | null {
  const rank = (TIER_ORDER as readonly Tier[]).indexOf(tier);
  return rank === -1 ? null : rank;
}
