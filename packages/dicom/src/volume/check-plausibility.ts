import { ImplausibleValueError, InconsistentSeriesError } from '../errors';
import type { DicomInstance } from '../parse/dicom-instance';
import { huMappingOf } from './hu-mapper';
import type { SliceRef } from './slice-ref';

/** CT pixels are 0.1–5 mm (a 50 cm field on 512² is 0.98 mm; micro-CT and 5 mm thumbnails are out of scope). */
export const PIXEL_SPACING_RANGE_MM: readonly [number, number] = [0.1, 5];
/** Reconstructed slices thicker or further apart than this are not a series to score. */
export const MAX_SLICE_MM = 20;
/** One stored step above 10 HU quantises the 130 HU threshold too coarsely to score. */
const MAX_SLOPE = 10;
/** Unsigned 16-bit data with an intercept of −32,768 is the widest real encoding. */
const MAX_ABS_INTERCEPT = 65536;
/** The stored range must reach air-like and bone-like HU, or the scale is not CT Hounsfield units. */
const REQUIRED_HU: readonly [number, number] = [-500, 500];

const where = (i: DicomInstance) => `instance ${i.instanceNumber ?? i.sopInstanceUid ?? '?'}`;

function checkPixelLayout(instance: DicomInstance): void {
  const allocated = instance.bitsAllocated ?? 0;
  if (allocated === 1) {
    throw new ImplausibleValueError(
      `BitsAllocated 1 in ${where(instance)}: a bitmap (segmentation or overlay), not a CT image`,
    );
  }
  const stored = instance.bitsStored ?? allocated;
  if (stored < 1 || stored > allocated) {
    throw new ImplausibleValueError(`BitsStored ${stored} with BitsAllocated ${allocated} in ${where(instance)}`);
  }
}

/** The same pixel layout on every slice: a slice that differs was written by something else, or corrupted. */
function checkSameLayout<S>(refs: SliceRef<S>[]): void {
  const first = refs[0].instance;
  for (const { instance } of refs) {
    for (const key of ['bitsAllocated', 'bitsStored', 'pixelRepresentation'] as const) {
      if (instance[key] !== first[key]) {
        const name = key[0].toUpperCase() + key.slice(1);
        throw new InconsistentSeriesError(
          `${name} is ${instance[key]} in ${where(instance)} but ${first[key]} in ${where(first)}: not one series`,
        );
      }
    }
  }
}

/** Rejects a rescale that cannot give Hounsfield units: NaN, ≤ 0, huge, or a stored range that misses air or bone. */
function checkRescale<S>(ref: SliceRef<S>): void {
  const { instance } = ref;
  const unparsable = instance.unparsableNumbers ?? [];
  if (unparsable.length > 0) {
    throw new ImplausibleValueError(`${unparsable.join('; ')} in ${where(instance)}: the HU scale is unknown`);
  }
  const mapping = huMappingOf(instance, ref.frame);
  if (mapping.lut) return;
  const { slope, intercept } = mapping;
  if (!Number.isFinite(slope) || slope <= 0 || slope > MAX_SLOPE) {
    throw new ImplausibleValueError(
      `RescaleSlope ${slope} in ${where(instance)} is not a CT scale (it must be above 0 and at most ${MAX_SLOPE})`,
    );
  }
  if (!Number.isFinite(intercept) || Math.abs(intercept) > MAX_ABS_INTERCEPT) {
    throw new ImplausibleValueError(`RescaleIntercept ${intercept} in ${where(instance)} is not a CT scale`);
  }
  const bits = instance.bitsStored ?? instance.bitsAllocated ?? 16;
  const signed = instance.pixelRepresentation === 1;
  const low = (signed ? -(2 ** (bits - 1)) : 0) * slope + intercept;
  const high = (signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1) * slope + intercept;
  if (low > REQUIRED_HU[0] || high < REQUIRED_HU[1]) {
    throw new ImplausibleValueError(
      `The stored values of ${where(instance)} map to ${low}…${high} HU (${bits}-bit, slope ${slope}, intercept ` +
        `${intercept}), which cannot hold both air and bone: not a CT Hounsfield scale`,
    );
  }
}

