import type { Volume } from '@cacscreen/dicom';
import type { QualityFlag } from './quality-flags';

export type ThicknessNormalisation = 'none' | 'scale-to-3mm';
export type OverlapRule = 'scale-by-spacing' | 'none';

/** Agatston was defined on contiguous 3-mm slices. */
export const REFERENCE_THICKNESS_MM = 3;

/** DICOM thickness and spacing are rounded decimals: treat differences under this as equal. */
function toleranceMm(thicknessMm: number): number {
  return Math.max(0.01, 0.01 * thicknessMm);
}

export interface SliceFactor {
  /** Multiplies every slice's area × weight. */
  factor: number;
  /** How much tissue along z one slice stands for, after the overlap rule (mm). */
  zExtentMm: number;
  flags: QualityFlag[];
}

/**
 * The per-slice multiplier of the Agatston sum.
 *
 * - `scale-to-3mm` (default): area × weight × zExtent / 3, as DeepCAC and AI-CAC do with thickness / 3. Summing
 *   per-slice areas integrates the lesion along z in units of one slice, so 1-mm slices give about three times the
 *   3-mm score of the same plaque; scaling by the z-extent each slice represents makes scores from the mixed slice
 *   thicknesses of an archive comparable, and leaves 3-mm data unchanged (factor 1).
 * - `none`: plain per-slice sum, as CalciumScoring.jl, the Slicer script and most vendor software assume 3-mm input.
 *
 * Overlap rule (slice spacing < thickness, e.g. 3 mm every 1.5 mm): every slice is scored and its z-extent is the
 * spacing, not the thickness, so each millimetre of tissue is counted once. Scoring only every k-th slice would also
 * avoid double counting but throws data away and makes the score depend on which slice starts the stack (a 1.5-mm
 * start shift changes the risk category in about 1 in 10 patients); spacing weighting is the discrete integral and is
 * consistent with the volume score (voxel volume = pixel area × spacing). With `overlapRule: 'none'` overlapping
 * slices are counted at full thickness (inflated score, flagged).
 *
 * Gaps (spacing > thickness) are flagged but not corrected: the unseen tissue cannot be scored.
 */
export function sliceFactor(
  volume: Volume,
  normalisation: ThicknessNormalisation,
  overlapRule: OverlapRule,
): SliceFactor {
  const spacing = volume.spacingMm[2];
  const thickness = volume.sliceThicknessMm > 0 ? volume.sliceThicknessMm : spacing;
  const tol = toleranceMm(thickness);
  const flags: QualityFlag[] = [];
  if (thickness > REFERENCE_THICKNESS_MM + tol) flags.push('thick-slices');
  const multiSlice = volume.dims[2] > 1;
  const overlapping = multiSlice && spacing < thickness - tol;
  if (overlapping) flags.push('overlapping-slices');
  if (multiSlice && spacing > thickness + tol) flags.push('slice-gaps');
  const zExtentMm = overlapping && overlapRule === 'scale-by-spacing' ? spacing : thickness;
  const factor = normalisation === 'scale-to-3mm' ? zExtentMm / REFERENCE_THICKNESS_MM : zExtentMm / thickness;
  return { factor, zExtentMm, flags };
}
