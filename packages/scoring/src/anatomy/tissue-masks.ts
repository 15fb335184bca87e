/**
 * Tissue classes of a coarse grid, slice by slice: outside, body, lung. Outside is air connected to the image border
 * through cells darker than OUTSIDE_AIR_HU; lung is the air left inside the body. Lung parenchyma averages −600 to
 * −920 HU over a 4 mm cell and outside air −1000 (padding far lower), so lungs that a tight cardiac field of view cuts
 * at the image edge stay lungs.
 */
import type { CoarseGrid } from './coarse-grid';

export const OUTSIDE_AIR_HU = -960;
export const LUNG_HU = -400;
/** Mean HU of a 4 mm cell of blood or myocardium without contrast, with partial volume of the fat around. */
export const SOFT_TISSUE_HU: [number, number] = [-30, 150];

/** Share of the left and of the right image edge inside the body for a slice to count as cut by the field of view. */
const CUT_EDGE_SHARE = 0.25;

export const enum Tissue {
  Outside = 0,
  Body = 1,
  Lung = 2,
}

export interface TissueMasks {
  /** Tissue per coarse cell. */
  tissue: Uint8Array;
  /** Lung cells per slice. */
  lungCells: Int32Array;
  /** Body cells (lung included) per slice. */
  bodyCells: Int32Array;
  /** Per slice: whether the body reaches both side edges of the image (a field of view cut through the chest). */
  cutByFieldOfView: Uint8Array;
}

export function tissueMasks(grid: CoarseGrid): TissueMasks {
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  const tissue = new Uint8Array(grid.hu.length);
  const lungCells = new Int32Array(nz);
  const bodyCells = new Int32Array(nz);
  const cut = new Uint8Array(nz);
  const outside = new Uint8Array(plane);
  const stack = new Int32Array(plane);
  for (let z = 0; z < nz; z++) {
    const base = z * plane;
    outside.fill(0);
    let top = 0;
    const seed = (p: number) => {
      if (!outside[p] && grid.hu[base + p] < OUTSIDE_AIR_HU) {
        outside[p] = 1;
        stack[top++] = p;
      }
    };
    for (let x = 0; x < nx; x++) {
      seed(x);
      seed((ny - 1) * nx + x);
    }
    for (let y = 0; y < ny; y++) {
      seed(y * nx);
      seed(y * nx + nx - 1);
    }
    while (top > 0) {
      const p = stack[--top];
      const x = p % nx;
      if (x > 0) seed(p - 1);
      if (x < nx - 1) seed(p + 1);
      if (p >= nx) seed(p - nx);
      if (p < plane - nx) seed(p + nx);
    }
    for (let p = 0; p < plane; p++) {
      if (outside[p]) continue;
      const t = grid.hu[base + p] < LUNG_HU ? Tissue.Lung : Tissue.Body;
      tissue[base + p] = t;
      bodyCells[z]++;
      if (t === Tissue.Lung) lungCells[z]++;
    }
    // A cardiac field of view cuts the chest on both sides; a table or an arm touching one edge is not that.
    let left = 0;
    let right = 0;
    for (let y = 0; y < ny; y++) {
      if (tissue[base + y * nx] !== Tissue.Outside) left++;
      if (tissue[base + y * nx + nx - 1] !== Tissue.Outside) right++;
    }
    if (left >= CUT_EDGE_SHARE * ny && right >= CUT_EDGE_SHARE * ny) cut[z] = 1;
  }
  return { tissue, lungCells, bodyCells, cutByFieldOfView: cut };
}
