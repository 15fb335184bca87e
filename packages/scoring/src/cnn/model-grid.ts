/**
 * The model grid: a box of cells (fixed size in mm) in patient coordinates, and the two-way mapping between it and a
 * volume's native voxels. Each cell gathers the native voxels whose centres fall inside it (or, where the native grid
 * is coarser than the cell, the nearest native voxel), so thin and thick slices give comparable features and every
 * native voxel maps back to exactly one cell.
 */
import type { Volume } from '@cacscreen/dicom';
import { ScoringError } from '../agatston';

export type Vec3 = [number, number, number];

export interface ModelBox {
  /** Patient position (LPS, mm) of the centre of cell (0, 0, 0). */
  originMm: Vec3;
  spacingMm: Vec3;
  /** Cells along patient x, y, z. */
  cells: Vec3;
}

/** Box of the given size centred on a point. */
export function boxAround(centreMm: Vec3, spacingMm: Vec3, cells: Vec3): ModelBox {
  const originMm: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) originMm[a] = centreMm[a] - ((cells[a] - 1) / 2) * spacingMm[a];
  return { originMm, spacingMm, cells };
}

/** One axis: which native indices feed each cell, and which cell each native index falls in. */
export interface AxisMap {
  /** Per cell: first and last native index (inclusive); -1, -1 when the cell lies outside the scan. */
  lo: Int32Array;
  hi: Int32Array;
  /** Per native index: its cell, or -1 outside the box. */
  cellOf: Int32Array;
}

function axisMap(nativeCount: number, nativeStart: number, nativeStep: number, box: ModelBox, axis: number): AxisMap {
  const cells = box.cells[axis];
  const cell = box.spacingMm[axis];
  const boxLo = box.originMm[axis] - cell / 2;
  const cellOf = new Int32Array(nativeCount).fill(-1);
  const lo = new Int32Array(cells).fill(-1);
  const hi = new Int32Array(cells).fill(-1);
  for (let n = 0; n < nativeCount; n++) {
    const c = Math.floor((nativeStart + n * nativeStep - boxLo) / cell);
    if (c < 0 || c >= cells) continue;
    cellOf[n] = c;
    if (lo[c] < 0 || n < lo[c]) lo[c] = n;
    if (n > hi[c]) hi[c] = n;
  }
  // Cells no native centre falls in (native grid coarser than the cell): the nearest native voxel, if inside the scan.
  const halfStep = Math.abs(nativeStep) / 2;
  for (let c = 0; c < cells; c++) {
    if (lo[c] >= 0) continue;
    const centre = box.originMm[axis] + c * cell;
    const n = Math.round((centre - nativeStart) / nativeStep);
    const inside = n >= 0 && n < nativeCount && Math.abs(nativeStart + n * nativeStep - centre) <= halfStep + 1e-6;
    if (inside) lo[c] = hi[c] = n;
  }
  return { lo, hi, cellOf };
}

/** Native axis → patient axis must be x, y, z in order (axial acquisition; flips are fine). */
export function gridMaps(volume: Volume, box: ModelBox): [AxisMap, AxisMap, AxisMap] {
  const dirs = [volume.rowDirection, volume.columnDirection, volume.sliceDirection];
  const maps: AxisMap[] = [];
  for (let a = 0; a < 3; a++) {
    const d = dirs[a];
    const dominant =
      Math.abs(d[0]) >= Math.abs(d[1]) && Math.abs(d[0]) >= Math.abs(d[2])
        ? 0
        : Math.abs(d[1]) >= Math.abs(d[2])
          ? 1
          : 2;
    if (dominant !== a || Math.abs(d[a]) < 0.9) {
      throw new ScoringError(
        'INVALID_VOLUME',
        'the CNN labeller needs an axial series (rows along x, columns along y)',
      );
    }
    const step = volume.spacingMm[a] * Math.sign(d[a]);
    maps.push(axisMap(volume.dims[a], volume.originMm[a], step, box, a));
  }
  return maps as [AxisMap, AxisMap, AxisMap];
}

/** Raw per-cell features, cell index = x + y * nx + z * nx * ny (the model's W, H, D order). */
export interface CellFeatures {
  meanHu: Float32Array;
  maxHu: Float32Array;
  /** Per mille of the cell's native voxels at or above calciumHu. */
  calciumPermille: Float32Array;
}

/** Value for cells outside the scanned volume: air. */
const OUTSIDE_HU = -1000;

