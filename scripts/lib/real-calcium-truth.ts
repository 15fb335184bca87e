/**
 * Hybrid truth includes the background's own coronary calcium: a real scan with an adjudicated scorable lesion
 * (test/real-reference) keeps it under the inserted ones, so a labeller that finds it is not charged a false positive.
 * Per read slice, the lesion is the ≥ 130 HU in-plane component (8-connected) at the read point, as the readers
 * measured it; the point may be up to NEAREST_MM off on a re-sampled background.
 */
import { voxelToPatientMm, type Volume } from '@cacscreen/dicom';
import { patientToVoxel } from '@cacscreen/phantom';
import { CalciumLabel } from '@cacscreen/scoring';
import { loadReference } from './eval-real-reads';

const NEAREST_MM = 2;
const THRESHOLD_HU = 130;
const ARTERY_LABEL: Record<string, CalciumLabel> = {
  LM: CalciumLabel.LM,
  LAD: CalciumLabel.LAD,
  LCX: CalciumLabel.LCX,
  RCA: CalciumLabel.RCA,
};

export interface RealDeposit {
  label: CalciumLabel;
  centreMm: [number, number, number];
}

/** Labels the scan's read lesions into `labels` (in place) and returns one deposit per lesion. */
export function addReadCalcium(scanId: string, volume: Volume, labels: Uint8Array): RealDeposit[] {
  const read = loadReference().find((s) => s.id === scanId);
  const deposits: RealDeposit[] = [];
  for (const l of read?.lesions ?? []) {
    const label = ARTERY_LABEL[l.artery];
    if (!l.scorable || !label) continue;
    deposits.push({ label, centreMm: [l.xMm, l.yMm, l.zMm] });
    for (const slice of l.slices ?? [{ zMm: l.zMm }])
      labelComponentNear(volume, labels, [l.xMm, l.yMm, slice.zMm], label);
  }
  return deposits;
}

function labelComponentNear(
  volume: Volume,
  labels: Uint8Array,
  pointMm: [number, number, number],
  label: number,
): void {
  const [nx, ny, nz] = volume.dims;
  const z = Math.round(patientToVoxel(volume, pointMm)[2]);
  if (z < 0 || z >= nz) return;
  const plane = z * nx * ny;
  const reach = Math.ceil(NEAREST_MM / volume.spacingMm[0]);
  const [cx, cy] = patientToVoxel(volume, pointMm).map(Math.round);
  let seed = -1;
  let seedD = Infinity;
  for (let y = Math.max(0, cy - reach); y <= Math.min(ny - 1, cy + reach); y++)
    for (let x = Math.max(0, cx - reach); x <= Math.min(nx - 1, cx + reach); x++) {
      if (volume.hu[plane + x + y * nx] < THRESHOLD_HU) continue;
      const p = voxelToPatientMm(volume, x, y, z);
      const d = Math.hypot(p[0] - pointMm[0], p[1] - pointMm[1]);
      if (d <= NEAREST_MM && d < seedD) {
        seedD = d;
        seed = x + y * nx;
      }
    }
  if (seed < 0) return;
  const stack = [seed];
  const seen = new Set([seed]);
  while (stack.length) {
    const i = stack.pop() as number;
    labels[plane + i] = label;
    const x = i % nx;
    const y = (i - x) / nx;
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= nx || yy >= ny) continue;
        const j = xx + yy * nx;
        if (seen.has(j) || volume.hu[plane + j] < THRESHOLD_HU) continue;
        seen.add(j);
        stack.push(j);
      }
  }
}