function checkPixelSpacing<S>(ref: SliceRef<S>): void {
  const [min, max] = PIXEL_SPACING_RANGE_MM;
  if (ref.pixelSpacing.some((v) => !(v >= min && v <= max))) {
    throw new ImplausibleValueError(
      `PixelSpacing ${ref.pixelSpacing.join('\\')} mm in ${where(ref.instance)} is outside ${min}–${max} mm`,
    );
  }
}

/**
 * Checks, before any pixel is decoded, that the series' values make physical sense for CT, so that nonsense is
 * refused with a reason instead of giving a score. Throws ImplausibleValueError or InconsistentSeriesError.
 */
export function checkPlausibility<S>(refs: SliceRef<S>[]): void {
  checkSameLayout(refs);
  for (const ref of refs) {
    checkPixelLayout(ref.instance);
    checkRescale(ref);
    checkPixelSpacing(ref);
  }
}

/**
 * The slice thickness to report: the header's when plausible; otherwise the slice spacing, with a warning, since
 * the spacing from positions is what places voxels. Refused when neither is plausible.
 */
export function plausibleThickness(thickness: number | undefined, spacing: number | undefined, warnings: string[]) {
  const fits = (v: number | undefined) => v !== undefined && v > 0 && v <= MAX_SLICE_MM;
  if (spacing !== undefined && !fits(spacing)) {
    throw new ImplausibleValueError(`Slices are ${spacing} mm apart: outside 0–${MAX_SLICE_MM} mm`);
  }
  if (thickness === undefined || fits(thickness)) return thickness;
  if (spacing === undefined) {
    throw new ImplausibleValueError(`SliceThickness ${thickness} mm is outside 0–${MAX_SLICE_MM} mm`);
  }
  warnings.push(
    `SliceThickness ${thickness} mm is outside 0–${MAX_SLICE_MM} mm; the slice spacing ${spacing.toFixed(2)} mm is ` +
      'used instead',
  );
  return spacing;
}

/** Air to dense cortical bone and calcium: where nearly every voxel of a chest CT lies. */
const CT_HU_RANGE: readonly [number, number] = [-1100, 3100];
/** Soft tissue, blood and water: every CT of a body (or of a water phantom) holds some. */
const SOFT_TISSUE_HU: readonly [number, number] = [-200, 300];
/** Outside the scan circle some scanners store −2,048 or −3,024 without padding: up to about a quarter of a slice. */
const MIN_IN_CT_RANGE = 0.5;
const MIN_SOFT_TISSUE = 0.001;
const MAX_SAMPLES = 1_000_000;

/**
 * Rejects a decoded volume whose values are not Hounsfield units, whatever the header claimed: a rescale that the
 * header checks let through (an intercept of −30,000 on 16-bit data) would otherwise score every voxel as air.
 */
export function checkHuDistribution(hu: Int16Array): void {
  if (hu.length === 0) return;
  const step = Math.max(1, Math.floor(hu.length / MAX_SAMPLES));
  let samples = 0;
  let inRange = 0;
  let soft = 0;
  for (let i = 0; i < hu.length; i += step) {
    const v = hu[i];
    samples++;
    if (v >= CT_HU_RANGE[0] && v <= CT_HU_RANGE[1]) inRange++;
    if (v >= SOFT_TISSUE_HU[0] && v <= SOFT_TISSUE_HU[1]) soft++;
  }
  const percent = (n: number) => `${((100 * n) / samples).toFixed(1)} %`;
  if (inRange / samples < MIN_IN_CT_RANGE || soft / samples < MIN_SOFT_TISSUE) {
    throw new ImplausibleValueError(
      `Only ${percent(inRange)} of voxels lie between ${CT_HU_RANGE[0]} and ${CT_HU_RANGE[1]} HU and ` +
        `${percent(soft)} between ${SOFT_TISSUE_HU[0]} and ${SOFT_TISSUE_HU[1]} HU: the values are not CT ` +
        'Hounsfield units (check RescaleSlope and RescaleIntercept)',
    );
  }
}
