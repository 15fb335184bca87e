/** Thresholds for choosing the series to score; every one is configurable per site. */
export interface SelectionPolicy {
  /** Slices this thin or thinner are preferred (Agatston was defined on 3 mm slices). */
  preferredMaxThicknessMm: number;
  /** Thicker than preferred but up to this is accepted with low confidence; thicker is rejected. */
  maxThicknessMm: number;
  minSlices: number;
  /**
   * Minimum extent along the body axis. The heart spans roughly 12 cm head to foot; 80 mm is a deliberately loose
   * floor that rules out partial or targeted scans while accepting tightly collimated cardiac scans.
   */
  minZRangeMm: number;
  /**
   * Coverage floor for ECG-gated calcium-score series (calcium-score-series.ts), which are planned on the heart:
   * 40-60 slices of 3 mm cover 120-180 mm, a small heart less. The lower of this and `minZRangeMm` applies.
   */
  calciumScoreMinZRangeMm: number;
  /** Largest angle between the slice normal and the body axis still treated as axial (gantry tilt). */
  maxAxialAngleDeg: number;
  /**
   * Accept ImageType DERIVED\\PRIMARY axial series that are not projections (MIP, volume rendering, …). Scanners such
   * as Canon's label their 3 mm calcium-scoring reconstructions DERIVED\\PRIMARY\\MPR; rejecting them would reject the
   * very series to score. SECONDARY and projection types are always rejected.
   */
  acceptDerivedAxial: boolean;
  /** Accept sharp-kernel series (low confidence) when no soft-kernel series exists. */
  allowSharpKernel: boolean;
}

export const DEFAULT_SELECTION_POLICY: SelectionPolicy = {
  preferredMaxThicknessMm: 3,
  maxThicknessMm: 10,
  minSlices: 20,
  minZRangeMm: 80,
  calciumScoreMinZRangeMm: 60,
  maxAxialAngleDeg: 30,
  acceptDerivedAxial: true,
  allowSharpKernel: true,
};
