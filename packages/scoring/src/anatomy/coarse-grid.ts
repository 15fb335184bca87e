/**
 * A coarse copy of an axial volume (cells of about 4 mm) that the anatomy finders work on: block means over the
 * native voxels of each cell (all of a slice's, and up to two slices per cell), so low-dose noise averages out.
 */
import type { Volume } from '@cacscreen/dicom';
import type { Vec3 } from './heart-frame';

const SLICES_PER_CELL = 2;

/** Value given to cells outside the reconstructed field of view (padding), far below air. */
export const PADDING_HU = -3000;

export interface CoarseGrid {
  /** Mean HU per cell; index = x + y·nx + z·nx·ny (the native axes, each block of f native voxels). */
  hu: Float32Array;
  dims: Vec3;
  /** Native voxels per cell along each axis. */
  factor: Vec3;
  /** Cell size, mm. */
  spacingMm: Vec3;
  /** Native index (fractional) of each cell's centre: native = (cell + 0.5)·factor − 0.5. */
  source: Volume;
}

/** Native voxel (fractional index) at the centre of a coarse cell. */
export function cellToNative(grid: CoarseGrid, x: number, y: number, z: number): Vec3 {
  const [fx, fy, fz] = grid.factor;
  return [(x + 0.5) * fx - 0.5, (y + 0.5) * fy - 0.5, (z + 0.5) * fz - 0.5];
}

/** Patient position (LPS, mm) of a coarse cell's centre. */
export function cellToPatient(grid: CoarseGrid, x: number, y: number, z: number): Vec3 {
  const [nx, ny, nz] = cellToNative(grid, x, y, z);
  const v = grid.source;
  const [sx, sy, sz] = v.spacingMm;
  const out: Vec3 = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    out[i] =
      v.originMm[i] + nx * sx * v.rowDirection[i] + ny * sy * v.columnDirection[i] + nz * sz * v.sliceDirection[i];
  }
  return out;
}

/**
 * Stored values far below air (< −1500 HU) are the padding outside the reconstruction circle; they are averaged as
 * PADDING_HU so a cell that is mostly padding reads as outside, never as lung.
 */
export function coarseGrid(volume: Volume, targetMm = 4): CoarseGrid {
  const [cols, rows, slices] = volume.dims;
  const factor = volume.spacingMm.map((s) => Math.max(1, Math.round(targetMm / s))) as Vec3;
  const dims: Vec3 = [
    Math.max(1, Math.floor(cols / factor[0])),
    Math.max(1, Math.floor(rows / factor[1])),
    Math.max(1, Math.floor(slices / factor[2])),
  ];
  if (factor[2] > slices) factor[2] = slices;
  const [cw, ch, cs] = dims;
  const sums = new Float64Array(cw * ch * cs);
  const plane = cols * rows;
  const cellOfX = new Int32Array(cw * factor[0]);
  for (let x = 0; x < cellOfX.length; x++) cellOfX[x] = (x / factor[0]) | 0;
  const hu = volume.hu;
  // Thin slices: at most SLICES_PER_CELL evenly spaced native slices per coarse slice (enough to average the noise,
  // a fraction of the reading on a 0.6 mm series).
  const used = Math.min(factor[2], SLICES_PER_CELL);
  for (let k = 0; k < cs * used; k++) {
    const cz = (k / used) | 0;
    const z = cz * factor[2] + Math.floor(((k % used) + 0.5) * (factor[2] / used));
    for (let y = 0; y < ch * factor[1]; y++) {
      const row = z * plane + y * cols;
      const cellRow = (cz * ch + ((y / factor[1]) | 0)) * cw;
      for (let x = 0; x < cellOfX.length; x++) {
        const v = hu[row + x];
        sums[cellRow + cellOfX[x]] += v < -1500 ? PADDING_HU : v;
      }
    }
  }
  const perCell = factor[0] * factor[1] * used;
  const out = new Float32Array(sums.length);
  for (let i = 0; i < sums.length; i++) out[i] = sums[i] / perCell;
  const spacingMm: Vec3 = [
    volume.spacingMm[0] * factor[0],
    volume.spacingMm[1] * factor[1],
    volume.spacingMm[2] * factor[2],
  ];
  return { hu: out, dims, factor, spacingMm, source: volume };
}
