import type { IndexedStudy, SeriesSummary } from '../archive/types';
import { type SeriesEvaluation, evaluateSeries } from './evaluate-series';
import { DEFAULT_SELECTION_POLICY, type SelectionPolicy } from './selection-policy';

export interface SeriesDecision {
  seriesInstanceUid: string;
  accepted: boolean;
  reason: string;
  lowConfidence?: boolean;
  /** 1 = chosen; accepted series only. */
  rank?: number;
}

export interface SeriesSelection {
  chosen: SeriesSummary | null;
  decisions: SeriesDecision[];
}

const KERNEL_ORDER = { soft: 0, unknown: 1, sharp: 2 } as const;
/** Agatston's reference thickness: among preferred series, the one closest to it wins. */
const REFERENCE_THICKNESS_MM = 3;

/**
 * Orders eligible series: confident first, then ECG-gated calcium-score series (the reference method, preferred to
 * a chest series of the same study), softer kernel, thickness nearest 3 mm, wider coverage, UID.
 */
function compare(a: { s: SeriesSummary; e: SeriesEvaluation }, b: { s: SeriesSummary; e: SeriesEvaluation }): number {
  return (
    Number(a.e.lowConfidence ?? false) - Number(b.e.lowConfidence ?? false) ||
    Number(b.e.calciumScore !== undefined) - Number(a.e.calciumScore !== undefined) ||
    KERNEL_ORDER[a.e.kernelClass] - KERNEL_ORDER[b.e.kernelClass] ||
    Math.abs((a.e.thicknessMm ?? 0) - REFERENCE_THICKNESS_MM) -
      Math.abs((b.e.thicknessMm ?? 0) - REFERENCE_THICKNESS_MM) ||
    b.s.zRangeMm - a.s.zRangeMm ||
    (a.s.seriesInstanceUid < b.s.seriesInstanceUid ? -1 : 1)
  );
}

/**
 * Picks the series of a study to score, with a decision and a human-readable reason for every series.
 * Returns chosen = null when nothing is eligible; the reasons then say why.
 */
export function selectSeries(study: IndexedStudy, policy: Partial<SelectionPolicy> = {}): SeriesSelection {
  const rules = { ...DEFAULT_SELECTION_POLICY, ...policy };
  const evaluated = study.series.map((s) => ({ s, e: evaluateSeries(s, rules) }));
  const ranked = evaluated.filter((x) => x.e.accepted).sort(compare);
  const rankOf = new Map(ranked.map((x, i) => [x.s.seriesInstanceUid, i + 1]));
  const decisions = evaluated.map(({ s, e }): SeriesDecision => {
    const rank = rankOf.get(s.seriesInstanceUid);
    const decision: SeriesDecision = { seriesInstanceUid: s.seriesInstanceUid, accepted: e.accepted, reason: e.reason };
    if (e.lowConfidence) decision.lowConfidence = true;
    if (rank !== undefined) {
      decision.rank = rank;
      decision.reason =
        rank === 1 ? `Chosen: ${e.reason}` : `Eligible, ranked ${rank} of ${ranked.length}: ${e.reason}`;
    }
    return decision;
  });
  return { chosen: ranked[0]?.s ?? null, decisions };
}
