import type { Vec3 } from '../parse/dicom-instance';
import { InconsistentSeriesError } from '../errors';
import { cross, dot, subtract } from './geometry';

/**
 * Patient position of voxel (i, j, k) = origin + i·axes[0] + j·axes[1] + k·axes[2]: the exact native grid. The
 * slice axis is the mean step between slice positions, which under gantry tilt is not along the slice normal.
 */
export interface GridAffine {
  origin: Vec3;
  axes: [Vec3, Vec3, Vec3];
  dims: [number, number, number];
}

/** Builds the affine from the first slice, the in-plane steps and the first-to-last slice position. */
export function gridAffine(
  positions: Vec3[],
  row: Vec3,
  column: Vec3,
  normal: Vec3,
  spacing: [number, number, number],
  dims: [number, number, number],
): GridAffine {
  const n = positions.length;
  const step: Vec3 =
    n > 1
      ? (subtract(positions[n - 1], positions[0]).map((v) => v / (n - 1)) as Vec3)
      : (normal.map((v) => v * spacing[2]) as Vec3);
  const scale = (v: Vec3, s: number) => v.map((c) => c * s) as Vec3;
  return { origin: [...positions[0]], axes: [scale(row, spacing[0]), scale(column, spacing[1]), step], dims };
}

/**
 * Largest error, in voxels, of reading the native grid as axis-aligned (voxel axis a along patient axis a, as the
 * CNN grid and per-slice Agatston do): for each patient axis, the drift the other voxel axes add across the volume,
 * divided by the step along that axis. Infinity when a voxel axis is not mostly along its patient axis (rotated
 * or permuted rows). Above 0.5 the volume needs resampling.
 */
export function axisAlignmentErrorVoxels(affine: GridAffine): number {
  let worst = 0;
  for (let a = 0; a < 3; a++) {
    const own = Math.abs(affine.axes[a][a]);
    if (own < Math.max(Math.abs(affine.axes[a][(a + 1) % 3]), Math.abs(affine.axes[a][(a + 2) % 3]))) return Infinity;
    let drift = 0;
    for (let b = 0; b < 3; b++) if (b !== a) drift += Math.abs(affine.axes[b][a]) * (affine.dims[b] - 1);
    worst = Math.max(worst, drift / own);
  }
  return worst;
}

/** Inverse of the 3×3 matrix whose columns are the axes: patient offset → voxel coordinates. */
export function inverseAxes(axes: [Vec3, Vec3, Vec3]): [Vec3, Vec3, Vec3] {
  const [a, b, c] = axes;
  const det = dot(a, cross(b, c));
  if (Math.abs(det) < 1e-9) {
    throw new InconsistentSeriesError('Slice positions do not span a volume (they lie in the image plane)');
  }
  // Rows of the inverse are the cross products divided by the determinant.
  const rows = [cross(b, c), cross(c, a), cross(a, b)].map((r) => r.map((v) => v / det) as Vec3);
  return rows as [Vec3, Vec3, Vec3];
}
