import { voxelToPatientMm, type Volume } from '@cacscreen/dicom';
import type { VoxelBox } from '../agatston/score-slices';
import { isSphere, type Roi, type Vec3 } from './roi';

/** Patient point → fractional voxel index (x, y, z): the inverse of voxelToPatientMm's affine map. */
export function patientToVoxel(volume: Volume, p: Vec3): Vec3 {
  const [sx, sy, sz] = volume.spacingMm;
  // Columns of the forward matrix: one step in x, y and z, in mm.
  const a = volume.rowDirection.map((d) => d * sx);
  const b = volume.columnDirection.map((d) => d * sy);
  const c = volume.sliceDirection.map((d) => d * sz);
  const r = p.map((v, i) => v - volume.originMm[i]);
  const det =
    a[0] * (b[1] * c[2] - b[2] * c[1]) - b[0] * (a[1] * c[2] - a[2] * c[1]) + c[0] * (a[1] * b[2] - a[2] * b[1]);
  // Cramer's rule: each coordinate is the determinant with its column replaced by r.
  const det3 = (u: number[], v: number[], w: number[]) =>
    u[0] * (v[1] * w[2] - v[2] * w[1]) - v[0] * (u[1] * w[2] - u[2] * w[1]) + w[0] * (u[1] * v[2] - u[2] * v[1]);
  return [det3(r, b, c) / det, det3(a, r, c) / det, det3(a, b, r) / det];
}

/** Whether a patient-space point lies in the region (boundary included). */
export function roiContains(roi: Roi, p: Vec3): boolean {
  if (isSphere(roi)) {
    const d2 = (p[0] - roi.centerMm[0]) ** 2 + (p[1] - roi.centerMm[1]) ** 2 + (p[2] - roi.centerMm[2]) ** 2;
    return d2 <= roi.radiusMm ** 2;
  }
  return p.every((v, i) => v >= roi.minMm[i] && v <= roi.maxMm[i]);
}

/** The voxel index box enclosing the region (clipped to the volume), or null when they do not meet. */
export function roiVoxelBox(volume: Volume, roi: Roi): VoxelBox | null {
  const lo = isSphere(roi) ? roi.centerMm.map((c) => c - roi.radiusMm) : roi.minMm;
  const hi = isSphere(roi) ? roi.centerMm.map((c) => c + roi.radiusMm) : roi.maxMm;
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let corner = 0; corner < 8; corner++) {
    const p: Vec3 = [corner & 1 ? hi[0] : lo[0], corner & 2 ? hi[1] : lo[1], corner & 4 ? hi[2] : lo[2]];
    patientToVoxel(volume, p).forEach((v, i) => {
      min[i] = Math.min(min[i], v);
      max[i] = Math.max(max[i], v);
    });
  }
  const [x0, y0, z0] = min.map((v) => Math.max(0, Math.ceil(v - 1e-6)));
  const [x1, y1, z1] = max.map((v, i) => Math.min(volume.dims[i], Math.floor(v + 1e-6) + 1));
  if (x0 >= x1 || y0 >= y1 || z0 >= z1) return null;
  return { x0, x1, y0, y1, z0, z1 };
}

/** Voxel-index predicate: does the centre of voxel `v` lie in the region? */
export function roiVoxelTest(volume: Volume, roi: Roi): (voxelIndex: number) => boolean {
  const [cols, rows] = volume.dims;
  const plane = cols * rows;
  return (v) => {
    const z = Math.floor(v / plane);
    const inPlane = v - z * plane;
    const x = inPlane % cols;
    return roiContains(roi, voxelToPatientMm(volume, x, (inPlane - x) / cols, z));
  };
}
