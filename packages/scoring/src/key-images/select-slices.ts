import type { Volume } from '@cacscreen/dicom';
import { arteryComponents } from '../agatston/artery-assignment';
import { lesionMembers } from '../agatston/group-lesions';
import type { AgatstonRules } from '../agatston/options';
import { CORONARY_ARTERIES, type CoronaryArtery } from '../labels';

/** A slice chosen to show, with what it contributes to the coronary Agatston score. */
export interface KeySlice {
  sliceIndex: number;
  /** Coronary Agatston of this slice's components (same rules and slice factor as the study total). */
  agatston: number;
  /** Arteries of the coronary calcium components on this slice, in LM, LAD, LCX, RCA order. */
  arteries: CoronaryArtery[];
}

/**
 * The slices that show the largest coronary lesions: lesions are ranked by Agatston (largest first) and each
 * contributes the slice where it scores most; a slice already chosen for a larger lesion is not repeated. Up to
 * `maxSlices` slices, in rank order; none when no coronary calcium counts towards the score.
 */
export function selectKeySlices(
  volume: Volume,
  labels: Uint8Array,
  rules: AgatstonRules,
  maxSlices: number,
): KeySlice[] {
  const plane = volume.dims[0] * volume.dims[1];
  // The same components and lesions as the score (compute-agatston.ts), less those under the area minimum.
  const components = arteryComponents(volume, labels, rules).filter((c) => c.agatston > 0);
  const lesions = lesionMembers(components, plane).map((members) => {
    const bySlice = new Map<number, number>();
    let total = 0;
    for (const c of members) {
      total += components[c].agatston;
      bySlice.set(components[c].z, (bySlice.get(components[c].z) ?? 0) + components[c].agatston);
    }
    let keyZ = -1;
    let keyScore = -Infinity;
    for (const [z, score] of bySlice) {
      if (score > keyScore || (score === keyScore && z < keyZ)) {
        keyZ = z;
        keyScore = score;
      }
    }
    return { total, keyZ };
  });
  lesions.sort((a, b) => b.total - a.total || a.keyZ - b.keyZ);

  const chosen: number[] = [];
  for (const lesion of lesions) {
    if (chosen.length >= maxSlices) break;
    if (!chosen.includes(lesion.keyZ)) chosen.push(lesion.keyZ);
  }
  return chosen.map((z) => {
    const onSlice = components.filter((c) => c.z === z);
    const present = new Set(onSlice.map((c) => c.artery));
    return {
      sliceIndex: z,
      agatston: onSlice.reduce((sum, c) => sum + c.agatston, 0),
      arteries: CORONARY_ARTERIES.filter((a) => present.has(a)),
    };
  });
}
