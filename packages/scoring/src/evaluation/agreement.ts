/** Agreement statistics for the labeller evaluation (npm run eval). */

/**
 * ICC(A,1) — two-way model, absolute agreement, single measurement (McGraw & Wong 1996; Shrout & Fleiss ICC(2,1)).
 * rows: subjects; each row holds one value per rater.
 */
export function iccAbsoluteAgreement(rows: number[][]): number {
  const n = rows.length;
  const k = rows[0]?.length ?? 0;
  if (n < 2 || k < 2) return NaN;
  const grand = rows.flat().reduce((s, v) => s + v, 0) / (n * k);
  const rowMeans = rows.map((r) => r.reduce((s, v) => s + v, 0) / k);
  const colMeans = Array.from({ length: k }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
  let ssRows = 0;
  let ssCols = 0;
  let ssTotal = 0;
  for (let i = 0; i < n; i++) ssRows += k * (rowMeans[i] - grand) ** 2;
  for (let j = 0; j < k; j++) ssCols += n * (colMeans[j] - grand) ** 2;
  for (const r of rows) for (const v of r) ssTotal += (v - grand) ** 2;
  const msRows = ssRows / (n - 1);
  const msCols = ssCols / (k - 1);
  const msError = (ssTotal - ssRows - ssCols) / ((n - 1) * (k - 1));
  return (msRows - msError) / (msRows + (k - 1) * msError + (k / n) * (msCols - msError));
}

/** Cohen's kappa with linear weights for two raters' ordinal categories 0..categories-1. */
export function linearWeightedKappa(a: number[], b: number[], categories: number): number {
  const n = a.length;
  if (n === 0 || n !== b.length) return NaN;
  const observed = Array.from({ length: categories }, () => new Array<number>(categories).fill(0));
  const rowTotals = new Array<number>(categories).fill(0);
  const colTotals = new Array<number>(categories).fill(0);
  for (let i = 0; i < n; i++) {
    observed[a[i]][b[i]]++;
    rowTotals[a[i]]++;
    colTotals[b[i]]++;
  }
  let disagreeObserved = 0;
  let disagreeExpected = 0;
  for (let i = 0; i < categories; i++) {
    for (let j = 0; j < categories; j++) {
      const w = Math.abs(i - j) / (categories - 1);
      disagreeObserved += (w * observed[i][j]) / n;
      disagreeExpected += (w * rowTotals[i] * colTotals[j]) / (n * n);
    }
  }
  return disagreeExpected === 0 ? 1 : 1 - disagreeObserved / disagreeExpected;
}

export interface BinaryCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export function binaryCounts(truth: boolean[], predicted: boolean[]): BinaryCounts {
  const c: BinaryCounts = { tp: 0, fp: 0, tn: 0, fn: 0 };
  truth.forEach((t, i) => {
    if (t && predicted[i]) c.tp++;
    else if (t) c.fn++;
    else if (predicted[i]) c.fp++;
    else c.tn++;
  });
  return c;
}

/** NaN when undefined (no positives / negatives). */
export const sensitivity = (c: BinaryCounts): number => c.tp / (c.tp + c.fn);
export const specificity = (c: BinaryCounts): number => c.tn / (c.tn + c.fp);
export function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}
