import { assignTier } from './assign-tier';
import { cacPercentileBand, type CacPercentileBand } from './cac-percentile';
import { round2, round2OrNull, show } from './format';
import { framingham2008 } from './framingham-2008';
import { mesaChd } from './mesa-chd';
import { pooledCohort, type PooledCohortGroup } from './pooled-cohort';
import { prevent, type PreventResult, type PreventRisks } from './prevent';
import { parseRiskInput, riskInputSchema, type RiskInput } from './risk-input';
import { isFlagged, resolveTierPolicy, type Tier, type TierPolicy } from './tier-policy';

export interface AssessRiskOptions {
  /** Overrides of DEFAULT_TIER_POLICY, e.g. `{ highPriorityCac: 400 }`. */
  policy?: Partial<TierPolicy>;
}

export interface RiskAssessment {
  /** Framingham 2008 10-year general CVD risk, %. */
  framingham2008: { riskPct: number | null; warnings: string[]; missing: string[] };
  /** 2013 Pooled Cohort Equations 10-year hard ASCVD risk, %, and the race/sex equation used. */
  pooledCohort: { riskPct: number | null; group: PooledCohortGroup | null; warnings: string[]; missing: string[] };
  /** MESA 10-year hard CHD risk, %, from risk factors alone and with CAC. */
  mesaChd: { withoutCacPct: number | null; withCacPct: number | null; warnings: string[]; missing: string[] };
  /** AHA PREVENT base model, %: 10-year and (ages 30–59) 30-year total CVD, ASCVD and heart failure. */
  prevent: {
    tenYear: PreventRisks | null;
    thirtyYear: PreventRisks | null;
    warnings: string[];
    missing: string[];
  };
  /** Approximate MESA percentile band of the CAC score; null without a score. */
  cacPercentile: CacPercentileBand | null;
  tier: Tier;
  flagged: boolean;
  /** Why this tier: the rule that fired with its numbers, then the risk estimates for context. */
  rationale: string[];
  /** Inputs some equation (or the tier rules, for cac) needed but did not get, in schema order. */
  missing: string[];
  /** Refusals and caveats from every equation. */
  warnings: string[];
}

const FIELD_ORDER = Object.keys(riskInputSchema.shape);

function pceBand(pct: number): string {
  if (pct >= 20) return 'high';
  if (pct >= 7.5) return 'intermediate';
  if (pct >= 5) return 'borderline';
  return 'low';
}

function roundRisks(risks: PreventRisks | null): PreventRisks | null {
  if (risks === null) return null;
  return {
    totalCvdPct: round2(risks.totalCvdPct),
    ascvdPct: round2(risks.ascvdPct),
    heartFailurePct: round2(risks.heartFailurePct),
  };
}

function contextLines(
  pcePct: number | null,
  group: PooledCohortGroup | null,
  mesa: ReturnType<typeof mesaChd>,
  preventResult: PreventResult,
): string[] {
  const lines: string[] = [];
  if (pcePct !== null) lines.push(`PCE 10-year ASCVD risk ${show(pcePct)}% (${pceBand(pcePct)}; ${group} equation).`);
  const ten = preventResult.tenYear;
  if (ten !== null) {
    lines.push(
      `PREVENT 10-year risk: total CVD ${show(ten.totalCvdPct)}%, ASCVD ${show(ten.ascvdPct)}%, ` +
        `heart failure ${show(ten.heartFailurePct)}%.`,
    );
  }
  if (mesa.withCacPct !== null && mesa.withoutCacPct !== null) {
    lines.push(`MESA 10-year CHD risk ${show(mesa.withCacPct)}% with CAC (${show(mesa.withoutCacPct)}% without).`);
  }
  return lines;
}

/**
 * Runs every equation on what is known, then the tier policy. Never throws for clinical reasons: missing or
 * out-of-range inputs give null risks with `missing` / `warnings`; throws RiskInputError only for malformed input.
 */
export function assessRisk(input: RiskInput, options: AssessRiskOptions = {}): RiskAssessment {
  const facts = parseRiskInput(input);
  const policy = resolveTierPolicy(options.policy);

  const frs = framingham2008(facts);
  const pce = pooledCohort(facts);
  const mesa = mesaChd(facts);
  const preventResult = prevent(facts);
  const percentile = facts.cac === undefined ? null : cacPercentileBand(facts.age, facts.sex, facts.race, facts.cac);

  const ten = preventResult.tenYear;
  const decision = assignTier(
    facts,
    {
      pcePct: pce.riskPct,
      preventAscvdPct: ten?.ascvdPct ?? null,
      preventTotalCvdPct: ten?.totalCvdPct ?? null,
      percentile,
    },
    policy,
  );
  const missingSet = new Set([...frs.missing, ...pce.missing, ...mesa.missing, ...preventResult.missing]);
  if (facts.cac === undefined) missingSet.add('cac');

  return {
    framingham2008: { riskPct: round2OrNull(frs.riskPct), warnings: frs.warnings, missing: frs.missing },
    pooledCohort: {
      riskPct: round2OrNull(pce.riskPct),
      group: pce.group,
      warnings: pce.warnings,
      missing: pce.missing,
    },
    mesaChd: {
      withoutCacPct: round2OrNull(mesa.withoutCacPct),
      withCacPct: round2OrNull(mesa.withCacPct),
      warnings: mesa.warnings,
      missing: mesa.missing,
    },
    prevent: {
      tenYear: roundRisks(preventResult.tenYear),
      thirtyYear: roundRisks(preventResult.thirtyYear),
      warnings: preventResult.warnings,
      missing: preventResult.missing,
    },
    cacPercentile: percentile,
    tier: decision.tier,
    flagged: isFlagged(decision.tier, policy),
    rationale: [...decision.rationale, ...contextLines(pce.riskPct, pce.group, mesa, preventResult)],
    missing: FIELD_ORDER.filter((field) => missingSet.has(field)),
    warnings: [...new Set([...frs.warnings, ...pce.warnings, ...mesa.warnings, ...preventResult.warnings])],
  };
}
