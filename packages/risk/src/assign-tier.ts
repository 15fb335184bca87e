import { cacDrs } from './cac-categories';
import type { CacPercentileBand } from './cac-percentile';
import { show } from './format';
import type { RiskInput } from './risk-input';
import { DEFAULT_TIER_POLICY, type RiskEnhancer, type Tier, type TierPolicy } from './tier-policy';

/**
 * Tier rules, in order (2018 AHA/ACC cholesterol guideline; CAC-DRS, Hecht 2018):
 *  1. known ASCVD → excluded-secondary-prevention; on lipid-lowering therapy → already-treated;
 *  2. CAC ≥ highPriorityCac → high-priority;
 *  3. CAC ≥ statinRecommendedCac, or CAC > 0 at/above the approximate MESA 75th percentile → statin-recommended;
 *  4. CAC 1–99: age ≥ considerStatinMinAge → consider-statin; younger → consider-statin only if risk ≥ threshold;
 *  5. CAC 0: any risk enhancer → consider-statin, else routine (reassess in 5–10 years);
 *  6. no CAC score: PCE bands (≥ 20 % statin-recommended, ≥ 7.5 % consider-statin, else routine); no PCE → indeterminate.
 * "Risk" is the policy's riskEquation: the PCE by default, or a PREVENT 10-year estimate, named in the rationale.
 * Each decision explains itself with the numbers that fired the rule.
 */

export interface TierContext {
  /** Unrounded PCE 10-year ASCVD risk, or null when it could not be computed. */
  pcePct: number | null;
  /** Unrounded PREVENT 10-year ASCVD and total-CVD risks, used only when the policy's riskEquation asks. */
  preventAscvdPct?: number | null;
  preventTotalCvdPct?: number | null;
  /** Approximate MESA percentile band of the CAC score, or null without a score. */
  percentile: CacPercentileBand | null;
}

export interface TierDecision {
  tier: Tier;
  rationale: string[];
}

/** The 10-year risk that drives decisions under this policy, and its name in a rationale. */
interface DrivingRisk {
  pct: number | null;
  label: string;
}

function drivingRisk(context: TierContext, policy: TierPolicy): DrivingRisk {
  switch (policy.riskEquation) {
    case 'prevent-ascvd':
      return { pct: context.preventAscvdPct ?? null, label: 'PREVENT 10-year ASCVD' };
    case 'prevent-total-cvd':
      return { pct: context.preventTotalCvdPct ?? null, label: 'PREVENT 10-year total CVD' };
    case 'pce':
      return { pct: context.pcePct, label: 'PCE' };
  }
}

const ENHANCER_LABELS: Record<RiskEnhancer, string> = {
  smoker: 'current smoker',
  diabetes: 'diabetes',
  familyHistory: 'family history of premature ASCVD',
};

export function assignTier(
  input: RiskInput,
  context: TierContext,
  policy: TierPolicy = DEFAULT_TIER_POLICY,
): TierDecision {
  if (input.knownAscvd === true) {
    return {
      tier: 'excluded-secondary-prevention',
      rationale: ['Known ASCVD: secondary prevention applies, so primary-prevention screening tiers do not.'],
    };
  }
  if (input.lipidLowering === true) {
    return {
      tier: 'already-treated',
      rationale: ['Already on lipid-lowering therapy: no statin decision to make from screening.'],
    };
  }
  if (input.cac === undefined) return tierWithoutCac(drivingRisk(context, policy), policy);
  return tierFromCac(input, input.cac, context, policy);
}

function tierFromCac(input: RiskInput, cac: number, context: TierContext, policy: TierPolicy): TierDecision {
  const drs = `CAC-DRS ${cacDrs(cac)}`;
  if (cac >= policy.highPriorityCac) {
    return {
      tier: 'high-priority',
      rationale: [`CAC ${show(cac)} ≥ ${show(policy.highPriorityCac)} (${drs}): high-priority, statin recommended.`],
    };
  }
  if (cac >= policy.statinRecommendedCac) {
    return {
      tier: 'statin-recommended',
      rationale: [`CAC ${show(cac)} ≥ ${show(policy.statinRecommendedCac)} (${drs}): statin recommended.`],
    };
  }
  const band = context.percentile;
  if (cac > 0 && policy.useMesaPercentile && band?.atOrAbove75th === true && band.p75 !== null) {
    return {
      tier: 'statin-recommended',
      rationale: [
        `CAC ${show(cac)} is at or above the approximate MESA 75th percentile for age, sex and race ` +
          `(p75 ≈ ${show(band.p75)}; ${band.source}): statin recommended.`,
      ],
    };
  }
  if (cac > 0) {
    return tierForLowCac(input.age, cac, describePercentile(band, policy), drivingRisk(context, policy), policy);
  }
  return tierForZeroCac(input, policy);
}

