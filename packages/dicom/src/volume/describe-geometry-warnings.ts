import { AXIAL_MAX_ANGLE_DEG, angleFromAxialDeg, dot, subtract } from './geometry';
import type { OrderedSlices } from './order-slices';

const DEGREES_PER_RADIAN = 180 / Math.PI;
/** Shear or tilt below this is numerical noise in positions, not a tilted acquisition. */
const TILT_REPORT_THRESHOLD_DEG = 0.5;

/**
 * Warnings a reader should see about the series' geometry: gantry tilt (declared, or slice centres sheared off the
 * normal), a tilted image plane, a non-axial orientation. `resampled` says whether the volume was resampled onto an
 * axial grid (exact) or keeps the native stack (positions away from the first slice approximate under shear).
 */
export function describeGeometryWarnings<S>(ordered: OrderedSlices<S>, resampled: boolean): string[] {
  const warnings: string[] = [];
  const { slices, normal } = ordered;
  const first = slices[0];
  const declaredTilt = slices.map((s) => s.instance.gantryDetectorTilt ?? 0).find((t) => Math.abs(t) > 0);
  if (declaredTilt !== undefined) {
    warnings.push(`Gantry/detector tilt ${declaredTilt}° (0018,1120): slices are not perpendicular to the table axis`);
  }
  if (slices.length > 1) {
    const step = subtract(slices[slices.length - 1].position, first.position);
    const along = dot(step, normal);
    const across = Math.sqrt(Math.max(0, dot(step, step) - along * along));
    const shearDeg = Math.atan2(across, Math.abs(along)) * DEGREES_PER_RADIAN;
    if (shearDeg > TILT_REPORT_THRESHOLD_DEG) {
      warnings.push(
        `Slice positions are sheared ${shearDeg.toFixed(1)}° from the slice normal (gantry tilt)` +
          (resampled
            ? ''
            : '; the volume stacks slices along the normal, so patient coordinates away from the first slice are approximate'),
      );
    }
  }
  const offAxial = angleFromAxialDeg(first.orientation);
  if (offAxial > AXIAL_MAX_ANGLE_DEG) {
    warnings.push(`Orientation is not axial: the slice normal is ${offAxial.toFixed(0)}° from the head-foot axis`);
  } else if (offAxial > TILT_REPORT_THRESHOLD_DEG) {
    warnings.push(`Image plane is tilted ${offAxial.toFixed(1)}° from true axial`);
  }
  return warnings;
}
