import type { Volume } from '@cacscreen/dicom';
import { computeAgatston, type AgatstonOptions, type ScoreResult } from '../agatston';
import type { CalciumLabeller } from './calcium-labeller';

export interface VolumeAnalysis {
  score: ScoreResult;
  labels: Uint8Array;
  /** For a person: what the labeller could not do on this series (heart not found, …). */
  warnings: string[];
  timingsMs: { label: number; score: number };
}

/** Labels calcium with the given labeller, then scores it on the volume's own grid. */
export async function analyzeVolume(
  volume: Volume,
  labeller: CalciumLabeller,
  options: AgatstonOptions = {},
): Promise<VolumeAnalysis> {
  const labelStart = performance.now();
  const { labels, findings } = labeller.labelWithFindings
    ? await labeller.labelWithFindings(volume)
    : { labels: await labeller.label(volume), findings: null };
  const scoreStart = performance.now();
  const score = computeAgatston(volume, labels, options);
  const warnings: string[] = [];
  if (findings && !findings.heartFound) {
    score.qualityFlags.push('heart-not-found');
    warnings.push(`heart not found (${findings.heartNotFoundReason}): no calcium was called coronary`);
  }
  const end = performance.now();
  return { score, labels, warnings, timingsMs: { label: scoreStart - labelStart, score: end - scoreStart } };
}
