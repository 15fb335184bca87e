/** 2-D helpers on one slice of a coarse grid: erosion, dilation, 4-connected components. */

/** Cells of `mask` whose 4 neighbours are all set (the border of the slice counts as unset). */
export function erode2d(mask: Uint8Array, nx: number, ny: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 1; y < ny - 1; y++) {
    for (let x = 1; x < nx - 1; x++) {
      const p = y * nx + x;
      if (mask[p] && mask[p - 1] && mask[p + 1] && mask[p - nx] && mask[p + nx]) out[p] = 1;
    }
  }
  return out;
}

/** Cells of `mask` or 8-adjacent to one, `steps` times. */
export function dilate2d(mask: Uint8Array, nx: number, ny: number, steps = 1): Uint8Array {
  let current = mask;
  for (let s = 0; s < steps; s++) {
    const out = new Uint8Array(current.length);
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if (!current[y * nx + x]) continue;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= ny) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            if (xx >= 0 && xx < nx) out[yy * nx + xx] = 1;
          }
        }
      }
    }
    current = out;
  }
  return current;
}

export interface Blob {
  /** Cell indices within the slice. */
  cells: number[];
  /** Centroid, cell coordinates. */
  cx: number;
  cy: number;
}

/** 4-connected components of a slice mask. */
export function blobs2d(mask: Uint8Array, nx: number, ny: number): Blob[] {
  const seen = new Uint8Array(mask.length);
  const out: Blob[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    const cells: number[] = [];
    let sx = 0;
    let sy = 0;
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop() as number;
      cells.push(p);
      const x = p % nx;
      const y = (p - x) / nx;
      sx += x;
      sy += y;
      const visit = (q: number) => {
        if (mask[q] && !seen[q]) {
          seen[q] = 1;
          stack.push(q);
        }
      };
      if (x > 0) visit(p - 1);
      if (x < nx - 1) visit(p + 1);
      if (y > 0) visit(p - nx);
      if (y < ny - 1) visit(p + nx);
    }
    out.push({ cells, cx: sx / cells.length, cy: sy / cells.length });
  }
  return out;
}

/** The cells of `mask` that belong to a component touching `keep` (component-wise reconstruction). */
export function componentsTouching(mask: Uint8Array, keep: Uint8Array, nx: number, ny: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (const blob of blobs2d(mask, nx, ny)) {
    if (blob.cells.some((p) => keep[p])) for (const p of blob.cells) out[p] = 1;
  }
  return out;
}

/** Cells over the area of the smallest centred disc that holds them: 1 for a disc, small for a slab or a ring. */
export function roundness(blob: Blob, nx: number): number {
  let maxR2 = 0;
  for (const p of blob.cells) {
    const x = p % nx;
    maxR2 = Math.max(maxR2, (x - blob.cx) ** 2 + ((p - x) / nx - blob.cy) ** 2);
  }
  return blob.cells.length / (Math.PI * (Math.sqrt(maxR2) + 0.5) ** 2);
}
