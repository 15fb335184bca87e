/**
 * kVp-specific Agatston bounds of Gräni et al. (EHJ-CVI 2018;19:1362), as tabulated in MolloiLab/CalciumScoring.jl.
 * At lower tube voltage calcium attenuates more, so every bound rises; the table keeps the weight a lesion gets
 * roughly independent of kVp. Each row is the lower HU bound of weight 1, 2, 3 and 4.
 */
export type WeightBounds = readonly [number, number, number, number];

export const CLASSIC_WEIGHT_BOUNDS: WeightBounds = [130, 200, 300, 400];

const GRANI_TABLE: ReadonlyArray<{ kvp: number; bounds: WeightBounds }> = [
  { kvp: 70, bounds: [207, 318, 477, 636] },
  { kvp: 80, bounds: [177, 271, 408, 544] },
  { kvp: 100, bounds: [145, 222, 334, 446] },
  { kvp: 120, bounds: [130, 199, 299, 399] },
  { kvp: 135, bounds: [119, 183, 274, 364] },
];

export interface KvpBounds {
  bounds: WeightBounds;
  /** 'exact' for a tabulated kVp; 'interpolated' between rows; 'clamped' outside 70–135 kV (nearest row). */
  fit: 'exact' | 'interpolated' | 'clamped';
}

/** Weight bounds for `kvp`: a table row, linear interpolation between rows (rounded to whole HU), or the end row. */
export function kvpWeightBounds(kvp: number): KvpBounds {
  const first = GRANI_TABLE[0];
  const last = GRANI_TABLE[GRANI_TABLE.length - 1];
  if (kvp <= first.kvp) return { bounds: first.bounds, fit: kvp === first.kvp ? 'exact' : 'clamped' };
  if (kvp >= last.kvp) return { bounds: last.bounds, fit: kvp === last.kvp ? 'exact' : 'clamped' };
  const upper = GRANI_TABLE.findIndex((row) => row.kvp >= kvp);
  const hi = GRANI_TABLE[upper];
  if (hi.kvp === kvp) return { bounds: hi.bounds, fit: 'exact' };
  const lo = GRANI_TABLE[upper - 1];
  const t = (kvp - lo.kvp) / (hi.kvp - lo.kvp);
  const mix = (i: number) => Math.round(lo.bounds[i] + t * (hi.bounds[i] - lo.bounds[i]));
  return { bounds: [mix(0), mix(1), mix(2), mix(3)], fit: 'interpolated' };
}
