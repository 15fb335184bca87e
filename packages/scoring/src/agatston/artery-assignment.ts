import type { Volume } from '@cacscreen/dicom';
import { CalciumLabel, CORONARY_ARTERIES, type CoronaryArtery } from '../labels';
import type { AgatstonRules } from './options';
import { coronaryLabelBox, scoreSlices, type SliceComponent } from './score-slices';

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

/** A scored slice component with the artery it counts towards. */
export interface ArteryComponent extends SliceComponent {
  artery: CoronaryArtery;
}

/**
 * The 2-D components that make up the coronary score (all four coronary labels together, each credited to its
 * majority artery), slice by slice in increasing z. The one source of the score's parts: the totals, the lesions
 * and the key images are all summed from it.
 */
export function arteryComponents(volume: Volume, labels: Uint8Array, rules: AgatstonRules): ArteryComponent[] {
  const plane = volume.dims[0] * volume.dims[1];
  const box = coronaryLabelBox(labels, volume.dims);
  if (!box) return [];
  return scoreSlices(volume, rules, box, (v) => isCoronaryLabel(labels[v])).map((c) => ({
    ...c,
    artery: majorityArtery(labels, c.pixels, c.z * plane),
  }));
}
