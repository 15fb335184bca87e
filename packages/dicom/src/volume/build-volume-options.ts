import type { DicomLimits } from '../limits';
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
  /**
   * 'axial' (default): the volume is on an axial grid. Axial series tilted up to 30° (gantry tilt) or rotated in the
   * image plane are resampled (trilinear) onto an axis-aligned LPS grid, only when the native grid would misplace
   * a voxel by more than half a voxel; sagittal, coronal and oblique series are rejected with NotAxialSeriesError.
   * 'native': slices as stored, any orientation, sheared positions approximated by stacking along the normal.
   */
  grid?: 'axial' | 'native';
  /** Size limits (limits.ts): frames per series and the HU volume's bytes are checked before it is allocated. */
  limits?: Partial<DicomLimits>;
}

export const DEFAULT_BUILD_VOLUME_OPTIONS: Required<Omit<BuildVolumeOptions, 'limits'>> = {
  paddingHu: AIR_HU,
  maxGapFactor: 1.5,
  unevenSpacingTolerance: 0.1,
  duplicateToleranceMm: 0.01,
  grid: 'axial',
};
