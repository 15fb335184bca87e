import { InconsistentSeriesError, SliceGapError } from '../errors';
import type { Vec3 } from '../parse/dicom-instance';
import type { BuildVolumeOptions } from './build-volume-options';
import { dot, orientationAxes } from './geometry';
import type { SliceRef } from './slice-ref';

/** Direction cosines that differ by more than this are different orientations. */
const ORIENTATION_TOLERANCE = 1e-3;
/** Pixel spacings that differ by more than this (mm) are different grids. */
const SPACING_TOLERANCE_MM = 1e-3;

export interface OrderedSlices<S> {
  slices: SliceRef<S>[];
  /** Position of each kept slice along the normal (mm), ascending. */
  positionsMm: number[];
  normal: Vec3;
  row: Vec3;
  column: Vec3;
  /** Mean distance between slice centres; undefined for a single slice. */
  spacingMm?: number;
  warnings: string[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function checkSameGrid<S>(slices: SliceRef<S>[]): void {
  const first = slices[0];
  for (const s of slices) {
    if (s.instance.rows !== first.instance.rows || s.instance.columns !== first.instance.columns) {
      throw new InconsistentSeriesError(
        `Slices have different sizes (${first.instance.columns}x${first.instance.rows} and ` +
          `${s.instance.columns}x${s.instance.rows}): not one volume`,
      );
    }
    if (s.orientation.some((v, i) => Math.abs(v - first.orientation[i]) > ORIENTATION_TOLERANCE)) {
      throw new InconsistentSeriesError('Slices have different orientations (ImageOrientationPatient): not one volume');
    }
    if (s.pixelSpacing.some((v, i) => Math.abs(v - first.pixelSpacing[i]) > SPACING_TOLERANCE_MM)) {
      throw new InconsistentSeriesError('Slices have different pixel spacings: not one volume');
    }
  }
}

/**
 * Orders slices along the normal of their shared orientation (row × column cosines), not by InstanceNumber, which
 * scanners number in either direction. Drops duplicates (same position) with a warning, and rejects series with
 * missing slices: any gap beyond `maxGapFactor` × the median spacing.
 */
export function orderSlices<S>(
  input: SliceRef<S>[],
  options: Required<Omit<BuildVolumeOptions, 'limits'>>,
): OrderedSlices<S> {
  checkSameGrid(input);
  const warnings: string[] = [];
  const { row, column, normal } = orientationAxes(input[0].orientation);
  const withPosition = input
    .map((slice, order) => ({ slice, order, z: dot(slice.position, normal) }))
    .sort((a, b) => a.z - b.z || a.order - b.order);

  const kept: typeof withPosition = [];
  for (const entry of withPosition) {
    const previous = kept[kept.length - 1];
    if (previous && Math.abs(entry.z - previous.z) <= options.duplicateToleranceMm) {
      const same = entry.slice.instance.sopInstanceUid === previous.slice.instance.sopInstanceUid;
      warnings.push(
        same
          ? `Dropped a second copy of instance ${entry.slice.instance.sopInstanceUid ?? '?'} (same SOPInstanceUID)`
          : `Dropped instance ${entry.slice.instance.instanceNumber ?? '?'}: same position (${entry.z.toFixed(2)} mm ` +
              `along the normal) as instance ${previous.slice.instance.instanceNumber ?? '?'}`,
      );
      continue;
    }
    kept.push(entry);
  }

  const positionsMm = kept.map((e) => e.z);
  let spacingMm: number | undefined;
  if (kept.length > 1) {
    const gaps = positionsMm.slice(1).map((z, i) => z - positionsMm[i]);
    const typical = median(gaps);
    const worst = Math.max(...gaps);
    if (worst > options.maxGapFactor * typical) {
      const at = gaps.indexOf(worst);
      throw new SliceGapError(
        `Missing slices: a ${worst.toFixed(2)} mm gap between ${positionsMm[at].toFixed(2)} and ` +
          `${positionsMm[at + 1].toFixed(2)} mm is more than ${options.maxGapFactor}x the median spacing ` +
          `${typical.toFixed(2)} mm`,
        worst,
        typical,
      );
    }
    const uneven = gaps.filter((g) => Math.abs(g - typical) > options.unevenSpacingTolerance * typical).length;
    if (uneven > 0) {
      warnings.push(
        `Uneven slice spacing: ${uneven} of ${gaps.length} gaps differ from the median ${typical.toFixed(2)} mm by more ` +
          `than ${options.unevenSpacingTolerance * 100}%; the volume assumes uniform spacing`,
      );
    }
    spacingMm = (positionsMm[positionsMm.length - 1] - positionsMm[0]) / (positionsMm.length - 1);
  }
  return { slices: kept.map((e) => e.slice), positionsMm, normal, row, column, spacingMm, warnings };
}
