/**
 * Conditions that make a score less comparable with a classic 3-mm, 120-kVp Agatston score. The score is still
 * computed; the flags travel with it so a reader (or a worklist rule) can discount it.
 */
export type QualityFlag =
  /** Reconstructed slice thickness above 3 mm: small lesions are diluted by partial volume and may be missed. */
  | 'thick-slices'
  /** Slice spacing below slice thickness: neighbouring slices share tissue (see the overlap rule). */
  | 'overlapping-slices'
  /** Slice spacing above slice thickness: tissue between slices is never seen. */
  | 'slice-gaps'
  /** kVp-specific thresholds were asked for but the volume has no kVp: classic bounds were used. */
  | 'kvp-unknown'
  /** The kVp lies between rows of the kVp table: bounds were interpolated. */
  | 'kvp-interpolated'
  /** The kVp lies outside the kVp table (70–135 kV): the nearest row was used. */
  | 'kvp-out-of-range'
  /** Classic bounds were applied to a scan not acquired at 120 kVp. */
  | 'kvp-not-120'
  /** The labeller could not locate the heart: nothing was called coronary, and the score of 0 is not a finding. */
  | 'heart-not-found';
