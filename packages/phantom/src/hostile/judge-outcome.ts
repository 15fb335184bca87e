import type { HostileExpectation } from './hostile-cases';

/** The part of `cacscreen score --json` output a hostile case is judged on. */
export interface ScoreAnswer {
  status: string;
  reason: string | null;
  agatston: { total: number } | null;
  warnings: string[];
}

/**
 * Whether an answer meets its case's expectation; `null` when it does, else what is wrong, in words. `controlTotal`
 * is the control study's Agatston total, which a change that leaves the pixels alone must not move.
 */
export function judgeOutcome(expect: HostileExpectation, answer: ScoreAnswer, controlTotal: number): string | null {
  if (answer.status !== expect.status)
    return `expected ${expect.status}, got ${answer.status} (${answer.reason ?? '-'})`;
  if (expect.status === 'rejected') {
    return expect.reason.test(answer.reason ?? '') ? null : `reason "${answer.reason}" does not match ${expect.reason}`;
  }
  if (answer.agatston?.total !== controlTotal) {
    return `Agatston ${answer.agatston?.total ?? '-'} differs from the control study's ${controlTotal}`;
  }
  if (expect.warning && !answer.warnings.some((w) => expect.warning?.test(w))) {
    return `no warning matches ${expect.warning} (warnings: ${answer.warnings.join('; ') || 'none'})`;
  }
  return null;
}
