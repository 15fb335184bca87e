import { voxelToPatientMm, type Volume } from '@cacscreen/dicom';
import type { Lesion } from '../lesions/lesion';
import type { ArteryComponent } from './artery-assignment';

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

/**
 * Groups slice components into 3D lesions: two components on adjacent slices belong to one lesion when they share
 * an in-plane pixel position and the same artery. Keeping arteries apart means each lesion's Agatston adds up to
 * exactly the per-artery totals; a plaque crossing the LM/LAD bifurcation is reported as two lesions. Returns each
 * lesion's member indices into `components`.
 */
export function lesionMembers(components: ArteryComponent[], plane: number): number[][] {
  const bySlice = new Map<number, number[]>();
  components.forEach((c, i) => {
    const list = bySlice.get(c.z);
    if (list) list.push(i);
    else bySlice.set(c.z, [i]);
  });
  const parent = Int32Array.from(components.keys());
  // owner[p] = component on the previous scored slice covering in-plane pixel p, or -1.
  const owner = new Int32Array(plane).fill(-1);
  let previous: number[] = [];
  for (const z of [...bySlice.keys()].sort((a, b) => a - b)) {
    const here = bySlice.get(z) ?? [];
    const adjacent = previous.length > 0 && components[previous[0]].z === z - 1;
    for (const i of adjacent ? here : []) {
      for (const p of components[i].pixels) {
        const below = owner[p];
        if (below >= 0 && components[below].artery === components[i].artery)
          parent[find(parent, i)] = find(parent, below);
      }
    }
    for (const j of previous) for (const p of components[j].pixels) owner[p] = -1;
    for (const i of here) for (const p of components[i].pixels) owner[p] = i;
    previous = here;
  }
  const groups = new Map<number, number[]>();
  components.forEach((_, i) => {
    const root = find(parent, i);
    const members = groups.get(root);
    if (members) members.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()];
}

/** The lesions of the score, largest Agatston first. */
export function groupLesions(volume: Volume, components: ArteryComponent[], voxelVolumeMm3: number): Lesion[] {
  const [cols, rows] = volume.dims;
  return lesionMembers(components, cols * rows)
    .map((members) => summarise(volume, components, members, voxelVolumeMm3))
    .sort((a, b) => b.agatston - a.agatston);
}

function summarise(volume: Volume, components: ArteryComponent[], members: number[], voxelVolumeMm3: number): Lesion {
  const [cols] = volume.dims;
  let agatston = 0;
  let voxels = 0;
  let peakHu = -Infinity;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  for (const i of members) {
    const c = components[i];
    agatston += c.agatston;
    voxels += c.pixels.length;
    peakHu = Math.max(peakHu, c.peakHu);
    for (const p of c.pixels) {
      const x = p % cols;
      sx += x;
      sy += (p - x) / cols;
    }
    sz += c.z * c.pixels.length;
  }
  return {
    artery: components[members[0]].artery,
    agatston,
    volumeMm3: voxels * voxelVolumeMm3,
    peakHu,
    centroidMm: voxelToPatientMm(volume, sx / voxels, sy / voxels, sz / voxels),
  };
}
