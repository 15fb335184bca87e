import { checkedAgatston } from './cac-categories';

/**
 * Calcium grades for non-gated chest CT, reported beside the Agatston score (SCCT/STR 2016, Hecht et al.,
 * J Cardiovasc Comput Tomogr 2017;11:74-84; UK BSCI/BSCCT/BSTI statement, Williams et al. 2021).
 *
 * Ordinal score (Shemesh et al., Radiology 2010;257:541-548; the UK statement's vessel-specific score): each of LM,
 * LAD, LCX and RCA scores 0 (no calcium), 1 (calcium along at most one third of the artery), 2 (more than one third,
 * at most two thirds) or 3 (more than two thirds); the total is 0–12. Radiologists judge the extent by eye; here it
 * is the calcified length of each artery divided by a reference artery length (see estimateCalcifiedLengths).
 *
 * Visual grade: none / mild / moderate / severe, from Agatston 0 / 1–99 / 100–299 / ≥ 300 or from the ordinal
 * total 0 / 1–3 / 4–5 / 6–12 (SCCT/STR 2016 table, from memory of the guideline; not re-verified in its full text).
 */

export const GRADED_ARTERIES = ['LM', 'LAD', 'LCX', 'RCA'] as const;
export type GradedArtery = (typeof GRADED_ARTERIES)[number];
export type OrdinalArteryScore = 0 | 1 | 2 | 3;
export type VisualGrade = 'none' | 'mild' | 'moderate' | 'severe';

/**
 * Main-vessel lengths (mm) of Dodge et al.'s mean right-dominant coronary tree (Circulation 1992;86:232-246, the
 * coordinates in packages/phantom/src/coronary-anatomy): the polyline through the ostium and the tabulated
 * proximal/mid/distal points of each segment. Right dominance is the commonest (about 70 %); in balanced and
 * left-dominant hearts LCX is longer (90 mm) and RCA shorter (122 mm). Sites can pass their own.
 */
export const REFERENCE_ARTERY_LENGTH_MM: Readonly<Record<GradedArtery, number>> = Object.freeze({
  LM: 11.1,
  LAD: 154.7,
  LCX: 56.0,
  RCA: 163.6,
});

/** One labelled coronary lesion as the grader needs it. */
export interface GradableLesion {
  artery: GradedArtery;
  volumeMm3: number;
  /** Length of the lesion along its artery, mm, when the caller knows it; else estimated from the volume. */
  lengthMm?: number;
}

export interface OrdinalScore {
  byArtery: Record<GradedArtery, OrdinalArteryScore>;
  /** 0–12. */
  total: number;
  /** Calcified fraction of each artery's reference length (0–1) that the scores came from. */
  fractionByArtery: Record<GradedArtery, number>;
}

export interface CalciumGrades {
  ordinal: OrdinalScore;
  visualFromAgatston: VisualGrade;
  visualFromOrdinal: VisualGrade;
  /** How the extent was measured, in words, for reports. */
  method: string;
}

const ONE_THIRD = 1 / 3;
const TWO_THIRDS = 2 / 3;

/** The ordinal score of one artery from its calcified fraction (0–1, or more when lesions overlap or are long). */
export function ordinalArteryScore(calcifiedFraction: number): OrdinalArteryScore {
  if (!Number.isFinite(calcifiedFraction) || calcifiedFraction < 0) {
    throw new RangeError(`calcified fraction must be a finite number ≥ 0, got ${calcifiedFraction}`);
  }
  if (calcifiedFraction === 0) return 0;
  if (calcifiedFraction <= ONE_THIRD) return 1;
  if (calcifiedFraction <= TWO_THIRDS) return 2;
  return 3;
}

/**
 * Length along the artery of a lesion whose length is not known: the diameter of the sphere of its volume,
 * (6V/π)^⅓. A compact deposit is about that long; an elongated plaque is longer, so this errs towards lower grades.
 */
export function lesionLengthMm(lesion: GradableLesion): number {
  if (lesion.lengthMm !== undefined) return lesion.lengthMm;
  return Math.cbrt((6 * Math.max(0, lesion.volumeMm3)) / Math.PI);
}

/** Calcified length per artery: the sum of its lesions' lengths (lesions are separate deposits, so they add). */
export function estimateCalcifiedLengths(lesions: readonly GradableLesion[]): Record<GradedArtery, number> {
  const lengths: Record<GradedArtery, number> = { LM: 0, LAD: 0, LCX: 0, RCA: 0 };
  for (const lesion of lesions) {
    if (!(GRADED_ARTERIES as readonly string[]).includes(lesion.artery)) continue;
    lengths[lesion.artery] += lesionLengthMm(lesion);
  }
  return lengths;
}

export function ordinalScore(
  calcifiedLengthMm: Record<GradedArtery, number>,
  arteryLengthMm: Readonly<Record<GradedArtery, number>> = REFERENCE_ARTERY_LENGTH_MM,
): OrdinalScore {
  const byArtery = {} as Record<GradedArtery, OrdinalArteryScore>;
  const fractionByArtery = {} as Record<GradedArtery, number>;
  let total = 0;
  for (const artery of GRADED_ARTERIES) {
    const fraction = Math.min(1, calcifiedLengthMm[artery] / arteryLengthMm[artery]);
    fractionByArtery[artery] = fraction;
    byArtery[artery] = ordinalArteryScore(fraction);
    total += byArtery[artery];
  }
  return { byArtery, total, fractionByArtery };
}

/** Four-level grade from the Agatston score: 0 none, 1–99 mild, 100–299 moderate, ≥ 300 severe. */
export function visualGradeFromAgatston(agatston: number): VisualGrade {
  const score = checkedAgatston(agatston);
  if (score === 0) return 'none';
  if (score < 100) return 'mild';
  if (score < 300) return 'moderate';
  return 'severe';
}

/** Four-level grade from the ordinal total: 0 none, 1–3 mild, 4–5 moderate, 6–12 severe. */
export function visualGradeFromOrdinal(total: number): VisualGrade {
  if (!Number.isInteger(total) || total < 0 || total > 12) {
    throw new RangeError(`ordinal total must be an integer 0–12, got ${total}`);
  }
  if (total === 0) return 'none';
  if (total <= 3) return 'mild';
  if (total <= 5) return 'moderate';
  return 'severe';
}

const METHOD =
  'ordinal score from calcified length (sum of lesion lengths, each the diameter of the sphere of its volume ' +
  'unless known) over Dodge 1992 reference artery lengths (LM 11, LAD 155, LCX 56, RCA 164 mm)';

/** Ordinal score and both visual grades for one scan's labelled coronary lesions and its total Agatston score. */
export function calciumGrades(
  lesions: readonly GradableLesion[],
  agatstonTotal: number,
  arteryLengthMm: Readonly<Record<GradedArtery, number>> = REFERENCE_ARTERY_LENGTH_MM,
): CalciumGrades {
  const ordinal = ordinalScore(estimateCalcifiedLengths(lesions), arteryLengthMm);
  const method =
    arteryLengthMm === REFERENCE_ARTERY_LENGTH_MM ? METHOD : METHOD.replace(/over Dodge.*$/, 'over site lengths');
  return {
    ordinal,
    visualFromAgatston: visualGradeFromAgatston(agatstonTotal),
    visualFromOrdinal: visualGradeFromOrdinal(ordinal.total),
    method,
  };
}
