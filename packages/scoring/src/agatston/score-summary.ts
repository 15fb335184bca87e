import type { CoronaryArtery } from '../labels';
import type { CacCategory, CacDrsCategory } from './categories';
import type { QualityFlag } from './quality-flags';
import type { ScoreResult } from './score-result';

/** One lesion as results report it: scores to 2 decimals, its centre to 0.1 mm. */
export interface LesionSummary {
  artery: CoronaryArtery;
  agatston: number;
  volumeMm3: number;
  peakHu: number;
  centroidMm: [number, number, number];
}

/**
 * The screening result's score fields, rounded once for every consumer (the worker's stored result, the CLI's JSON):
 * Agatston, volume and mass to 2 decimals, lesion centres to 0.1 mm.
 */
export interface ScoreSummary {
  agatston: { total: number; byArtery: Record<CoronaryArtery, number> };
  volumeMm3: number;
  massMg: number | null;
  lesions: LesionSummary[];
  cacDrs: CacDrsCategory;
  category: CacCategory;
  qualityFlags: QualityFlag[];
}

/** Rounds to `digits` decimals (half away from zero for positive values, as Math.round). */
export const roundTo = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** `maxLesions`: keep only the largest (lesions come largest first). */
export function summariseScore(score: ScoreResult, maxLesions = Infinity): ScoreSummary {
  const { total, byArtery } = score.agatston;
  return {
    agatston: {
      total: roundTo(total),
      byArtery: {
        LM: roundTo(byArtery.LM),
        LAD: roundTo(byArtery.LAD),
        LCX: roundTo(byArtery.LCX),
        RCA: roundTo(byArtery.RCA),
      },
    },
    volumeMm3: roundTo(score.volumeMm3),
    massMg: score.massMg === null ? null : roundTo(score.massMg),
    lesions: score.lesions.slice(0, maxLesions).map((lesion) => ({
      artery: lesion.artery,
      agatston: roundTo(lesion.agatston),
      volumeMm3: roundTo(lesion.volumeMm3),
      peakHu: lesion.peakHu,
      centroidMm: lesion.centroidMm.map((v) => roundTo(v, 1)) as [number, number, number],
    })),
    cacDrs: score.cacDrs.category,
    category: score.category,
    qualityFlags: score.qualityFlags,
  };
}
