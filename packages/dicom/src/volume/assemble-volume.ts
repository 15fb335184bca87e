import type { Volume } from '../volume';
import type { PixelArray } from '../decode/pixel-format';
import { EmptySeriesError, InvalidValueError } from '../errors';
import { type BuildVolumeOptions, DEFAULT_BUILD_VOLUME_OPTIONS } from './build-volume-options';
import { describeGeometryWarnings } from './describe-geometry-warnings';
import { huMappingOf, writeHu } from './hu-mapper';
import { orderSlices } from './order-slices';
import type { SliceRef } from './slice-ref';

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
  const ordered = orderSlices(refs, opts);
  const warnings = [...ordered.warnings, ...describeGeometryWarnings(ordered)];
  const first = ordered.slices[0];
  const columns = first.instance.columns ?? 0;
  const rows = first.instance.rows ?? 0;
  const perSlice = columns * rows;
  const hu = new Int16Array(perSlice * ordered.slices.length);
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
  const thickness = first.sliceThickness;
  const spacingZ = ordered.spacingMm ?? thickness ?? 1;
  if (ordered.spacingMm === undefined) warnings.push(`Single slice: slice spacing set to ${spacingZ} mm`);
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
  return { volume, warnings };
}
