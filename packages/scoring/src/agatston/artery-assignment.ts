import { CalciumLabel, CORONARY_ARTERIES, type CoronaryArtery } from '../labels';

/** True for the four coronary labels; 'other calcium' (aorta, valves, bone) and background never score. */
export function isCoronaryLabel(label: number): boolean {
  return label >= CalciumLabel.LM && label <= CalciumLabel.RCA;
}

/**
 * The artery a slice component counts towards: the coronary label held by most of its voxels. A labeller can split
 * one plaque between two arteries at a branch point; scoring it once, whole, under its majority artery keeps the
 * per-slice area and peak weight the same as an unlabelled Agatston. Ties go to the artery listed first (LM, LAD,
 * LCX, RCA) so results are deterministic.
 */
export function majorityArtery(labels: Uint8Array, pixels: Int32Array, sliceOffset: number): CoronaryArtery {
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < pixels.length; i++) {
    const label = labels[pixels[i] + sliceOffset];
    if (isCoronaryLabel(label)) counts[label - CalciumLabel.LM]++;
  }
  let best = 0;
  for (let a = 1; a < counts.length; a++) if (counts[a] > counts[best]) best = a;
  return CORONARY_ARTERIES[best];
}
