import { AIR_HU } from './hu-mapper';

export interface BuildVolumeOptions {
  /** HU written for PixelPaddingValue voxels (outside the scan field). Default -1024 (air). */
  paddingHu?: number;
  /**
   * A gap between neighbouring slices larger than this multiple of the median spacing means missing slices: the
   * series is rejected with SliceGapError. Default 1.5.
   */
  maxGapFactor?: number;
  /** Spacing that differs from the median by more than this fraction is reported as uneven. Default 0.1. */
  unevenSpacingTolerance?: number;
  /** Slices closer than this along the normal are duplicates (mm). Default 0.01. */
  duplicateToleranceMm?: number;
}

export const DEFAULT_BUILD_VOLUME_OPTIONS: Required<BuildVolumeOptions> = {
  paddingHu: AIR_HU,
  maxGapFactor: 1.5,
  unevenSpacingTolerance: 0.1,
  duplicateToleranceMm: 0.01,
};
