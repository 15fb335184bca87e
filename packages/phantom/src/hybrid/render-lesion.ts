/**
 * One calcified lesion as the scanner would show it: a solid ellipsoid drawn on a fine grid aligned with the series'
 * voxel axes, averaged across the slice thickness (box profile), blurred in-plane by a Gaussian point-spread, and
 * sampled at the voxel centres. Returns the lesion's contribution (HU above the local tissue) over a small box of
 * voxels, so that the caller decides how to combine it with the real background.
 */
import type { Volume } from '@cacscreen/dicom';
import { dot, sub, type Vec3 } from '../vec';

export interface LesionShape {
  centreMm: Vec3;
  /** Unit direction of the vessel at the lesion. */
  axis: Vec3;
  lengthMm: number;
  diameterMm: number;
  /** Calcium density minus the local tissue (HU) inside the solid lesion, before blurring. */
  contrastHu: number;
}

export interface LesionContribution {
  /** First voxel (column, row, slice) of the box and its size. */
  origin: [number, number, number];
  size: [number, number, number];
  /** Contribution (HU) per box voxel, x fastest. */
  hu: Float32Array;
  peakHu: number;
}

/** Fine-grid step (mm): well below any voxel so the partial-volume edge is resolved. */
const FINE_MM = 0.15;

/** Position of a patient point in voxel units (x = column, y = row, z = slice); direction cosines orthonormal. */
export function patientToVoxel(volume: Volume, p: Vec3): Vec3 {
  const d = sub(p, volume.originMm);
  return [
    dot(d, volume.rowDirection) / volume.spacingMm[0],
    dot(d, volume.columnDirection) / volume.spacingMm[1],
    dot(d, volume.sliceDirection) / volume.spacingMm[2],
  ];
}

function gaussianTaps(sigmaFine: number): Float64Array {
  const r = Math.max(1, Math.ceil(3 * sigmaFine));
  const k = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-(i * i) / (2 * sigmaFine * sigmaFine));
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

export function renderLesion(volume: Volume, shape: LesionShape, inPlaneSigmaMm: number): LesionContribution | null {
  const [sx, sy, sz] = volume.spacingMm;
  const thickness = Math.max(volume.sliceThicknessMm, 1e-3);
  const half = shape.lengthMm / 2;
  const c = patientToVoxel(volume, shape.centreMm);
  // Box of voxels that can receive any signal: lesion half-length, 3σ in-plane, half the slice thickness.
  const reachXY = half + 3 * inPlaneSigmaMm + 1;
  const reachZ = half + thickness / 2 + 1;
  const lo = [Math.floor(c[0] - reachXY / sx), Math.floor(c[1] - reachXY / sy), Math.floor(c[2] - reachZ / sz)];
  const hi = [Math.ceil(c[0] + reachXY / sx), Math.ceil(c[1] + reachXY / sy), Math.ceil(c[2] + reachZ / sz)];
  for (let i = 0; i < 3; i++) {
    lo[i] = Math.max(0, lo[i]);
    hi[i] = Math.min(volume.dims[i] - 1, hi[i]);
    if (hi[i] < lo[i]) return null;
  }
  const size: [number, number, number] = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  // Fine grid: n sub-steps per voxel so voxel centres fall on fine points; w also covers the thickness overhang.
  const nx = Math.ceil(sx / FINE_MM);
  const ny = Math.ceil(sy / FINE_MM);
  const nz = Math.ceil(sz / FINE_MM);
  const hx = sx / nx;
  const hy = sy / ny;
  const hz = sz / nz;
  const padX = Math.ceil((3 * inPlaneSigmaMm) / hx);
  const padY = Math.ceil((3 * inPlaneSigmaMm) / hy);
  const boxHalf = Math.max(0, Math.round(thickness / hz / 2));
  const fx = (size[0] - 1) * nx + 1 + 2 * padX;
  const fy = (size[1] - 1) * ny + 1 + 2 * padY;
  // Lesion axis and centre in the voxel-aligned mm frame of the fine grid.
  const ax = [
    dot(shape.axis, volume.rowDirection),
    dot(shape.axis, volume.columnDirection),
    dot(shape.axis, volume.sliceDirection),
  ];
  const o = [(lo[0] - c[0]) * sx - padX * hx, (lo[1] - c[1]) * sy - padY * hy, (lo[2] - c[2]) * sz - boxHalf * hz];
  const a2 = half * half;
  const b2 = (shape.diameterMm / 2) ** 2;
  // Slice-thickness average first, evaluated only at slice centres: inside-fraction per (fine x, fine y, slice).
  const slab = new Float32Array(fx * fy * size[2]);
  const win = 2 * boxHalf + 1;
  for (let k = 0; k < size[2]; k++) {
    for (let j = 0; j < fy; j++) {
      const v = o[1] + j * hy;
      for (let i = 0; i < fx; i++) {
        const u = o[0] + i * hx;
        let inside = 0;
        for (let t = 0; t < win; t++) {
          const w = o[2] + (k * nz + t) * hz;
          const along = u * ax[0] + v * ax[1] + w * ax[2];
          const perp2 = u * u + v * v + w * w - along * along;
          if ((along * along) / a2 + perp2 / b2 <= 1) inside++;
        }
        slab[(k * fy + j) * fx + i] = inside / win;
      }
    }
  }
  // In-plane Gaussian, rows then columns, evaluated only at voxel centres.
  const gy = gaussianTaps(inPlaneSigmaMm / hy);
  const gx = gaussianTaps(inPlaneSigmaMm / hx);
  const ry = (gy.length - 1) / 2;
  const rx = (gx.length - 1) / 2;
  const hu = new Float32Array(size[0] * size[1] * size[2]);
  const col = new Float64Array(fx);
  let peak = 0;
  for (let k = 0; k < size[2]; k++) {
    for (let y = 0; y < size[1]; y++) {
      const jc = padY + y * ny;
      col.fill(0);
      for (let t = -ry; t <= ry; t++) {
        const j = jc + t;
        if (j < 0 || j >= fy) continue;
        const wgt = gy[t + ry];
        const base = (k * fy + j) * fx;
        for (let i = 0; i < fx; i++) col[i] += wgt * slab[base + i];
      }
      for (let x = 0; x < size[0]; x++) {
        const ic = padX + x * nx;
        let s = 0;
        for (let t = -rx; t <= rx; t++) {
          const i = ic + t;
          if (i >= 0 && i < fx) s += gx[t + rx] * col[i];
        }
        const value = s * shape.contrastHu;
        hu[(k * size[1] + y) * size[0] + x] = value;
        if (value > peak) peak = value;
      }
    }
  }
  return { origin: [lo[0], lo[1], lo[2]], size, hu, peakHu: peak };
}
