import { binaryCounts, f1, iccAbsoluteAgreement, linearWeightedKappa, sensitivity, specificity } from '../agreement';

describe('iccAbsoluteAgreement', () => {
  it('reproduces Shrout & Fleiss (1979) Table 2: ICC(2,1) = 0.29', () => {
    const ratings = [
      [9, 2, 5, 8],
      [6, 1, 3, 2],
      [8, 4, 6, 8],
      [7, 1, 2, 6],
      [10, 5, 6, 9],
      [6, 2, 4, 7],
    ];
    expect(iccAbsoluteAgreement(ratings)).toBeCloseTo(0.29, 2);
  });

  it('is 1 for identical raters and drops with a constant offset (absolute agreement)', () => {
    const same = [1, 5, 9, 20].map((v) => [v, v]);
    expect(iccAbsoluteAgreement(same)).toBeCloseTo(1, 10);
    const offset = [1, 5, 9, 20].map((v) => [v, v + 5]);
    expect(iccAbsoluteAgreement(offset)).toBeLessThan(0.9);
  });
});

describe('linearWeightedKappa', () => {
  it('matches a hand-computed 3-category example', () => {
    // Table [[2,1,0],[0,2,1],[0,0,2]] (n = 8): observed weighted disagreement 2·0.5/8 = 0.125. Expected, from rows
    // (3,3,2) and columns (2,3,3): weight ½ cells 3·3 + 3·2 + 3·3 + 2·3 = 30, weight 1 cells 3·3 + 2·2 = 13,
    // so (15 + 13) / 64 = 28/64, and kappa = 1 − 0.125 / 0.4375 = 0.714.
    const a = [0, 0, 0, 1, 1, 1, 2, 2];
    const b = [0, 0, 1, 1, 1, 2, 2, 2];
    const expected = 1 - 0.125 / (28 / 64);
    expect(linearWeightedKappa(a, b, 3)).toBeCloseTo(expected, 10);
  });

  it('is 1 for perfect agreement and 0 or below for independent ratings', () => {
    expect(linearWeightedKappa([0, 1, 2, 3, 4], [0, 1, 2, 3, 4], 5)).toBe(1);
    expect(linearWeightedKappa([0, 0, 4, 4], [0, 4, 0, 4], 5)).toBeCloseTo(0, 10);
  });
});

describe('binary metrics', () => {
  it('counts and derives sensitivity, specificity and F1', () => {
    const c = binaryCounts([true, true, false, false, true], [true, false, false, true, true]);
    expect(c).toEqual({ tp: 2, fp: 1, tn: 1, fn: 1 });
    expect(sensitivity(c)).toBeCloseTo(2 / 3, 10);
    expect(specificity(c)).toBeCloseTo(0.5, 10);
    expect(f1(0.5, 1)).toBeCloseTo(2 / 3, 10);
  });
});
