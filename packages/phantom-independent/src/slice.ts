/** The in-plane pixel grid and per-slice scratch buffers shared by the renderers. */

/** Tissue classes written beside the HU while rendering one slice (before the scanner model). */
export const Tissue = {
  Air: 0,
  Lung: 1,
  Fat: 2,
  Soft: 3,
  Blood: 4,
  Cartilage: 5,
  Bone: 6,
  Metal: 7,
} as const;
export type Tissue = (typeof Tissue)[keyof typeof Tissue];

export interface Grid {
  nx: number;
  ny: number;
  /** Patient x (mm) of column 0 and y (mm) of row 0. */
  x0: number;
  y0: number;
  /** Pixel spacing (mm), square pixels. */
  px: number;
}

export interface SliceBuffers {
  hu: Float64Array;
  tissue: Uint8Array;
  /** Scratch signed-distance buffer for tube groups. */
  sdf: Float64Array;
}

export function makeBuffers(grid: Grid): SliceBuffers {
  const n = grid.nx * grid.ny;
  return { hu: new Float64Array(n), tissue: new Uint8Array(n), sdf: new Float64Array(n) };
}

/** Inclusive pixel index range covering patient interval [lo, hi] along x (or y), clamped; empty when lo > hi. */
export function pixelRange(lo: number, hi: number, origin: number, px: number, n: number): [number, number] {
  const a = Math.max(0, Math.ceil((lo - origin) / px));
  const b = Math.min(n - 1, Math.floor((hi - origin) / px));
  return [a, b];
}
