import type { Volume } from '@cacscreen/dicom';
import { computeAgatston, type AgatstonOptions, type ScoreResult } from '../agatston';
import type { CalciumLabeller } from './calcium-labeller';

export interface VolumeAnalysis {
  score: ScoreResult;
  labels: Uint8Array;
  timingsMs: { label: number; score: number };
}

/** Labels calcium with the given labeller, then scores it on the volume's own grid. */
export async function analyzeVolume(
  volume: Volume,
  labeller: CalciumLabeller,
  options: AgatstonOptions = {},
): Promise<VolumeAnalysis> {
  const labelStart = performance.now();
  const labels = await labeller.label(volume);
  const scoreStart = performance.now();
  const score = computeAgatston(volume, labels, options);
  const end = performance.now();
  return { score, labels, timingsMs: { label: scoreStart - labelStart, score: end - scoreStart } };
}
