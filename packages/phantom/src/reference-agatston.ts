/**
 * A plain, private Agatston scorer used only to build the phantom's ground truth (and to steer the calcium burden while
 * lesions are placed): per slice, 8-connected 2D components of voxels with one label and HU ≥ 130; components under
 * 1 mm² are dropped; score = area (mm²) × weight of the component's peak HU (1: 130–199, 2: 200–299, 3: 300–399,
 * 4: ≥ 400) × slice thickness / 3 mm. Independent of packages/scoring on purpose: it is the oracle, not the product.
 */
export interface ReferenceAgatstonOptions {
  thresholdHu?: number;
  minAreaMm2?: number;
  /** Multiply by sliceThickness / 3 mm (default true). */
  normaliseTo3mm?: boolean;
}

/** Agatston weight for a component's peak HU (0 below 130). */
export function densityWeight(peakHu: number): number {
  if (peakHu >= 400) return 4;
  if (peakHu >= 300) return 3;
  if (peakHu >= 200) return 2;
  if (peakHu >= 130) return 1;
  return 0;
}

/**
 * Agatston score per label value (index 0 … maxLabel) of a volume laid out x + y·cols + z·cols·rows.
 * Voxels whose label is 0 are ignored.
 */
export function referenceAgatston(
  hu: ArrayLike<number>,
  labels: ArrayLike<number>,
  dims: readonly [number, number, number],
  spacingMm: readonly [number, number, number],
  sliceThicknessMm: number,
  options: ReferenceAgatstonOptions = {},
  maxLabel = 5,
): number[] {
  const threshold = options.thresholdHu ?? 130;
  const minArea = options.minAreaMm2 ?? 1;
  const factor = options.normaliseTo3mm === false ? 1 : sliceThicknessMm / 3;
  const [cols, rows, slices] = dims;
  const pixelArea = spacingMm[0] * spacingMm[1];
  const plane = cols * rows;
  const scores = new Array<number>(maxLabel + 1).fill(0);
  const seen = new Uint8Array(plane);
  const stack = new Int32Array(plane);
  for (let z = 0; z < slices; z++) {
    const base = z * plane;
    seen.fill(0);
    for (let p = 0; p < plane; p++) {
      const label = labels[base + p];
      if (label === 0 || seen[p] || hu[base + p] < threshold) continue;
      let top = 0;
      stack[top++] = p;
      seen[p] = 1;
      let count = 0;
      let peak = -Infinity;
      while (top > 0) {
        const q = stack[--top];
        count++;
        const v = hu[base + q];
        if (v > peak) peak = v;
        const qx = q % cols;
        const qy = (q - qx) / cols;
        for (let dy = -1; dy <= 1; dy++) {
          const ny = qy + dy;
          if (ny < 0 || ny >= rows) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const nx = qx + dx;
            if (nx < 0 || nx >= cols) continue;
            const n = ny * cols + nx;
            if (seen[n] || labels[base + n] !== label || hu[base + n] < threshold) continue;
            seen[n] = 1;
            stack[top++] = n;
          }
        }
      }
      const area = count * pixelArea;
      if (area < minArea) continue;
      scores[label] += area * densityWeight(peak) * factor;
    }
  }
  return scores;
}
