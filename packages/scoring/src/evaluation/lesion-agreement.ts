/**
 * Lesion-level agreement between a ground-truth and a predicted label map: lesions are 3-D (26-connected) components
 * of coronary voxels (labels 1–4). A true lesion is found when any of its voxels is predicted coronary; its artery is
 * right when the most common predicted artery over its voxels is its own. Callers that know the true deposits (the
 * phantom) pass them as the true lesions, so a deposit that noise splits into pieces still counts once. With
 * minPixelsPerSlice (the Agatston minimum area in pixels) only lesions that can reach the score count, on both sides. A predicted lesion is a false positive when
 * none of its voxels is truly coronary.
 */
import { CalciumLabel } from '../labels';

export interface LesionAgreement {
  truthLesions: number;
  found: number;
  arteryRight: number;
  predictedLesions: number;
  predictedTrue: number;
}

const isCoronary = (l: number) => l >= CalciumLabel.LM && l <= CalciumLabel.RCA;

/** Components of coronary voxels as lists of voxel indices. */
export function coronaryComponents(labels: Uint8Array, dims: [number, number, number]): number[][] {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const seen = new Uint8Array(labels.length);
  const out: number[][] = [];
  const stack: number[] = [];
  for (let start = 0; start < labels.length; start++) {
    if (seen[start] || !isCoronary(labels[start])) continue;
    const voxels: number[] = [];
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const v = stack.pop() as number;
      voxels.push(v);
      const x = v % nx;
      const y = ((v - x) / nx) % ny;
      const z = (v - x - y * nx) / plane;
      for (let dz = -1; dz <= 1; dz++) {
        const zz = z + dz;
        if (zz < 0 || zz >= nz) continue;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= ny) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            if (xx < 0 || xx >= nx) continue;
            const w = zz * plane + yy * nx + xx;
            if (!seen[w] && isCoronary(labels[w])) {
              seen[w] = 1;
              stack.push(w);
            }
          }
        }
      }
    }
    out.push(voxels);
  }
  return out;
}

/**
 * Whether a lesion can reach the Agatston score: at least minPixels of its voxels on one slice (the 1 mm² minimum
 * area in pixels). Specks below it are not lesions for the score, on either side.
 */
export function scorable(voxels: number[], dims: [number, number, number], minPixels: number): boolean {
  if (minPixels <= 1) return voxels.length > 0;
  const plane = dims[0] * dims[1];
  const perSlice = new Map<number, number>();
  for (const v of voxels) {
    const z = Math.floor(v / plane);
    const n = (perSlice.get(z) ?? 0) + 1;
    if (n >= minPixels) return true;
    perSlice.set(z, n);
  }
  return false;
}

/** The coronary label (1–4) most voxels carry, 0 when none is coronary; ties go to the lower label. */
export function majority(labels: Uint8Array, voxels: number[]): number {
  const counts = [0, 0, 0, 0, 0, 0];
  for (const v of voxels) if (isCoronary(labels[v])) counts[labels[v]]++;
  let best = 0;
  for (let l = 1; l <= 4; l++) if (counts[l] > counts[best]) best = l;
  return best;
}

/**
 * truthLesions: voxel lists of the true lesions when known (a phantom knows which deposit each voxel belongs to, so a
 * deposit that noise splits into pieces still counts once); by default the coronary components of the truth map.
 */
export function lesionAgreement(
  truth: Uint8Array,
  predicted: Uint8Array,
  dims: [number, number, number],
  truthLesions: number[][] = coronaryComponents(truth, dims),
  minPixelsPerSlice = 1,
): LesionAgreement {
  const visible = (voxels: number[]) => scorable(voxels, dims, minPixelsPerSlice);
  truthLesions = truthLesions.filter(visible);
  const predictedLesions = coronaryComponents(predicted, dims).filter(visible);
  let found = 0;
  let arteryRight = 0;
  for (const lesion of truthLesions) {
    const predictedArtery = majority(predicted, lesion);
    if (predictedArtery === 0) continue;
    found++;
    if (predictedArtery === majority(truth, lesion)) arteryRight++;
  }
  const predictedTrue = predictedLesions.filter((l) => l.some((v) => isCoronary(truth[v]))).length;
  return {
    truthLesions: truthLesions.length,
    found,
    arteryRight,
    predictedLesions: predictedLesions.length,
    predictedTrue,
  };
}
