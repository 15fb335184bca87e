import type { Volume } from '../volume';
import type { PixelArray } from '../decode/pixel-format';
import { EmptySeriesError, InvalidValueError, NotAxialSeriesError } from '../errors';
import { resolveLimits } from '../limits';
import { type BuildVolumeOptions, DEFAULT_BUILD_VOLUME_OPTIONS } from './build-volume-options';
import { checkHuDistribution, checkPlausibility, plausibleThickness } from './check-plausibility';
import { checkSeriesBudget } from './check-series-budget';
import { describeGeometryWarnings } from './describe-geometry-warnings';
import { angleFromAxialDeg, slicePlane } from './geometry';
import { axisAlignmentErrorVoxels, gridAffine } from './grid-affine';
import { huMappingOf, writeHu } from './hu-mapper';
import { type OrderedSlices, orderSlices } from './order-slices';
import { resampleToAxial } from './resample-to-axial';
import type { SliceRef } from './slice-ref';

/** Reading the native grid as axis-aligned may misplace voxels by up to this many voxels before we resample. */
const MAX_ALIGNMENT_ERROR_VOXELS = 0.5;

export interface BuiltVolume {
  volume: Volume;
  warnings: string[];
}

/**
 * Orders the slices, allocates the HU array once, then asks `loadFrame` for one slice's stored values at a time and
 * converts them straight into the volume: decoded frames are never all held at once.
 */
export function assembleVolume<S>(
  refs: SliceRef<S>[],
  loadFrame: (slice: SliceRef<S>) => PixelArray,
  options: BuildVolumeOptions = {},
): BuiltVolume {
  const opts = { ...DEFAULT_BUILD_VOLUME_OPTIONS, ...options };
  if (refs.length === 0) throw new EmptySeriesError('No slices to build a volume from');
  for (const ref of refs) {
    if (ref.instance.samplesPerPixel !== 1) {
      throw new InvalidValueError(`SamplesPerPixel is ${ref.instance.samplesPerPixel}: not a greyscale CT image`);
    }
  }
  checkSeriesBudget(refs, resolveLimits(options.limits));
  checkPlausibility(refs);
  const ordered = orderSlices(refs, opts);
  const first = ordered.slices[0];
  const plane = slicePlane(first.orientation);
  // Refused before any pixel is decoded: a sagittal or coronal stack is not scored.
  if (opts.grid === 'axial' && plane !== 'axial') {
    throw new NotAxialSeriesError(plane, angleFromAxialDeg(first.orientation));
  }
  const columns = first.instance.columns ?? 0;
  const rows = first.instance.rows ?? 0;
  const perSlice = columns * rows;
  const hu = new Int16Array(perSlice * ordered.slices.length);
  const warnings = [...ordered.warnings];
  if (
    first.instance.rescaleSlope === undefined &&
    first.frame?.rescaleSlope === undefined &&
    !first.instance.modalityLut
  ) {
    warnings.push('No RescaleSlope/Intercept or Modality LUT: stored values are taken as HU');
  }
  ordered.slices.forEach((slice, z) => {
    const stored = loadFrame(slice);
    if (stored.length !== perSlice) {
      throw new InvalidValueError(`Slice ${z} decoded to ${stored.length} values; ${perSlice} expected`);
    }
    writeHu(stored, huMappingOf(slice.instance, slice.frame), opts.paddingHu, hu, z * perSlice);
  });
  checkHuDistribution(hu);
  const thickness = plausibleThickness(first.sliceThickness, ordered.spacingMm, warnings);
  const spacingZ = ordered.spacingMm ?? thickness ?? 1;
  const volume: Volume = {
    hu,
    dims: [columns, rows, ordered.slices.length],
    // PixelSpacing is [between rows, between columns]; the volume wants [along a row, along a column].
    spacingMm: [first.pixelSpacing[1], first.pixelSpacing[0], spacingZ],
    sliceThicknessMm: thickness ?? spacingZ,
    originMm: [...first.position],
    rowDirection: ordered.row,
    columnDirection: ordered.column,
    sliceDirection: ordered.normal,
  };
  if (first.instance.kvp !== undefined) volume.kvp = first.instance.kvp;
  if (ordered.spacingMm === undefined) warnings.push(`Single slice: slice spacing set to ${spacingZ} mm`);
  if (opts.grid !== 'axial') return { volume, warnings: [...warnings, ...describeGeometryWarnings(ordered, false)] };
  return toAxialGrid(volume, ordered, opts.paddingHu, warnings);
}

/**
 * Resamples onto an axis-aligned grid only when needed: a tilted (gantry), sheared or in-plane rotated grid read
 * as axis-aligned would misplace voxels (the CNN grid and per-slice scoring assume voxel axes along x, y, z).
 */
function toAxialGrid<S>(volume: Volume, ordered: OrderedSlices<S>, paddingHu: number, warnings: string[]): BuiltVolume {
  const affine = gridAffine(
    ordered.slices.map((s) => s.position),
    ordered.row,
    ordered.column,
    ordered.normal,
    volume.spacingMm,
    volume.dims,
  );
  const error = axisAlignmentErrorVoxels(affine);
  if (error <= MAX_ALIGNMENT_ERROR_VOXELS) {
    return { volume, warnings: [...warnings, ...describeGeometryWarnings(ordered, false)] };
  }
  const axial = resampleToAxial(volume, affine, paddingHu);
  const [sx, sy, sz] = axial.spacingMm.map((v) => v.toFixed(2));
  return {
    volume: axial,
    warnings: [
      ...warnings,
      ...describeGeometryWarnings(ordered, true),
      `Resampled (trilinear) onto an axial grid of ${axial.dims.join('×')} voxels, ${sx}×${sy}×${sz} mm: the ` +
        `native grid is tilted or rotated (read as axis-aligned it would misplace voxels by up to ` +
        `${Number.isFinite(error) ? error.toFixed(1) : 'many'} voxels)`,
    ],
  };
}
