import {
  REFERENCE_ARTERY_LENGTH_MM,
  calciumGrades,
  estimateCalcifiedLengths,
  lesionLengthMm,
  ordinalArteryScore,
  ordinalScore,
  visualGradeFromAgatston,
  visualGradeFromOrdinal,
  type GradableLesion,
  type GradedArtery,
} from './calcium-grades';
import { InvalidAgatstonError } from './errors';

// Sphere volume of diameter d: a lesion whose volume-equivalent length is exactly d mm.
const sphereMm3 = (d: number) => (Math.PI / 6) * d ** 3;
const EPS = 1e-9;

describe('ordinalArteryScore (Shemesh 2010: ≤ 1/3 → 1, ≤ 2/3 → 2, > 2/3 → 3)', () => {
  it.each<[number, number]>([
    [0, 0],
    [EPS, 1],
    [1 / 3, 1],
    [1 / 3 + EPS, 2],
    [2 / 3, 2],
    [2 / 3 + EPS, 3],
    [1, 3],
  ])('fraction %d → %d', (fraction, score) => {
    expect(ordinalArteryScore(fraction)).toBe(score);
  });

  it('rejects negative and non-finite fractions', () => {
    expect(() => ordinalArteryScore(-0.1)).toThrow('calcified fraction must be a finite number ≥ 0, got -0.1');
    expect(() => ordinalArteryScore(Number.NaN)).toThrow(RangeError);
  });
});

describe('lesion lengths', () => {
  it('uses a known length, else the diameter of the sphere of the volume', () => {
    expect(lesionLengthMm({ artery: 'LAD', volumeMm3: 1000, lengthMm: 7 })).toBe(7);
    expect(lesionLengthMm({ artery: 'LAD', volumeMm3: sphereMm3(4) })).toBeCloseTo(4, 12);
    expect(lesionLengthMm({ artery: 'LAD', volumeMm3: 0 })).toBe(0);
  });

  it('adds the lengths of separate lesions per artery', () => {
    const lesions: GradableLesion[] = [
      { artery: 'RCA', volumeMm3: sphereMm3(3) },
      { artery: 'RCA', volumeMm3: sphereMm3(5) },
      { artery: 'LM', volumeMm3: 1, lengthMm: 2 },
    ];
    const lengths = estimateCalcifiedLengths(lesions);
    expect(lengths.RCA).toBeCloseTo(8, 12);
    expect(lengths).toMatchObject({ LM: 2, LAD: 0, LCX: 0 });
  });
});

describe('ordinal score from hand-built lesion sets at every grade edge', () => {
  // For each artery: lesions whose summed length is exactly k/3 of the reference length, and just above it.
  const atFraction = (artery: GradedArtery, fraction: number): GradableLesion[] => {
    const length = REFERENCE_ARTERY_LENGTH_MM[artery] * fraction;
    // two lesions of half the length each, one given as a volume, one with its length known
    return [
      { artery, volumeMm3: sphereMm3(length / 2) },
      { artery, volumeMm3: 0, lengthMm: length / 2 },
    ];
  };

  it.each(['LM', 'LAD', 'LCX', 'RCA'] as const)('%s: 1/3 → 1, just over → 2, 2/3 → 2, just over → 3', (artery) => {
    const score = (fraction: number) =>
      ordinalScore(estimateCalcifiedLengths(atFraction(artery, fraction))).byArtery[artery];
    expect(score(0)).toBe(0);
    expect(score(0.01)).toBe(1);
    expect(score(1 / 3 - 1e-6)).toBe(1);
    expect(score(1 / 3 + 1e-6)).toBe(2);
    expect(score(2 / 3 - 1e-6)).toBe(2);
    expect(score(2 / 3 + 1e-6)).toBe(3);
    expect(score(1.5)).toBe(3);
  });

  it('totals 0–12 and grades the totals: 0 none, 1–3 mild, 4–5 moderate, 6–12 severe', () => {
    const none = calciumGrades([], 0);
    expect(none.ordinal).toMatchObject({ total: 0, byArtery: { LM: 0, LAD: 0, LCX: 0, RCA: 0 } });
    expect(none).toMatchObject({ visualFromAgatston: 'none', visualFromOrdinal: 'none' });

    // LAD 2 + RCA 1 = 3 (mild); adding LCX 1 = 4 (moderate); LM 3 on top = 7 (severe); everything 3 = 12.
    const three = [...atFraction('LAD', 0.5), ...atFraction('RCA', 0.2)];
    expect(calciumGrades(three, 80).ordinal.total).toBe(3);
    expect(calciumGrades(three, 80).visualFromOrdinal).toBe('mild');
    const four = [...three, ...atFraction('LCX', 0.1)];
    expect(calciumGrades(four, 150)).toMatchObject({ ordinal: { total: 4 }, visualFromOrdinal: 'moderate' });
    const seven = [...four, ...atFraction('LM', 0.9)];
    expect(calciumGrades(seven, 400)).toMatchObject({ ordinal: { total: 7 }, visualFromOrdinal: 'severe' });
    const all = (['LM', 'LAD', 'LCX', 'RCA'] as const).flatMap((a) => atFraction(a, 1));
    expect(calciumGrades(all, 2000)).toMatchObject({
      ordinal: { total: 12, byArtery: { LM: 3, LAD: 3, LCX: 3, RCA: 3 } },
      visualFromAgatston: 'severe',
      visualFromOrdinal: 'severe',
    });
  });

  it('takes site artery lengths and says so in the method', () => {
    const lesions: GradableLesion[] = [{ artery: 'LCX', volumeMm3: 0, lengthMm: 30 }];
    expect(calciumGrades(lesions, 10).ordinal.byArtery.LCX).toBe(2); // 30/56 of the Dodge LCX
    const long = { LM: 11.1, LAD: 154.7, LCX: 90.3, RCA: 122.3 };
    const grades = calciumGrades(lesions, 10, long);
    expect(grades.ordinal.byArtery.LCX).toBe(1); // 30/90.3 ≤ 1/3
    expect(grades.method).toContain('site lengths');
  });
});

describe('visual grades', () => {
  it.each<[number, string]>([
    [0, 'none'],
    [0.5, 'mild'],
    [99.99, 'mild'],
    [100, 'moderate'],
    [299.99, 'moderate'],
    [300, 'severe'],
  ])('Agatston %d → %s', (agatston, grade) => {
    expect(visualGradeFromAgatston(agatston)).toBe(grade);
  });

  it.each<[number, string]>([
    [0, 'none'],
    [1, 'mild'],
    [3, 'mild'],
    [4, 'moderate'],
    [5, 'moderate'],
    [6, 'severe'],
    [12, 'severe'],
  ])('ordinal total %d → %s', (total, grade) => {
    expect(visualGradeFromOrdinal(total)).toBe(grade);
  });

  it('rejects impossible inputs', () => {
    expect(() => visualGradeFromAgatston(-1)).toThrow(InvalidAgatstonError);
    expect(() => visualGradeFromOrdinal(13)).toThrow('ordinal total must be an integer 0–12, got 13');
    expect(() => visualGradeFromOrdinal(2.5)).toThrow(RangeError);
  });
});
