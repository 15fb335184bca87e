import type { WeightBounds } from './kvp-thresholds';

/**
 * Agatston density weight from a component's peak HU on one slice: 0 below the weight-1 bound, else 1–4.
 * Bounds are inclusive lower limits, so with the classic bounds 199 → 1, 200 → 2, 399 → 3, 400 → 4.
 */
export function densityWeight(peakHu: number, bounds: WeightBounds): 0 | 1 | 2 | 3 | 4 {
  if (peakHu >= bounds[3]) return 4;
  if (peakHu >= bounds[2]) return 3;
  if (peakHu >= bounds[1]) return 2;
  if (peakHu >= bounds[0]) return 1;
  return 0;
}
