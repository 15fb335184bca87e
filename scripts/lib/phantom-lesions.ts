/** Ground-truth lesions of a phantom for lesion-level metrics (eval and calibration). */
import { type Volume, voxelToPatientMm } from '@cacscreen/dicom';
import type { PhantomStudy } from '@cacscreen/phantom';
import { CalciumLabel } from '@cacscreen/scoring';

export interface Deposit {
  label: number;
  centreMm: [number, number, number];
}

/**
 * Truly coronary voxels grouped by their nearest coronary deposit of the same artery: a generator knows its deposits,
 * so one that noise splits into pieces still counts as one lesion.
 */
export function groupByNearestDeposit(
  volume: Volume,
  labels: Uint8Array,
  allDeposits: Deposit[],
): { label: number; voxels: number[] }[] {
  const deposits = allDeposits.filter((l) => l.label >= CalciumLabel.LM && l.label <= CalciumLabel.RCA);
  const groups = deposits.map((d) => ({ label: d.label, voxels: [] as number[] }));
  const [nx, ny] = volume.dims;
  labels.forEach((label, i) => {
    if (label < CalciumLabel.LM || label > CalciumLabel.RCA) return;
    const x = i % nx;
    const y = ((i - x) / nx) % ny;
    const p = voxelToPatientMm(volume, x, y, Math.floor(i / (nx * ny)));
    let best = -1;
    let bestD = Infinity;
    deposits.forEach((d, k) => {
      const dd = (p[0] - d.centreMm[0]) ** 2 + (p[1] - d.centreMm[1]) ** 2 + (p[2] - d.centreMm[2]) ** 2;
      if (d.label === label && dd < bestD) {
        bestD = dd;
        best = k;
      }
    });
    if (best >= 0) groups[best].voxels.push(i);
  });
  return groups.filter((g) => g.voxels.length > 0);
}

/** The first generator's deposits as true lesions (voxel lists), for the lesion-agreement metrics. */
export function truthLesionGroups(study: PhantomStudy): number[][] {
  return groupByNearestDeposit(study.volume, study.labels, study.lesions).map((g) => g.voxels);
}

/** Pixels that make the Agatston minimum lesion area of 1 mm² on this volume's slices. */
export function minimumAreaPixels(volume: Volume): number {
  return Math.max(1, Math.ceil(1 / (volume.spacingMm[0] * volume.spacingMm[1]) - 1e-9));
}
