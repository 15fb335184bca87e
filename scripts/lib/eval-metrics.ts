/**
 * Per-case results of a labeller and the per-set metrics `npm run eval` prints: Agatston ≥ 100 sensitivity and
 * specificity, CAC-DRS agreement, ICC, lesion F1, and per-artery accuracy (share of found true lesions of an artery
 * whose predicted artery is right).
 */
import {
  binaryCounts,
  CalciumLabel,
  cacDrs,
  computeAgatston,
  CORONARY_ARTERIES,
  coronaryComponents,
  f1,
  iccAbsoluteAgreement,
  majority,
  scorable,
  sensitivity,
  specificity,
  type ScoreResult,
} from '@cacscreen/scoring';
import type { EvalCase, EvalSet } from './eval-cases';
import { truthGroups } from './eval-cases';
import { minimumAreaPixels } from './phantom-lesions';

type Artery = (typeof CORONARY_ARTERIES)[number];

export interface LabellerResult {
  total: number;
  byArtery: Record<Artery, number>;
  /** True lesions per artery: how many, how many found, how many with the right artery. */
  lesions: Record<Artery, { truth: number; found: number; right: number }>;
  predictedLesions: number;
  predictedTrue: number;
  labelMs: number;
}

export interface CaseResult {
  set: EvalSet;
  id: string;
  meta: Record<string, string | number>;
  truth: { total: number; byArtery: Record<Artery, number> } | null;
  results: Record<string, LabellerResult>;
}

const isCoronary = (l: number) => l >= CalciumLabel.LM && l <= CalciumLabel.RCA;

export function scoreSummary(score: ScoreResult): { total: number; byArtery: Record<Artery, number> } {
  return { total: score.agatston.total, byArtery: { ...score.agatston.byArtery } };
}

/** Compares one labeller's labels with the case's truth (when it has one). */
export function labellerResult(c: EvalCase, predicted: Uint8Array, labelMs: number): LabellerResult {
  const score = scoreSummary(computeAgatston(c.volume, predicted));
  const lesions = Object.fromEntries(CORONARY_ARTERIES.map((a) => [a, { truth: 0, found: 0, right: 0 }])) as Record<
    Artery,
    { truth: number; found: number; right: number }
  >;
  let predictedLesions = 0;
  let predictedTrue = 0;
  if (c.labels) {
    const minPixels = minimumAreaPixels(c.volume);
    for (const group of truthGroups(c)) {
      const calcium = group.voxels.filter((v) => c.volume.hu[v] >= 130);
      if (!scorable(calcium, c.volume.dims, minPixels)) continue;
      const entry = lesions[CORONARY_ARTERIES[group.label - 1]];
      entry.truth++;
      const artery = majority(predicted, group.voxels);
      if (artery) {
        entry.found++;
        if (artery === group.label) entry.right++;
      }
    }
    for (const component of coronaryComponents(predicted, c.volume.dims)) {
      if (!scorable(component, c.volume.dims, minPixels)) continue;
      predictedLesions++;
      if (component.some((v) => isCoronary((c.labels as Uint8Array)[v]))) predictedTrue++;
    }
  }
  return { ...score, lesions, predictedLesions, predictedTrue, labelMs };
}

export interface SetMetrics {
  n: number;
  sensitivity100: number;
  specificity100: number;
  positives: number;
  cacDrsAgreement: number;
  icc: number;
  lesionF1: number;
  lesionRecall: number;
  lesionPrecision: number;
  arteryAccuracy: Record<Artery | 'all', number>;
  arteryLesions: Record<Artery, number>;
  medianLabelMs: number;
}

const drs = (s: { total: number; byArtery: Record<Artery, number> }) => cacDrs(s.total, s.byArtery).category;

export function setMetrics(rows: CaseResult[], labeller: string): SetMetrics {
  const scored = rows.filter((r) => r.truth);
  const truth = scored.map((r) => r.truth as NonNullable<CaseResult['truth']>);
  const pred = scored.map((r) => r.results[labeller]);
  const counts = binaryCounts(
    truth.map((t) => t.total >= 100),
    pred.map((p) => p.total >= 100),
  );
  const sum = (f: (l: LabellerResult) => number) => pred.reduce((s, p) => s + f(p), 0);
  const recall =
    sum((p) => CORONARY_ARTERIES.reduce((s, a) => s + p.lesions[a].found, 0)) /
    sum((p) => CORONARY_ARTERIES.reduce((s, a) => s + p.lesions[a].truth, 0));
  const precision = sum((p) => p.predictedTrue) / sum((p) => p.predictedLesions);
  const accuracy = (a: Artery) => sum((p) => p.lesions[a].right) / sum((p) => p.lesions[a].found);
  const allRight = sum((p) => CORONARY_ARTERIES.reduce((s, a) => s + p.lesions[a].right, 0));
  const allFound = sum((p) => CORONARY_ARTERIES.reduce((s, a) => s + p.lesions[a].found, 0));
  const times = pred.map((p) => p.labelMs).sort((x, y) => x - y);
  return {
    n: scored.length,
    positives: truth.filter((t) => t.total >= 100).length,
    sensitivity100: sensitivity(counts),
    specificity100: specificity(counts),
    cacDrsAgreement: scored.length ? truth.filter((t, i) => drs(t) === drs(pred[i])).length / scored.length : NaN,
    icc: scored.length > 2 ? iccAbsoluteAgreement(truth.map((t, i) => [t.total, pred[i].total])) : NaN,
    lesionF1: f1(precision, recall),
    lesionRecall: recall,
    lesionPrecision: precision,
    arteryAccuracy: {
      all: allRight / allFound,
      LM: accuracy('LM'),
      LAD: accuracy('LAD'),
      LCX: accuracy('LCX'),
      RCA: accuracy('RCA'),
    },
    arteryLesions: Object.fromEntries(CORONARY_ARTERIES.map((a) => [a, sum((p) => p.lesions[a].truth)])) as Record<
      Artery,
      number
    >,
    medianLabelMs: times.length ? times[times.length >> 1] : NaN,
  };
}
