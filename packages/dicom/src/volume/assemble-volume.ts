import type { Volume } from '../volume';
import { EmptySeriesError, InvalidValueError, NotAxialSeriesError } from '../errors';
import { resolveLimits } from '../limits';
import { type BuildVolumeOptions, DEFAULT_BUILD_VOLUME_OPTIONS } from './build-volume-options';
import { checkHuDistribution, checkPlausibility, plausibleThickness } from './check-plausibility';
import { checkSeriesBudget } from './check-series-budget';
import { describeGeometryWarnings } from './describe-geometry-warnings';
import { angleFromAxialDeg, slicePlane } from './geometry';
import { axisAlignmentErrorVoxels, gridAffine } from './grid-affine';
import { huMappingOf } from './hu-mapper';
import { HuLookupCache } from './hu-lookup';
import { type OrderedSlices, orderSlices } from './order-slices';
import { resampleToAxial } from './resample-to-axial';
import type { SliceRef } from './slice-ref';
import { type LoadedFrame, writeSliceHu } from './write-slice-hu';

/** Reading the native grid as axis-aligned may misplace voxels by up to this many voxels before we resample. */
const MAX_ALIGNMENT_ERROR_VOXELS = 0.5;

export interface BuiltVolume {
  volume: Volume;
  warnings: string[];
}

/**
 * A checked, ordered series with its HU array allocated and not yet filled: `assembleVolume` fills it slice by slice
 * in this thread; readSeriesVolume may fill it from several threads (the array is then shared memory).
 */
export interface VolumePlan<S> {
  slices: SliceRef<S>[];
  hu: Int16Array;
  perSlice: number;
  paddingHu: number;
  finish(): BuiltVolume;
}

/**
 * Orders the slices, allocates the HU array once, then asks `loadFrame` for one slice's stored values at a time and
 * converts them straight into the volume: decoded frames are never all held at once.
 */
export function assembleVolume<S>(
  refs: SliceRef<S>[],
  loadFrame: (slice: SliceRef<S>) => LoadedFrame,
  options: BuildVolumeOptions = {},
): BuiltVolume {
  const plan = planVolume(refs, options);
  const tables = new HuLookupCache(plan.paddingHu);
  plan.slices.forEach((slice, z) => {
    writeSliceHu(loadFrame(slice), huMappingOf(slice.instance, slice.frame), tables, plan.hu, z, plan.perSlice);
  });
  return plan.finish();
}

/**
 * Everything before the first pixel is decoded: the series' budget, plausibility, order and orientation are checked
 * and the HU array allocated (`shared`: in a SharedArrayBuffer, for threads to fill). `finish` checks the filled
 * values and builds the volume, resampled onto an axial grid when needed.
 */
export function planVolume<S>(refs: SliceRef<S>[], options: BuildVolumeOptions = {}, shared = false): VolumePlan<S> {
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
  const length = perSlice * ordered.slices.length;
  const hu = shared
    ? new Int16Array(new SharedArrayBuffer(length * Int16Array.BYTES_PER_ELEMENT))
    : new Int16Array(length);
  return {
    slices: ordered.slices,
    hu,
    perSlice,
    paddingHu: opts.paddingHu,
    finish: () => finishVolume(ordered, hu, opts),
  };
}

function finishVolume<S>(
  ordered: OrderedSlices<S>,
  hu: Int16Array,
  opts: Required<Omit<BuildVolumeOptions, 'limits'>>,
): BuiltVolume {
  const first = ordered.slices[0];
  const columns = first.instance.columns ?? 0;
  const rows = first.instance.rows ?? 0;
  const warnings = [...ordered.warnings];
  if (
    first.instance.rescaleSlope === undefined &&
    first.frame?.rescaleSlope === undefined &&
    !first.instance.modalityLut
  ) {
    warnings.push('No RescaleSlope/Intercept or Modality LUT: stored values are taken as HU');
  }
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
