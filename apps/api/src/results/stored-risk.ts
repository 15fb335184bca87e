/** The PREVENT risks and MESA percentile of a stored assessment (JSON columns), in the API's shape. */

export interface PreventRisksView {
  totalCvdPct: number;
  ascvdPct: number;
  heartFailurePct: number;
}

export interface PreventView {
  tenYear: PreventRisksView | null;
  thirtyYear: PreventRisksView | null;
}

export interface CacPercentileView {
  percentileRank: number | null;
  percentileRankRange: [number, number] | null;
  atOrAbove75th: boolean | null;
  p75: number | null;
  source: string;
  approximate: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function risks(value: unknown): PreventRisksView | null {
  if (!isRecord(value)) return null;
  const totalCvdPct = numberOrNull(value.totalCvdPct);
  const ascvdPct = numberOrNull(value.ascvdPct);
  const heartFailurePct = numberOrNull(value.heartFailurePct);
  if (totalCvdPct === null || ascvdPct === null || heartFailurePct === null) return null;
  return { totalCvdPct, ascvdPct, heartFailurePct };
}

/** Null for assessments stored before PREVENT (no column value); else both horizons, each possibly null. */
export function preventView(stored: unknown): PreventView | null {
  if (!isRecord(stored)) return null;
  return { tenYear: risks(stored.tenYear), thirtyYear: risks(stored.thirtyYear) };
}

export function cacPercentileView(stored: unknown): CacPercentileView | null {
  if (!isRecord(stored)) return null;
  const range = stored.percentileRankRange;
  return {
    percentileRank: numberOrNull(stored.percentileRank),
    percentileRankRange:
      Array.isArray(range) && range.length === 2 && range.every((v) => typeof v === 'number')
        ? [range[0] as number, range[1] as number]
        : null,
    atOrAbove75th: typeof stored.atOrAbove75th === 'boolean' ? stored.atOrAbove75th : null,
    p75: numberOrNull(stored.p75),
    source: typeof stored.source === 'string' ? stored.source : '',
    approximate: stored.approximate !== false,
  };
}
