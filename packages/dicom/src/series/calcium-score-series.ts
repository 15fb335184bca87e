import type { SeriesSummary } from '../archive/types';

/**
 * Series descriptions of ECG-gated calcium-scoring scans: Siemens "CaSc", "CaScSeq 3.0 B35f", "CaScore"; GE
 * "Cardiac Score", "SmartScore"; Philips/Canon "HeartView", "Calcium Score(ing)", "CAC". "CA SCREENING" (lung cancer
 * screening) and "CA SCAN" are excluded.
 */
const CALCIUM_SCORE_DESCRIPTION =
  /\bCA\s*SC(?!REEN|AN)|CALCIUM|\bCAC\b|CARDIAC\s*SCOR|HEART\s*VIEW|SMART\s*SCORE|AGATSTON|CORONARY\s*CALC/i;

/**
 * Gated scans reconstructed at Agatston's 3 mm (GE: 2.5 mm) are calcium scans even when the description says
 * nothing; a gated CT angiogram is thinner (0.5-1 mm), so gating alone does not make a series a calcium scan.
 */
const GATED_SCORE_THICKNESS_MM: [number, number] = [2.4, 3.1];

/**
 * Why a series looks like a dedicated ECG-gated calcium-score acquisition (the reference method Agatston scores
 * are defined on), or null. Used to prefer it over a chest series of the same study.
 */
export function calciumScoreEvidence(s: SeriesSummary, thicknessMm: number | null): string | null {
  const description = s.seriesDescription?.trim();
  if (description && CALCIUM_SCORE_DESCRIPTION.test(description)) {
    return `SeriesDescription "${description}"${s.cardiacGating ? `, ${s.cardiacGating}` : ''}`;
  }
  const [lo, hi] = GATED_SCORE_THICKNESS_MM;
  if (s.cardiacGating && thicknessMm !== null && thicknessMm >= lo && thicknessMm <= hi) {
    return `ECG-gated (${s.cardiacGating}) at ${thicknessMm} mm`;
  }
  return null;
}
