import type { CoronaryArtery } from '../labels';
import { InvalidScoreError } from './errors';

/**
 * Score bins. Totals are real numbers (thickness normalisation makes fractions), so bins are defined on the real
 * value rather than on a rounded one: any calcium at all (0 < total < 1) is '1-99', never '0', because CAC = 0 is
 * the category that lets a clinician withhold a statin.
 */
export type CacCategory = '0' | '1-99' | '100-299' | '>=300';
export type ClassicClass = '0' | '1-10' | '11-100' | '101-400' | '>400';
export type CacDrsCategory = '0' | '1' | '2' | '3';

export interface CacDrs {
  category: CacDrsCategory;
  /** Number of the four coronary arteries (LM, LAD, LCX, RCA) with a score above 0. */
  vessels: number;
  /** e.g. 'CAC-DRS A2/N3'; 'CAC-DRS A0' when there is no calcium (no N modifier). */
  label: string;
}

function checked(total: number): number {
  if (!(Number.isFinite(total) && total >= 0)) throw new InvalidScoreError(total);
  return total;
}

/** Guideline / CAC-DRS bins: 0, 1–99, 100–299, ≥300 (lower edges inclusive: 100 → '100-299'). */
export function cacCategory(total: number): CacCategory {
  const t = checked(total);
  if (t === 0) return '0';
  if (t < 100) return '1-99';
  if (t < 300) return '100-299';
  return '>=300';
}

/** Rumberger / Mayo five classes: 0, 1–10, 11–100, 101–400, >400 (upper edges inclusive: 10 → '1-10'). */
export function classicClass(total: number): ClassicClass {
  const t = checked(total);
  if (t === 0) return '0';
  if (t <= 10) return '1-10';
  if (t <= 100) return '11-100';
  if (t <= 400) return '101-400';
  return '>400';
}

const DRS_OF_CATEGORY: Record<CacCategory, CacDrsCategory> = { '0': '0', '1-99': '1', '100-299': '2', '>=300': '3' };

/** CAC-DRS (Hecht et al. 2018): the Agatston category A0–A3 plus the number of vessels with calcium, N1–N4. */
export function cacDrs(total: number, byArtery: Record<CoronaryArtery, number>): CacDrs {
  const category = DRS_OF_CATEGORY[cacCategory(total)];
  const vessels = Object.values(byArtery).filter((score) => checked(score) > 0).length;
  const label = category === '0' ? 'CAC-DRS A0' : `CAC-DRS A${category}/N${vessels}`;
  return { category, vessels, label };
}