/** Visits, for every cell, the native voxel indices that feed it. */
function forEachCellVoxel(
  volume: Volume,
  box: ModelBox,
  maps: [AxisMap, AxisMap, AxisMap],
  visit: (cell: number, voxel: number) => void,
): void {
  const [nx, ny, nz] = box.cells;
  const [cols, rows] = volume.dims;
  const plane = cols * rows;
  const [mx, my, mz] = maps;
  for (let cz = 0; cz < nz; cz++) {
    if (mz.lo[cz] < 0) continue;
    for (let vz = mz.lo[cz]; vz <= mz.hi[cz]; vz++) {
      for (let cy = 0; cy < ny; cy++) {
        if (my.lo[cy] < 0) continue;
        for (let vy = my.lo[cy]; vy <= my.hi[cy]; vy++) {
          const row = vz * plane + vy * cols;
          const cellRow = (cz * ny + cy) * nx;
          for (let cx = 0; cx < nx; cx++) {
            const xlo = mx.lo[cx];
            if (xlo < 0) continue;
            const xhi = mx.hi[cx];
            for (let vx = xlo; vx <= xhi; vx++) visit(cellRow + cx, row + vx);
          }
        }
      }
    }
  }
}

export function cellFeatures(
  volume: Volume,
  box: ModelBox,
  maps: [AxisMap, AxisMap, AxisMap],
  calciumHu: number,
): CellFeatures {
  const n = box.cells[0] * box.cells[1] * box.cells[2];
  const sum = new Float64Array(n);
  const count = new Uint32Array(n);
  const calcium = new Uint32Array(n);
  const maxHu = new Float32Array(n).fill(-32768);
  const hu = volume.hu;
  forEachCellVoxel(volume, box, maps, (c, v) => {
    const h = hu[v];
    sum[c] += h;
    count[c]++;
    if (h > maxHu[c]) maxHu[c] = h;
    if (h >= calciumHu) calcium[c]++;
  });
  const meanHu = new Float32Array(n);
  const calciumPermille = new Float32Array(n);
  for (let c = 0; c < n; c++) {
    if (count[c] === 0) {
      meanHu[c] = OUTSIDE_HU;
      maxHu[c] = OUTSIDE_HU;
    } else {
      meanHu[c] = sum[c] / count[c];
      calciumPermille[c] = (1000 * calcium[c]) / count[c];
    }
  }
  return { meanHu, maxHu, calciumPermille };
}

/** Ground truth on the model grid: the most frequent non-zero label among a cell's voxels, else 0. */
export function cellLabels(
  volume: Volume,
  labels: Uint8Array,
  box: ModelBox,
  maps: [AxisMap, AxisMap, AxisMap],
): Uint8Array {
  const n = box.cells[0] * box.cells[1] * box.cells[2];
  const counts = new Uint32Array(n * 6);
  forEachCellVoxel(volume, box, maps, (c, v) => {
    const l = labels[v];
    if (l !== 0) counts[c * 6 + l]++;
  });
  const out = new Uint8Array(n);
  for (let c = 0; c < n; c++) {
    let best = 0;
    for (let l = 1; l < 6; l++) if (counts[c * 6 + l] > (best === 0 ? 0 : counts[c * 6 + best])) best = l;
    out[c] = best;
  }
  return out;
}

/** Native label map: voxels at or above calciumHu inside the box take their cell's label; everything else is 0. */
export function nativeLabels(
  volume: Volume,
  box: ModelBox,
  maps: [AxisMap, AxisMap, AxisMap],
  cellLabel: Uint8Array,
  calciumHu: number,
): Uint8Array {
  const [cols, rows, slices] = volume.dims;
  const [nx, ny] = box.cells;
  const out = new Uint8Array(volume.hu.length);
  const hu = volume.hu;
  const [mx, my, mz] = maps;
  for (let z = 0; z < slices; z++) {
    const cz = mz.cellOf[z];
    if (cz < 0) continue;
    for (let y = 0; y < rows; y++) {
      const cy = my.cellOf[y];
      if (cy < 0) continue;
      const row = (z * rows + y) * cols;
      const cellRow = (cz * ny + cy) * nx;
      for (let x = 0; x < cols; x++) {
        const cx = mx.cellOf[x];
        if (cx < 0 || hu[row + x] < calciumHu) continue;
        out[row + x] = cellLabel[cellRow + cx];
      }
    }
  }
  return out;
}
