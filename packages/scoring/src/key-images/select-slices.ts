import type { Volume } from '@cacscreen/dicom';
import { isCoronaryLabel, majorityArtery } from '../agatston/artery-assignment';
import type { AgatstonRules } from '../agatston/options';
import { coronaryLabelBox, scoreSlices } from '../agatston/score-slices';
import { CORONARY_ARTERIES, type CoronaryArtery } from '../labels';

/** A slice chosen to show, with what it contributes to the coronary Agatston score. */
export interface KeySlice {
  sliceIndex: number;
  /** Coronary Agatston of this slice's components (same rules and slice factor as the study total). */
  agatston: number;
  /** Arteries of the coronary calcium components on this slice, in LM, LAD, LCX, RCA order. */
  arteries: CoronaryArtery[];
}

interface Component {
  z: number;
  pixels: Int32Array;
  agatston: number;
  artery: CoronaryArtery;
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

/**
 * Groups components into lesions as scoring does (adjacent slices, a shared in-plane pixel, the same artery) and
 * returns each lesion's member indices.
 */
function lesionsOf(components: Component[], plane: number): number[][] {
  const parent = Int32Array.from(components.keys());
  const owner = new Int32Array(plane).fill(-1);
  let previous: number[] = [];
  let i = 0;
  while (i < components.length) {
    const z = components[i].z;
    const here: number[] = [];
    for (; i < components.length && components[i].z === z; i++) here.push(i);
    if (previous.length > 0 && components[previous[0]].z === z - 1) {
      for (const c of here) {
        for (const p of components[c].pixels) {
          const below = owner[p];
          if (below >= 0 && components[below].artery === components[c].artery)
            parent[find(parent, c)] = find(parent, below);
        }
      }
    }
    for (const c of previous) for (const p of components[c].pixels) owner[p] = -1;
    for (const c of here) for (const p of components[c].pixels) owner[p] = c;
    previous = here;
  }
  const groups = new Map<number, number[]>();
  components.forEach((_, c) => {
    const root = find(parent, c);
    const members = groups.get(root);
    if (members) members.push(c);
    else groups.set(root, [c]);
  });
  return [...groups.values()];
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
  // scoreSlices yields components slice by slice, in increasing z.
  const box = coronaryLabelBox(labels, volume.dims);
  if (!box) return [];
  const components: Component[] = scoreSlices(volume, rules, box, (v) => isCoronaryLabel(labels[v]))
    .filter((c) => c.agatston > 0)
    .map((c) => ({
      z: c.z,
      pixels: c.pixels,
      agatston: c.agatston,
      artery: majorityArtery(labels, c.pixels, c.z * plane),
    }));

  const lesions = lesionsOf(components, plane).map((members) => {
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
