import { InvalidAgatstonError } from './errors';

/**
 * Agatston score bins. Scores may be fractional (slice-thickness normalisation), so bins are defined by comparisons,
 * not integer ranges: anything above 0 and below 100 is "1–99", 99.5 included.
 */

export type CacDrs = '0' | '1' | '2' | '3';
export type CacCategory = '0' | '1-99' | '100-299' | '>=300';
export type ClassicCacClass = 0 | 1 | 2 | 3 | 4;

/** Returns the score, or throws `InvalidAgatstonError` for negative, NaN or infinite values. */
export function checkedAgatston(agatston: number): number {
  if (!Number.isFinite(agatston) || agatston < 0) throw new InvalidAgatstonError(agatston);
  return agatston;
}

/** CAC-DRS Agatston category (Hecht 2018): 0; 1–99; 100–299; ≥300. */
export function cacDrs(agatston: number): CacDrs {
  const score = checkedAgatston(agatston);
  if (score === 0) return '0';
  if (score < 100) return '1';
  if (score < 300) return '2';
  return '3';
}

const DRS_TO_CATEGORY: Record<CacDrs, CacCategory> = { '0': '0', '1': '1-99', '2': '100-299', '3': '>=300' };

/** The same bins as CAC-DRS, labelled by range for reports and the CLI. */
export function cacCategory(agatston: number): CacCategory {
  return DRS_TO_CATEGORY[cacDrs(agatston)];
}

/** Classic five-class scheme (Rumberger/Mayo) used in scoring-accuracy papers: 0; 1–10; 11–100; 101–400; >400. */
export function classicClass(agatston: number): ClassicCacClass {
  const score = checkedAgatston(agatston);
  if (score === 0) return 0;
  if (score <= 10) return 1;
  if (score <= 100) return 2;
  if (score <= 400) return 3;
  return 4;
}