function describePercentile(band: CacPercentileBand | null, policy: TierPolicy): string {
  if (!policy.useMesaPercentile) return 'MESA percentile rule off';
  if (band === null || band.p75 === null) return `MESA percentile unknown: ${band?.source ?? 'no score'}`;
  return `below the approximate MESA 75th percentile ≈ ${show(band.p75)}`;
}

function tierForLowCac(
  age: number | undefined,
  cac: number,
  percentileText: string,
  risk: DrivingRisk,
  policy: TierPolicy,
): TierDecision {
  const { pct: pcePct, label } = risk;
  const low = `CAC ${show(cac)} (> 0 and < ${show(policy.statinRecommendedCac)}; ${percentileText})`;
  const minAge = policy.considerStatinMinAge;
  if (age === undefined) {
    // Without an age the guideline's age split cannot be applied; err towards a clinician looking at it.
    return { tier: 'consider-statin', rationale: [`${low} with age unknown: consider statin.`] };
  }
  if (age >= minAge) {
    return { tier: 'consider-statin', rationale: [`${low} at age ${show(age)} ≥ ${show(minAge)}: consider statin.`] };
  }
  const pceThreshold = policy.pceConsiderStatinPct;
  if (pcePct !== null && pcePct >= pceThreshold) {
    return {
      tier: 'consider-statin',
      rationale: [
        `${low} at age ${show(age)} < ${show(minAge)}, ${label} ${show(pcePct)}% ≥ ${show(pceThreshold)}%: consider statin.`,
      ],
    };
  }
  const pceText = pcePct === null ? `${label} not available` : `${label} ${show(pcePct)}% < ${show(pceThreshold)}%`;
  return { tier: 'routine', rationale: [`${low} at age ${show(age)} < ${show(minAge)}, ${pceText}: routine.`] };
}

function tierForZeroCac(input: RiskInput, policy: TierPolicy): TierDecision {
  const present = policy.riskEnhancers.filter((enhancer) => input[enhancer] === true);
  if (present.length > 0) {
    const names = present.map((enhancer) => ENHANCER_LABELS[enhancer]).join(', ');
    return { tier: 'consider-statin', rationale: [`CAC 0 but with risk enhancer(s): ${names}: consider statin.`] };
  }
  const rationale = ['CAC 0 without risk enhancers: routine; reassess in 5–10 years.'];
  const unknown = policy.riskEnhancers.filter((enhancer) => input[enhancer] === undefined);
  if (unknown.length > 0) {
    rationale.push(
      `Not recorded, so assumed absent: ${unknown.map((enhancer) => ENHANCER_LABELS[enhancer]).join(', ')}.`,
    );
  }
  return { tier: 'routine', rationale };
}

function tierWithoutCac(risk: DrivingRisk, policy: TierPolicy): TierDecision {
  const { pct: pcePct, label } = risk;
  if (pcePct === null) {
    return {
      tier: 'indeterminate',
      rationale: [`No CAC score and no ${label} risk: not enough data to assign a tier.`],
    };
  }
  const pce = `No CAC score; ${label} ${show(pcePct)}%`;
  if (pcePct >= policy.pceStatinRecommendedPct) {
    return {
      tier: 'statin-recommended',
      rationale: [`${pce} ≥ ${show(policy.pceStatinRecommendedPct)}% (high risk): statin recommended.`],
    };
  }
  if (pcePct >= policy.pceConsiderStatinPct) {
    return {
      tier: 'consider-statin',
      rationale: [`${pce} ≥ ${show(policy.pceConsiderStatinPct)}% (intermediate risk): consider statin.`],
    };
  }
  return { tier: 'routine', rationale: [`${pce} < ${show(policy.pceConsiderStatinPct)}%: routine.`] };
}
