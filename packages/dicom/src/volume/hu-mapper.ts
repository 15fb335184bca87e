import type { DicomInstance, FrameGeometry } from '../parse/dicom-instance';

/** HU for air: what padding (outside the reconstruction circle) becomes by default. */
export const AIR_HU = -1024;
const INT16_MIN = -32768;
const INT16_MAX = 32767;

export interface HuMapping {
  slope: number;
  intercept: number;
  /** Modality LUT used instead of slope/intercept (no rescale attributes present). */
  lut?: DicomInstance['modalityLut'];
  paddingValue?: number;
  paddingLimit?: number;
}

/** The value mapping for one frame: per-frame rescale first (Enhanced CT), then the image's, then the Modality LUT. */
export function huMappingOf(instance: DicomInstance, frame: FrameGeometry | undefined): HuMapping {
  const slope = frame?.rescaleSlope ?? instance.rescaleSlope;
  const intercept = frame?.rescaleIntercept ?? instance.rescaleIntercept;
  const useLut = slope === undefined && intercept === undefined && instance.modalityLut !== undefined;
  return {
    slope: slope ?? 1,
    intercept: intercept ?? 0,
    lut: useLut ? instance.modalityLut : undefined,
    paddingValue: instance.pixelPaddingValue,
    paddingLimit: instance.pixelPaddingRangeLimit,
  };
}

/**
 * Writes HU for one frame of stored values into `out` at `offset`. Padding (PixelPaddingValue, or the range up to
 * PixelPaddingRangeLimit) becomes `paddingHu`; results are rounded and clamped to int16.
 */
export function writeHu(
  stored: ArrayLike<number>,
  mapping: HuMapping,
  paddingHu: number,
  out: Int16Array,
  offset: number,
): void {
  const { slope, intercept, lut, paddingValue, paddingLimit } = mapping;
  const padLow = paddingLimit === undefined ? paddingValue : Math.min(paddingValue ?? paddingLimit, paddingLimit);
  const padHigh = paddingLimit === undefined ? paddingValue : Math.max(paddingValue ?? paddingLimit, paddingLimit);
  if (!lut && slope === 1 && Number.isInteger(intercept)) {
    // Slope 1 and an integer intercept (almost every CT): no rounding needed.
    for (let i = 0; i < stored.length; i++) {
      const v = stored[i];
      const hu =
        padLow !== undefined && padHigh !== undefined && v >= padLow && v <= padHigh ? paddingHu : v + intercept;
      out[offset + i] = hu < INT16_MIN ? INT16_MIN : hu > INT16_MAX ? INT16_MAX : hu;
    }
    return;
  }
  for (let i = 0; i < stored.length; i++) {
    const v = stored[i];
    let hu: number;
    if (padLow !== undefined && padHigh !== undefined && v >= padLow && v <= padHigh) {
      hu = paddingHu;
    } else if (lut) {
      const index = Math.min(Math.max(v - lut.firstStoredValue, 0), lut.data.length - 1);
      hu = lut.data[index];
    } else {
      hu = Math.round(v * slope + intercept);
    }
    out[offset + i] = hu < INT16_MIN ? INT16_MIN : hu > INT16_MAX ? INT16_MAX : hu;
  }
}
