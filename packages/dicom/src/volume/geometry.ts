import type { Vec3 } from '../parse/dicom-instance';

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function normalize(v: Vec3): Vec3 {
  const n = Math.hypot(v[0], v[1], v[2]);
  return n > 0 ? [v[0] / n, v[1] / n, v[2] / n] : [0, 0, 0];
}

export function subtract(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

/** Row and column direction cosines from ImageOrientationPatient, and the slice normal (row × column). */
export function orientationAxes(iop: readonly number[]): { row: Vec3; column: Vec3; normal: Vec3 } {
  const row = normalize([iop[0], iop[1], iop[2]]);
  const column = normalize([iop[3], iop[4], iop[5]]);
  return { row, column, normal: normalize(cross(row, column)) };
}

/** How far direction cosines may stray from unit length and right angles (rounding in 6-digit DS values). */
const ORTHONORMAL_TOLERANCE = 0.01;

/** Whether ImageOrientationPatient holds two unit vectors at right angles, as PS3.3 C.7.6.2.1.1 requires. */
export function isOrthonormalOrientation(iop: readonly number[]): boolean {
  if (iop.length < 6 || iop.some((v) => !Number.isFinite(v))) return false;
  const row = [iop[0], iop[1], iop[2]];
  const column = [iop[3], iop[4], iop[5]];
  const length = (v: number[]) => Math.hypot(v[0], v[1], v[2]);
  return (
    Math.abs(length(row) - 1) <= ORTHONORMAL_TOLERANCE &&
    Math.abs(length(column) - 1) <= ORTHONORMAL_TOLERANCE &&
    Math.abs(row[0] * column[0] + row[1] * column[1] + row[2] * column[2]) <= ORTHONORMAL_TOLERANCE
  );
}

const DEGREES_PER_RADIAN = 180 / Math.PI;

/** Angle in degrees between the slice normal and the patient's head-foot (z) axis, 0 for a true axial image. */
export function angleFromAxialDeg(iop: readonly number[]): number {
  const { normal } = orientationAxes(iop);
  return Math.acos(Math.min(1, Math.abs(normal[2]))) * DEGREES_PER_RADIAN;
}

/**
 * Largest angle from true axial that still counts as an axial acquisition. Gantry-tilted axial scans tilt the
 * image plane by up to about 30°; a coronal or sagittal reformat is near 90°.
 */
export const AXIAL_MAX_ANGLE_DEG = 30;

export function isAxial(iop: readonly number[] | undefined): boolean {
  return iop !== undefined && iop.length >= 6 && angleFromAxialDeg(iop) <= AXIAL_MAX_ANGLE_DEG;
}

/** The plane a series' slices lie in, from the slice normal. */
export type SlicePlane = 'axial' | 'coronal' | 'sagittal' | 'oblique';

/**
 * Axial when the normal is within `maxAxialDeg` of the head-foot axis (gantry tilt); otherwise the patient axis
 * the normal is closest to names the reconstruction (x: sagittal, y: coronal), or oblique when that is still z.
 */
export function slicePlane(iop: readonly number[], maxAxialDeg = AXIAL_MAX_ANGLE_DEG): SlicePlane {
  if (angleFromAxialDeg(iop) <= maxAxialDeg) return 'axial';
  const [x, y, z] = orientationAxes(iop).normal.map(Math.abs);
  if (x >= y && x >= z) return 'sagittal';
  return y >= z ? 'coronal' : 'oblique';
}

/** The typed reason a non-axial series is refused: "not an axial series (sagittal reconstruction)". */
export function notAxialReason(plane: Exclude<SlicePlane, 'axial'>): string {
  return `not an axial series (${plane} reconstruction)`;
}
